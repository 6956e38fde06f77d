// For suppression tests: its tables on a test database (until the alerts module lists its migrations
// folder in server/modules.ts, the test engines do not apply 0017), people calling, and a small
// catalog with services owned by payments.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Principal, type Role, scopesForRole } from '../../../platform/auth/principal.ts';
import type { Database } from '../../../platform/db/database.ts';
import { migrateToLatest } from '../../../platform/db/migrate.ts';
import { type Catalog, type CatalogEntity, loadCatalog } from '../../catalog/index.ts';

const alertsMigrations = fileURLToPath(new URL('../migrations/', import.meta.url));

/** `moduleMigrationFolders`: server/modules.ts's moduleMigrationFolders (which this file may not import). */
export async function withSuppressionTables(
  database: Database,
  moduleMigrationFolders: readonly string[],
): Promise<Database> {
  const folders = moduleMigrationFolders.some(
    (f) => f.replace(/\/$/, '') === alertsMigrations.replace(/\/$/, ''),
  )
    ? moduleMigrationFolders
    : [...moduleMigrationFolders, alertsMigrations];
  await migrateToLatest(database, folders);
  return database;
}

export function person(handle: string, role: Role, teams: string[] = []): Principal {
  return {
    userId: `id-${handle}`,
    handle,
    name: handle,
    role,
    scopes: scopesForRole[role],
    teamIds: teams.map((t) => `team-${t}`),
    teams,
    via: 'token',
  };
}

/** checkout (a Component) and ledger (a Steward Service), both owned by payments; search by search. */
export async function shopCatalog(): Promise<
  Pick<Catalog, 'loadEntitiesByRef'> & { entities: CatalogEntity[] }
> {
  const dir = mkdtempSync(join(tmpdir(), 'steward-suppression-'));
  writeFileSync(
    join(dir, 'catalog-info.yaml'),
    `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: search }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: checkout }
spec: { type: service, lifecycle: production, owner: group:payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: search-api }
spec: { type: service, lifecycle: production, owner: group:search }
---
apiVersion: steward.dev/v1
kind: Service
metadata: { name: ledger }
spec:
  lifecycle: production
  tier: 1
  owners: [{ ref: group:payments, role: primary }]
`,
  );
  const { entities, errors } = await loadCatalog([dir]);
  if (errors.length > 0) throw new Error(`test catalog: ${JSON.stringify(errors)}`);
  return {
    entities,
    loadEntitiesByRef: async (refs) => entities.filter((e) => refs.includes(e.ref)),
  };
}
