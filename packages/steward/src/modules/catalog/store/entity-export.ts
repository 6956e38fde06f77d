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
  ].map((field, i) => ({ ...field, column: `f${i}` as const }));
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
      ...fields.map(({ part, name, column }) =>
        sql<unknown>`e.body->${sql.lit(part)}->${name}::text`.as(column),
      ),
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
  const { shared, place } = sharing();
  const metadataFields = fields.filter((f) => f.part === 'metadata');
  const specFields = fields.filter((f) => f.part === 'spec');
  const entities = new Map<string, CatalogEntity>();
  for (const row of entityRows) {
    const source = { file: shared(row.file ?? 'api'), line: row.line ?? 1, column: 1, document: 0 };
    const columns = row as Record<string, unknown>;
    const repository = row.kind === 'api' || row.file === null ? undefined : place(row, row.file);
    entities.set(row.ref, {
      ref: row.ref,
      apiVersion: shared(row.apiVersion),
      kind: shared(row.entityKind),
      namespace: shared(row.namespace),
      name: row.name,
      metadata: row.metadata ?? picked(columns, metadataFields, shared),
      spec: row.spec ?? picked(columns, specFields, shared),
      owners: [],
      relations: view.relations === false ? noRelations : [],
      source,
      ...(repository === undefined ? {} : { repository }),
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

/** The fields named, from their columns (absent and null ones left out); none: the shared empty part. */
function picked(
  columns: Record<string, unknown>,
  fields: readonly { name: string; column: string }[],
  shared: (text: string) => string,
): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  for (const { name, column } of fields) {
    const value = columns[column];
    if (value === null || value === undefined) continue;
    found ??= {};
    found[name] = typeof value === 'string' ? shared(value) : value;
  }
  return found ?? noFields;
}

interface PlaceRow {
  sourceName: string;
  repository: string | null;
  repository_path: string;
}

/**
 * One string object for each distinct text in a load, and one repository place (the repository an
 * entity read from files is in, and its file from the repository's top) for each file.
 */
function sharing() {
  const texts = new Map<string, string>();
  const places = new Map<string, NonNullable<CatalogEntity['repository']>>();
  const shared = (text: string): string => {
    const found = texts.get(text);
    if (found !== undefined) return found;
    texts.set(text, text);
    return text;
  };
  const place = (row: PlaceRow, file: string): NonNullable<CatalogEntity['repository']> => {
    const name = row.repository ?? row.sourceName;
    const path = row.repository_path === '' ? file : `${row.repository_path}/${file}`;
    const key = `${name}\n${path}`;
    let found = places.get(key);
    if (found === undefined) {
      found = { name: shared(name), file: shared(path) };
      places.set(key, found);
    }
    return found;
  };
  return { shared, place };
}
