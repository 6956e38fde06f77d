// Every stored entity as the engine's CatalogEntity (owners and relations included), for modules
// that index the whole catalog in memory (ownership). Owners keep where they are written; relations
// carry the entity's own position (the store does not keep where each was written). Given refs, just
// those entities (what an index kept up to date from events reloads).

import type { CatalogEntity, SourcePosition } from '../engine/model.ts';
import type { EntityBody } from './entity-record.ts';
import { inverseOf } from './relation-types.ts';
import type { CatalogDb } from './tables.ts';

export async function loadAllEntities(db: CatalogDb, only?: readonly string[]): Promise<CatalogEntity[]> {
  if (only?.length === 0) return [];
  const refs = only ? [...new Set(only)] : undefined;
  let rows = db
    .selectFrom('catalog_entities as e')
    .innerJoin('catalog_sources as s', 's.id', 'e.source_id')
    .select([
      'e.ref',
      'e.namespace',
      'e.name',
      'e.file',
      'e.line',
      'e.body',
      's.kind',
      's.name as sourceName',
    ])
    .select(['s.repository', 's.repository_path']);
  let owners = db.selectFrom('catalog_owners').select(['entity_ref', 'owner_ref', 'role', 'line', 'column']);
  let relations = db
    .selectFrom('catalog_relations as r')
    .innerJoin('catalog_entities as s', 's.ref', 'r.source_ref')
    .select(['r.source_ref', 'r.type', 'r.target_ref', 's.file', 's.line']);
  if (refs) {
    rows = rows.where('e.ref', 'in', refs);
    owners = owners.where('entity_ref', 'in', refs);
    relations = relations.where((eb) =>
      eb.or([eb('r.source_ref', 'in', refs), eb('r.target_ref', 'in', refs)]),
    );
  }
  const [entityRows, ownerRows, relationRows] = await Promise.all([
    rows.orderBy('e.ref').execute(),
    owners.execute(),
    relations.execute(),
  ]);
  const entities = new Map<string, CatalogEntity>();
  for (const row of entityRows) {
    const body = row.body as EntityBody;
    const source = { file: row.file ?? 'api', line: row.line ?? 1, column: 1, document: 0 };
    entities.set(row.ref, {
      ref: row.ref,
      apiVersion: body.apiVersion,
      kind: body.kind,
      namespace: row.namespace,
      name: row.name,
      metadata: body.metadata,
      spec: body.spec,
      owners: [],
      relations: [],
      source,
      ...repositoryPlace(row),
    });
  }
  const at = (entity: CatalogEntity): SourcePosition => ({
    file: entity.source.file,
    line: entity.source.line,
    column: entity.source.column,
  });
  for (const owner of ownerRows) {
    const entity = entities.get(owner.entity_ref);
    if (!entity) continue;
    const position =
      owner.line === null
        ? at(entity)
        : { file: entity.source.file, line: owner.line, column: owner.column ?? 1 };
    entity.owners.push({ ref: owner.owner_ref, role: owner.role, position });
  }
  for (const relation of relationRows) {
    const source = entities.get(relation.source_ref);
    if (source) {
      source.relations.push({
        type: relation.type,
        targetRef: relation.target_ref,
        origin: 'declared',
        position: at(source),
      });
    }
    const target = entities.get(relation.target_ref);
    const inverse = inverseOf(relation.type);
    if (target && inverse) {
      // The position of the entity that declared it, which may not be among those loaded.
      const position = { file: relation.file ?? 'api', line: relation.line ?? 1, column: 1 };
      target.relations.push({ type: inverse, targetRef: relation.source_ref, origin: 'inverse', position });
    }
  }
  return [...entities.values()];
}

/** The repository an entity read from files is in, and its file from the repository's top. */
function repositoryPlace(row: {
  kind: string;
  file: string | null;
  sourceName: string;
  repository: string | null;
  repository_path: string;
}): Pick<CatalogEntity, 'repository'> {
  if (row.kind === 'api' || row.file === null) return {};
  const file = row.repository_path === '' ? row.file : `${row.repository_path}/${row.file}`;
  return { repository: { name: row.repository ?? row.sourceName, file } };
}
