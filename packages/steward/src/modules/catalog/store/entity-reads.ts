// One entity with everything about it: owners, relations both ways, problems and its source.
import type { CatalogDb } from './tables.ts';

export function findEntityRow(db: CatalogDb, ref: string) {
  return db.selectFrom('catalog_entities').selectAll().where('ref', '=', ref).executeTakeFirst();
}

export function ownersOf(db: CatalogDb, ref: string) {
  return db
    .selectFrom('catalog_owners')
    .select(['owner_ref', 'role'])
    .where('entity_ref', '=', ref)
    .orderBy('role')
    .orderBy('owner_ref')
    .execute();
}

/** Relations the entities declare. */
export function outgoingOf(db: CatalogDb, refs: readonly string[]) {
  if (refs.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('catalog_relations')
    .select(['source_ref', 'type', 'target_ref'])
    .where('source_ref', 'in', refs)
    .orderBy('source_ref')
    .orderBy('type')
    .orderBy('target_ref')
    .execute();
}

/** Relations other entities declare towards these (type as declared: read backwards, it is the inverse). */
export function incomingOf(db: CatalogDb, refs: readonly string[]) {
  if (refs.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('catalog_relations')
    .select(['source_ref', 'type', 'target_ref'])
    .where('target_ref', 'in', refs)
    .orderBy('target_ref')
    .orderBy('type')
    .orderBy('source_ref')
    .execute();
}

export function existingRefs(db: CatalogDb, refs: readonly string[]) {
  if (refs.length === 0) return Promise.resolve([] as string[]);
  return db
    .selectFrom('catalog_entities')
    .select('ref')
    .where('ref', 'in', refs)
    .execute()
    .then((rows) => rows.map((r) => r.ref));
}

export function nodeRows(db: CatalogDb, refs: readonly string[]) {
  if (refs.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('catalog_entities')
    .select(['ref', 'kind', 'name', 'title'])
    .where('ref', 'in', refs)
    .execute();
}

export function ownersOfMany(db: CatalogDb, refs: readonly string[]) {
  if (refs.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('catalog_owners')
    .select(['entity_ref', 'owner_ref', 'role'])
    .where('entity_ref', 'in', refs)
    .execute();
}

/** Bodies of every entity of these (lower-case) kinds, for identity's projection of Groups and Users. */
export async function bodiesOfKinds(db: CatalogDb, kinds: readonly string[]): Promise<unknown[]> {
  const rows = await db
    .selectFrom('catalog_entities')
    .select('body')
    .where('kind', 'in', kinds)
    .orderBy('ref')
    .execute();
  return rows.map((r) => r.body);
}

/** The refs of every entity of these kinds (lower case). */
export async function refsOfKinds(db: CatalogDb, kinds: readonly string[]): Promise<string[]> {
  if (kinds.length === 0) return [];
  const rows = await db.selectFrom('catalog_entities').select('ref').where('kind', 'in', kinds).execute();
  return rows.map((r) => r.ref);
}
