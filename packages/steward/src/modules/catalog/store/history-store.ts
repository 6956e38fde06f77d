// The append-only history of each entity: who (a person or a source) changed what, and when.
import { sql } from 'kysely';
import type { CatalogDb } from './tables.ts';

export async function listHistoryRows(db: CatalogDb, ref: string, limit: number, before?: string) {
  let select = db
    .selectFrom('catalog_history')
    .select([sql<string>`cast(id as text)`.as('id'), 'at', 'actor', 'revision', 'change', 'before', 'after'])
    .where('entity_ref', '=', ref)
    .orderBy('catalog_history.id', 'desc')
    .limit(limit);
  if (before !== undefined) select = select.where('catalog_history.id', '<', before);
  return select.execute();
}

/** The latest changes, newest first, to the entities an owner owns now (any role). */
export async function listOwnedHistoryRows(db: CatalogDb, ownerRef: string, limit: number) {
  return db
    .selectFrom('catalog_history')
    .select([
      sql<string>`cast(id as text)`.as('id'),
      'entity_ref',
      'at',
      'actor',
      'revision',
      'change',
      'before',
      'after',
    ])
    .where('entity_ref', 'in', (owned) =>
      owned.selectFrom('catalog_owners').select('entity_ref').where('owner_ref', '=', ownerRef),
    )
    .orderBy('catalog_history.id', 'desc')
    .limit(limit)
    .execute();
}
