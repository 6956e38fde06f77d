// One entity with its owners, relations both ways, problems and source, in one round trip: the
// lookup every other part of Steward makes ("who owns this?") should cost one query.
import { sql } from 'kysely';
import { prepareAs } from '../../../platform/db/prepared.ts';
import type { CatalogProblemView } from '../schemas.ts';
import { stillAProblem } from './problem-store.ts';
import type { CatalogDb, CatalogEntitiesTable, SourceKind } from './tables.ts';

/** At most this many incoming relations are shown (a parent group can have thousands of children). */
export const shownIncoming = 1000;

export type EntityDetailRow = Omit<CatalogEntitiesTable, 'created_at' | 'updated_at'> & {
  created_at: Date;
  updated_at: Date;
  source_kind: SourceKind | null;
  source_name: string | null;
  source_target: string | null;
  source_revision: string | null;
  owners: { ref: string; role: string }[];
  outgoing: { type: string; targetRef: string; targetExists: boolean }[];
  incoming: { type: string; sourceRef: string }[];
  problems: CatalogProblemView[];
};

export async function findEntityDetail(db: CatalogDb, ref: string): Promise<EntityDetailRow | undefined> {
  const result = await sql<EntityDetailRow>`${sql.raw(prepareAs('entity_detail'))}
    select e.*, s.kind as source_kind, s.name as source_name, s.target as source_target,
      s.revision as source_revision,
      coalesce((select json_agg(json_build_object('ref', o.owner_ref, 'role', o.role) order by o.role, o.owner_ref)
                from catalog_owners o where o.entity_ref = e.ref), '[]') as owners,
      coalesce((select json_agg(json_build_object('type', r.type, 'targetRef', r.target_ref,
                  'targetExists', exists (select 1 from catalog_entities t where t.ref = r.target_ref))
                  order by r.type, r.target_ref)
                from catalog_relations r where r.source_ref = e.ref), '[]') as outgoing,
      coalesce((select json_agg(json_build_object('type', r.type, 'sourceRef', r.source_ref) order by r.type, r.source_ref)
                from (select type, source_ref from catalog_relations where target_ref = e.ref
                      order by type, source_ref limit ${shownIncoming}) r), '[]') as incoming,
      coalesce((select json_agg(json_build_object('sourceId', p.source_id, 'entity', p.entity_ref, 'file', p.file,
                  'line', p.line, 'column', p."column", 'severity', p.severity, 'code', p.code, 'message', p.message)
                  order by p.id)
                from (select * from catalog_problems q where q.entity_ref = e.ref and ${stillAProblem('q')}
                      order by id limit 1000) p), '[]') as problems
    from catalog_entities e left join catalog_sources s on s.id = e.source_id
    where e.ref = ${ref}`.execute(db);
  return result.rows[0];
}
