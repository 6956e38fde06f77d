// The dependency graph around an entity, with owners on every node: relations followed breadth-first
// up to a depth, outgoing (what it declares), incoming (what others declare about it) or both. Edges
// read in the direction they were declared; ownership is on the nodes rather than drawn as edges.
import { inverseOf } from './ingest/relation-types.ts';
import type { CatalogGraph } from './schemas.ts';
import { nodeRows, ownersOfMany, relationsOn } from './store/entity-reads.ts';
import type { CatalogDb } from './store/tables.ts';

export const maxGraphNodes = 500;
const ownership = new Set(['ownedBy', 'ownerOf']);

export interface GraphQuery {
  ref: string;
  depth: number;
  direction: 'outgoing' | 'incoming' | 'both';
}

export async function dependencyGraph(db: CatalogDb, query: GraphQuery): Promise<CatalogGraph> {
  const seen = new Set([query.ref]);
  const edges = new Map<string, { from: string; type: string; to: string }>();
  let frontier = [query.ref];
  let truncated = false;
  for (let level = 0; level < query.depth && frontier.length > 0; level++) {
    const next: string[] = [];
    for (const row of await relationsOn(db, frontier)) {
      if (ownership.has(row.type)) continue;
      const declared = row.origin_ref === row.source_ref;
      if (declared ? query.direction === 'incoming' : query.direction === 'outgoing') continue;
      const edge = declared
        ? { from: row.source_ref, type: row.type, to: row.target_ref }
        : { from: row.target_ref, type: inverseOf(row.type) ?? row.type, to: row.source_ref };
      // Declared rows point at their target; inverse rows stored here point back at the declarer.
      const other = row.target_ref;
      if (!seen.has(other)) {
        if (seen.size >= maxGraphNodes) {
          truncated = true;
          continue;
        }
        seen.add(other);
        next.push(other);
      }
      edges.set(`${edge.from} ${edge.type} ${edge.to}`, edge);
    }
    frontier = next;
  }
  return { nodes: await nodesFor(db, [...seen]), edges: [...edges.values()], truncated };
}

async function nodesFor(db: CatalogDb, refs: string[]): Promise<CatalogGraph['nodes']> {
  const [rows, owners] = await Promise.all([nodeRows(db, refs), ownersOfMany(db, refs)]);
  const byRef = new Map(rows.map((r) => [r.ref, r]));
  return refs.map((ref) => {
    const row = byRef.get(ref);
    const [kind = '', rest = ''] = ref.split(':');
    return {
      ref,
      kind: row?.kind ?? kind,
      name: row?.name ?? rest.slice(rest.indexOf('/') + 1),
      title: row?.title ?? null,
      owners: owners.filter((o) => o.entity_ref === ref).map((o) => ({ ref: o.owner_ref, role: o.role })),
      exists: row !== undefined,
    };
  });
}
