// Every stored entity as the engine's CatalogEntity (owners and relations included), for modules
// that index the whole catalog in memory (ownership). Owners keep where they are written; relations
// carry the entity's own position (the store does not keep where each was written).

import type { CatalogEntity, SourcePosition } from '../engine/model.ts';
import type { EntityBody } from '../ingest/entity-record.ts';
import { inverseOf } from '../ingest/relation-types.ts';
import type { CatalogDb } from './tables.ts';

export async function loadAllEntities(db: CatalogDb): Promise<CatalogEntity[]> {
  const [rows, owners, relations] = await Promise.all([
    db
      .selectFrom('catalog_entities')
      .select(['ref', 'namespace', 'name', 'file', 'line', 'body'])
      .orderBy('ref')
      .execute(),
    db.selectFrom('catalog_owners').select(['entity_ref', 'owner_ref', 'role', 'line', 'column']).execute(),
    db.selectFrom('catalog_relations').select(['source_ref', 'type', 'target_ref']).execute(),
  ]);
  const entities = new Map<string, CatalogEntity>();
  for (const row of rows) {
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
    });
  }
  const at = (entity: CatalogEntity): SourcePosition => ({
    file: entity.source.file,
    line: entity.source.line,
    column: entity.source.column,
  });
  for (const owner of owners) {
    const entity = entities.get(owner.entity_ref);
    if (!entity) continue;
    const position =
      owner.line === null
        ? at(entity)
        : { file: entity.source.file, line: owner.line, column: owner.column ?? 1 };
    entity.owners.push({ ref: owner.owner_ref, role: owner.role, position });
  }
  for (const relation of relations) {
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
    if (target && inverse && source) {
      target.relations.push({
        type: inverse,
        targetRef: relation.source_ref,
        origin: 'inverse',
        position: at(source),
      });
    }
  }
  return [...entities.values()];
}
