// Queries for the orphans report: entities whose owner is missing or unknown, groups with neither
// members nor sub-teams, and services without a runbook.
import { sql } from 'kysely';
import type { CatalogDb } from './tables.ts';

export async function unownedRows(db: CatalogDb, ownedKinds: readonly string[], limit: number) {
  const rows = await sql<{ ref: string; owner: string | null; total: string | number }>`
    select e.ref, e.primary_owner_ref as owner, count(*) over () as total
    from catalog_entities e
    where e.kind = any(${[...ownedKinds]}::text[])
      and (e.primary_owner_ref is null
           or not exists (select 1 from catalog_entities o where o.ref = e.primary_owner_ref))
    order by e.ref limit ${limit}`.execute(db);
  return rows.rows;
}

export async function memberlessGroupRows(db: CatalogDb, limit: number) {
  const rows = await sql<{ ref: string; title: string | null; total: string | number }>`
    select e.ref, e.title, count(*) over () as total
    from catalog_entities e
    where e.kind = 'group'
      and not exists (select 1 from catalog_relations r
                      where r.source_ref = e.ref and r.type in ('hasMember', 'parentOf'))
      and not exists (select 1 from catalog_relations r
                      where r.target_ref = e.ref and r.type in ('memberOf', 'childOf'))
    order by e.ref limit ${limit}`.execute(db);
  return rows.rows;
}

export async function servicesWithoutRunbookRows(db: CatalogDb, limit: number) {
  const rows = await sql<{ ref: string; owner: string | null; total: string | number }>`
    select e.ref, e.primary_owner_ref as owner, count(*) over () as total
    from catalog_entities e
    where (e.kind = 'service' or (e.kind = 'component' and e.body->'spec'->>'type' = 'service'))
      and e.runbook is null
    order by e.ref limit ${limit}`.execute(db);
  return rows.rows;
}
