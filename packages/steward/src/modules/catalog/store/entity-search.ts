// Listing entities: filters by kind, owner, tier, lifecycle, tag and text; keyset pages in ref
// order (kind, namespace, name); facet counts over everything the filters match.
import { type RawBuilder, sql } from 'kysely';
import type { CatalogDb } from './tables.ts';

export interface EntityFilter {
  kind?: string | undefined;
  /** A full owner ref: entities this owner owns in any role. */
  owner?: string | undefined;
  tier?: string | undefined;
  lifecycle?: string | undefined;
  tag?: string | undefined;
  /** Words that must all appear in the ref, title, description or tags. */
  words?: string[] | undefined;
}

export interface EntitySummaryRow {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  description: string | null;
  primary_owner_ref: string | null;
  tier: string | null;
  lifecycle: string | null;
  tags: string[];
  source_id: string;
  updated_at: Date;
}

/** The filtered entities as `e`: through the owner index when an owner is given, so a page is read in order. */
function filtered(filter: EntityFilter, after?: string): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [];
  const from = filter.owner
    ? sql`catalog_owners o join catalog_entities e on e.ref = o.entity_ref`
    : sql`catalog_entities e`;
  if (filter.owner) conditions.push(sql`o.owner_ref = ${filter.owner}`);
  if (filter.kind) conditions.push(sql`e.kind = ${filter.kind}`);
  if (filter.tier) conditions.push(sql`e.tier = ${filter.tier}`);
  if (filter.lifecycle) conditions.push(sql`e.lifecycle = ${filter.lifecycle}`);
  if (filter.tag) conditions.push(sql`e.tags @> array[${filter.tag}]::text[]`);
  for (const word of filter.words ?? []) conditions.push(sql`e.search like ${`%${escapeLike(word)}%`}`);
  if (after !== undefined)
    conditions.push(filter.owner ? sql`o.entity_ref > ${after}` : sql`e.ref > ${after}`);
  const where = conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  return sql`${from} ${where}`;
}

export async function listEntityRows(
  db: CatalogDb,
  filter: EntityFilter,
  limit: number,
  after?: string,
): Promise<EntitySummaryRow[]> {
  const order = filter.owner ? sql`o.entity_ref` : sql`e.ref`;
  const rows = await sql<EntitySummaryRow>`
    select e.ref, e.kind, e.namespace, e.name, e.title, e.description, e.primary_owner_ref, e.tier,
           e.lifecycle, e.tags, e.source_id, e.updated_at
    from ${filtered(filter, after)}
    order by ${order}
    limit ${limit}`.execute(db);
  return rows.rows;
}

export type FacetName = 'kind' | 'owner' | 'tier' | 'lifecycle' | 'tag';
export type Facets = Record<FacetName, Record<string, number>>;

/** Counts per value of each facet over the filtered entities, the most frequent `top` values of each. */
export async function facetCounts(db: CatalogDb, filter: EntityFilter, top = 100): Promise<Facets> {
  const rows = await sql<{ facet: FacetName; value: string; count: string | number }>`
    with f as (select e.kind, e.primary_owner_ref, e.tier, e.lifecycle, e.tags from ${filtered(filter)}),
    counted as (
      select 'kind' as facet, kind as value, count(*) as count from f group by kind
      union all select 'owner', primary_owner_ref, count(*) from f where primary_owner_ref is not null group by primary_owner_ref
      union all select 'tier', tier, count(*) from f where tier is not null group by tier
      union all select 'lifecycle', lifecycle, count(*) from f where lifecycle is not null group by lifecycle
      union all select 'tag', t, count(*) from f cross join lateral unnest(f.tags) as t group by t
    ),
    ranked as (select *, row_number() over (partition by facet order by count desc, value) as rank from counted)
    select facet, value, count from ranked where rank <= ${top} order by facet, rank`.execute(db);
  const facets: Facets = { kind: {}, owner: {}, tier: {}, lifecycle: {}, tag: {} };
  for (const row of rows.rows) facets[row.facet][row.value] = Number(row.count);
  return facets;
}

function escapeLike(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}
