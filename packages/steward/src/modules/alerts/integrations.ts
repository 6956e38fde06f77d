// Integrations: who may send alerts, each with a secret key. The key is shown once; Steward keeps its
// SHA-256, so a sender's key is found by one indexed lookup and a copy of the database reveals none.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../../platform/audit/audit-log.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { type Catalog, parseEntityRef, stringifyEntityRef } from '../catalog/index.ts';
import type { CreateIntegration, Integration } from './schemas.ts';
import type { AlertTables, IntegrationsTable, IntegrationType } from './tables.ts';

export type IntegrationRow = Selectable<IntegrationsTable>;

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export function findIntegrationByKey(db: Kysely<AlertTables>, key: string, type: IntegrationType) {
  return db
    .selectFrom('alert_integrations')
    .selectAll()
    .where('key_hash', '=', hashKey(key))
    .where('type', '=', type)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/**
 * The integrations whose keys senders presented, remembered for a while: a storm of requests asks the
 * database once per key, not once per request. Only live keys are remembered, and what is written
 * with a remembered one checks in the same statement that it is still live (insertInboxRow), so a
 * deleted key stops working at once on every server.
 */
export class IntegrationKeys {
  private readonly known = new Map<string, { row: IntegrationRow; until: number }>();
  private readonly db: Kysely<AlertTables>;
  private readonly ttlMs: number;

  constructor(db: Kysely<AlertTables>, ttlMs = 60_000) {
    this.db = db;
    this.ttlMs = ttlMs;
  }

  async find(key: string, type: IntegrationType): Promise<IntegrationRow | undefined> {
    const id = `${type}:${hashKey(key)}`;
    const hit = this.known.get(id);
    if (hit && hit.until > Date.now()) return hit.row;
    this.known.delete(id);
    const row = await findIntegrationByKey(this.db, key, type);
    if (row) this.known.set(id, { row, until: Date.now() + this.ttlMs });
    return row;
  }

  forget(key: string, type: IntegrationType): void {
    this.known.delete(`${type}:${hashKey(key)}`);
  }
}

export function toIntegration(row: IntegrationRow): Integration {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    service: row.service,
    urgency: row.urgency,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The binding as a full ref of an entity the catalog has (component:checkout → component:default/checkout). */
async function boundService(catalog: Pick<Catalog, 'loadEntitiesByRef'>, text: string): Promise<string> {
  const parsed = parseEntityRef(text, { defaultKind: 'component', defaultNamespace: 'default' });
  if (!parsed.ok)
    throw invalid(`body.service: ${parsed.message}`, [{ field: 'body.service', message: parsed.message }]);
  const ref = stringifyEntityRef(parsed.ref);
  if ((await catalog.loadEntitiesByRef([ref])).length === 0) {
    const message = `${ref} is not in the catalog; bind an entity the catalog has (e.g. component:checkout), or leave service out to route by who-owns`;
    throw invalid(`body.service: ${message}`, [{ field: 'body.service', message }]);
  }
  return ref;
}

export async function createIntegration(
  db: Kysely<AlertTables>,
  catalog: Pick<Catalog, 'loadEntitiesByRef'>,
  caller: Pick<Principal, 'handle'>,
  input: CreateIntegration,
): Promise<{ integration: Integration; key: string }> {
  const service = input.service ? await boundService(catalog, input.service) : null;
  const key = randomBytes(32).toString('base64url');
  const row = await db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('alert_integrations')
      .select('id')
      .where('name', '=', input.name)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (taken) throw conflict(`an integration named ${input.name} exists already; choose another name`);
    const created = await trx
      .insertInto('alert_integrations')
      .values({
        id: randomUUID(),
        type: input.type,
        name: input.name,
        service,
        urgency: input.urgency ?? null,
        key_hash: hashKey(key),
        created_by: caller.handle,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toIntegration(created);
    await recordAudit(trx, {
      actor: caller.handle,
      action: 'integration.create',
      subjectType: 'integration',
      subjectId: created.id,
      after,
    });
    return created;
  });
  return { integration: toIntegration(row), key };
}

export async function findIntegrationNamed(
  db: Kysely<AlertTables>,
  name: string,
): Promise<Integration | null> {
  const row = await db
    .selectFrom('alert_integrations')
    .selectAll()
    .where('name', '=', name)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? toIntegration(row) : null;
}

export async function listIntegrations(db: Kysely<AlertTables>): Promise<Integration[]> {
  const rows = await db
    .selectFrom('alert_integrations')
    .selectAll()
    .where('deleted_at', 'is', null)
    .orderBy('name')
    .execute();
  return rows.map(toIntegration);
}

/** Its key stops working at once; its alerts and their history stay. */
export async function deleteIntegration(
  db: Kysely<AlertTables>,
  caller: Principal,
  id: string,
): Promise<Integration> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('alert_integrations')
      .set({ deleted_at: new Date() })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound(`no integration with id ${id}; GET /api/v1/integrations lists them`);
    const before = toIntegration(row);
    await recordAudit(trx, {
      actor: caller.handle,
      action: 'integration.delete',
      subjectType: 'integration',
      subjectId: id,
      before,
    });
    return before;
  });
}
