// Groups and Users as identity writes them: a team or person created, changed or deleted through
// identity's API is an API-sourced entity, so who-owns, orphans and the team page read one truth.
// Identity has already applied its own rules (a team's members edit it, its leads change members,
// admins create), so the catalog's rule for ownerless entities (admins only) is not applied again.
// A Group or User read from a file is changed there: 409 naming the file and line, as for any entity.
import type { Principal } from '../../../platform/auth/principal.ts';
import type { CatalogOptions } from '../engine/model.ts';
import { bodiesOfKinds, findEntityRow } from '../store/entity-reads.ts';
import { writeEntityChanges } from '../store/entity-writes.ts';
import { replaceProblems } from '../store/problem-store.ts';
import { recountSource } from '../store/source-store.ts';
import type { CatalogDb } from '../store/tables.ts';
import { editorOf } from './edit-permissions.ts';
import { apiSourceId, createEntity, deleteEntity, replaceEntity } from './entity-edits.ts';

export interface PeopleEntities {
  /** Every Group and User entity's body (any namespace), for identity's projection. */
  list(): Promise<unknown[]>;
  /** The entity's body and whether it was created through the API; null when it is not in the catalog. */
  find(ref: string): Promise<{ body: Record<string, unknown>; apiSourced: boolean } | null>;
  /** Where each of these refs is in the catalog (absent: not there). */
  origins(refs: readonly string[]): Promise<Map<string, PeopleOrigin>>;
  /** Creates the API-sourced Group or User; 409 when it exists. */
  create(caller: Principal, body: Record<string, unknown>): Promise<void>;
  /** Creates the API-sourced Group or User, or replaces it; 409 when a catalog file holds it. */
  put(caller: Principal, body: Record<string, unknown>): Promise<void>;
  /** Deletes the API-sourced entity (nothing when it is already gone); 409 when a file holds it. */
  remove(caller: Principal, ref: string): Promise<void>;
}

export interface PeopleOrigin {
  ref: string;
  /** api: made through Steward's API (changed there); file: read from a catalog source (changed there). */
  source: 'api' | 'file';
  file: string | null;
  line: number | null;
}

export const peopleKinds = ['group', 'user'];

export function peopleEntities(db: CatalogDb, options: () => CatalogOptions | undefined): PeopleEntities {
  const checked = (caller: Principal) => ({ ...editorOf(caller), isAdmin: true });
  return {
    list: () => bodiesOfKinds(db, peopleKinds),
    async put(caller, body) {
      const ref = refOf(body);
      if (await findEntityRow(db, ref)) {
        await replaceEntity(db, caller, ref, body, options(), checked(caller));
      } else {
        await createEntity(db, caller, body, options(), checked(caller));
      }
    },
    async remove(caller, ref) {
      if (!(await findEntityRow(db, ref))) return;
      await deleteEntity(db, caller, ref, checked(caller));
    },
    async find(ref) {
      const row = await findEntityRow(db, ref);
      if (!row) return null;
      return { body: row.body as Record<string, unknown>, apiSourced: row.source_id === apiSourceId };
    },
    async origins(refs) {
      const origins = new Map<string, PeopleOrigin>();
      if (refs.length === 0) return origins;
      const rows = await db
        .selectFrom('catalog_entities')
        .select(['ref', 'source_id', 'file', 'line'])
        .where('ref', 'in', [...refs])
        .execute();
      for (const row of rows) {
        const source = row.source_id === apiSourceId ? 'api' : 'file';
        origins.set(row.ref, { ref: row.ref, source, file: row.file, line: row.line });
      }
      return origins;
    },
    async create(caller, body) {
      await createEntity(db, caller, body, options(), checked(caller));
    },
  };
}

/** `group:default/payments` for a Group named payments: the ref as the store writes it. */
function refOf(body: Record<string, unknown>): string {
  const metadata = (body.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : 'default';
  return `${String(body.kind).toLowerCase()}:${namespace}/${String(metadata.name)}`.toLowerCase();
}

/**
 * A catalog file that describes a team or person made through the API takes it over: the file is
 * where teams and people are kept once someone writes them down. Of `held` (ref → the source holding
 * it), the API-made Groups and Users are deleted in the ingest's transaction; answers their refs, which
 * the ingest then creates from the file.
 */
export async function yieldPeopleToFile(
  trx: CatalogDb,
  held: ReadonlyMap<string, string>,
  actor: string,
): Promise<string[]> {
  const refs = [...held]
    .filter(([ref, source]) => source === apiSourceId && peopleKinds.some((k) => ref.startsWith(`${k}:`)))
    .map(([ref]) => ref);
  if (refs.length === 0) return [];
  const changes = { sourceId: apiSourceId, actor, revision: null, created: [], updated: [], moved: [] };
  await writeEntityChanges(trx, { ...changes, removed: refs });
  for (const ref of refs) await replaceProblems(trx, apiSourceId, [], ref);
  await recountSource(trx, apiSourceId);
  return refs;
}
