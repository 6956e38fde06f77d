// Every stored entity as the engine's CatalogEntity (owners and relations included), for modules
// that index the whole catalog in memory (ownership). Owners keep where they are written; relations
// carry the entity's own position (the store does not keep where each was written). Given refs, just
// those entities (what an index kept up to date from events reloads). A view may name the metadata and
// spec fields it reads and leave relations out: an index of a million entities holds only those.
// Strings many entities repeat (files, kinds, roles, repositories) are one string each in a load.

import { sql } from 'kysely';
import type { CatalogEntity, SourcePosition } from '../engine/model.ts';
import type { EntityBody } from './entity-record.ts';
import { inverseOf } from './relation-types.ts';
import type { CatalogDb } from './tables.ts';

/**
 * What of each entity a load gives: by default everything. Entities alike in a part share it (an empty
 * metadata or spec, no relations, a file's repository place): they are for reading, never written to.
 */
export interface EntityView {
  /** The metadata fields given (absent or null ones left out); default: all. */
  metadata?: readonly string[];
  /** The spec fields given, likewise. */
  spec?: readonly string[];
  /** Relations (declared and inverse); default: true. */
  relations?: boolean;
}

export async function loadAllEntities(
  db: CatalogDb,
  only?: readonly string[],
  view: EntityView = {},
): Promise<CatalogEntity[]> {
  if (only?.length === 0) return [];
  const refs = only ? [...new Set(only)] : undefined;
  const fields = [
    ...(view.metadata ?? []).map((name) => ({ part: 'metadata' as const, name })),
    ...(view.spec ?? []).map((name) => ({ part: 'spec' as const, name })),
  ];
  let rows = db
    .selectFrom('catalog_entities as e')
    .innerJoin('catalog_sources as s', 's.id', 'e.source_id')
    .select(['e.ref', 'e.namespace', 'e.name', 'e.file', 'e.line', 's.kind', 's.name as sourceName'])
    .select(['s.repository', 's.repository_path'])
    .select([
      sql<string>`e.body->>'apiVersion'`.as('apiVersion'),
      sql<string>`e.body->>'kind'`.as('entityKind'),
      // The whole document when the view names no fields of a part; else each field named.
      sql<EntityBody['metadata'] | null>`${view.metadata ? sql`null` : sql`e.body->'metadata'`}`.as(
        'metadata',
      ),
      sql<EntityBody['spec'] | null>`${view.spec ? sql`null` : sql`e.body->'spec'`}`.as('spec'),
      ...fields.map(({ part, name }, i) => sql<unknown>`e.body->${sql.lit(part)}->${name}::text`.as(`f${i}`)),
    ]);
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
    view.relations === false ? [] : relations.execute(),
  ]);
  const shared = sharedStrings();
  const places = new Map<string, CatalogEntity['repository']>();
  const entities = new Map<string, CatalogEntity>();
  for (const row of entityRows) {
    const source = { file: shared(row.file ?? 'api'), line: row.line ?? 1, column: 1, document: 0 };
    let metadata = row.metadata ?? undefined;
    let spec = row.spec ?? undefined;
    fields.forEach(({ part, name }, i) => {
      const value = (row as Record<string, unknown>)[`f${i}`];
      if (value === null || value === undefined) return;
      const held = typeof value === 'string' ? shared(value) : value;
      if (part === 'metadata') metadata = { ...metadata, [name]: held };
      else spec = { ...spec, [name]: held };
    });
    const place = repositoryPlace(row, shared);
    const placeKey = place && `${place.name}\n${place.file}`;
    if (placeKey !== undefined && !places.has(placeKey)) places.set(placeKey, place);
    entities.set(row.ref, {
      ref: row.ref,
      apiVersion: shared(row.apiVersion),
      kind: shared(row.entityKind),
      namespace: shared(row.namespace),
      name: row.name,
      metadata: metadata ?? noFields,
      spec: spec ?? noFields,
      owners: [],
      relations: view.relations === false ? noRelations : [],
      source,
      ...(placeKey === undefined ? {} : { repository: places.get(placeKey) }),
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
    entity.owners.push({ ref: shared(owner.owner_ref), role: shared(owner.role), position });
  }
  for (const relation of relationRows) {
    const source = entities.get(relation.source_ref);
    if (source) {
      source.relations.push({
        type: shared(relation.type),
        targetRef: relation.target_ref,
        origin: 'declared',
        position: at(source),
      });
    }
    const target = entities.get(relation.target_ref);
    const inverse = inverseOf(relation.type);
    if (target && inverse) {
      // The position of the entity that declared it, which may not be among those loaded.
      const position = { file: shared(relation.file ?? 'api'), line: relation.line ?? 1, column: 1 };
      target.relations.push({ type: inverse, targetRef: relation.source_ref, origin: 'inverse', position });
    }
  }
  return [...entities.values()];
}

/** A view's empty parts, shared by every entity that has none: never written to. */
const noFields: Record<string, unknown> = Object.freeze({});
const noRelations: CatalogEntity['relations'] = Object.freeze([]) as unknown as CatalogEntity['relations'];

/** The repository an entity read from files is in, and its file from the repository's top. */
function repositoryPlace(
  row: {
    kind: string;
    file: string | null;
    sourceName: string;
    repository: string | null;
    repository_path: string;
  },
  shared: (text: string) => string,
): CatalogEntity['repository'] {
  if (row.kind === 'api' || row.file === null) return undefined;
  const file = row.repository_path === '' ? row.file : `${row.repository_path}/${row.file}`;
  return { name: shared(row.repository ?? row.sourceName), file: shared(file) };
}

/** One string object for each distinct text given: a load's repeated strings held once. */
function sharedStrings(): (text: string) => string {
  const known = new Map<string, string>();
  return (text) => {
    const found = known.get(text);
    if (found !== undefined) return found;
    known.set(text, text);
    return text;
  };
}
