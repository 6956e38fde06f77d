// The dependency graph around an entity, with owners on every node: relations followed breadth-first
// up to a depth, outgoing (what it declares), incoming (what others declare about it) or both. Edges
// read in the direction they were declared; ownership is on the nodes rather than drawn as edges.
import type { CatalogGraph } from '../schemas.ts';
import { incomingOf, nodeRows, outgoingOf, ownersOfMany } from '../store/entity-reads.ts';
import type { CatalogDb } from '../store/tables.ts';

export const maxGraphNodes = 500;
/** Owners are shown on the nodes; an ownership edge would only repeat them. */
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
    const [outgoing, incoming] = await Promise.all([
      query.direction === 'incoming' ? [] : outgoingOf(db, frontier),
      query.direction === 'outgoing' ? [] : incomingOf(db, frontier),
    ]);
    const next: string[] = [];
    const follow = (row: { source_ref: string; type: string; target_ref: string }, other: string) => {
      if (ownership.has(row.type)) return;
      if (!seen.has(other)) {
        if (seen.size >= maxGraphNodes) {
          truncated = true;
          return;
        }
        seen.add(other);
        next.push(other);
      }
      const edge = { from: row.source_ref, type: row.type, to: row.target_ref };
      edges.set(`${edge.from} ${edge.type} ${edge.to}`, edge);
    };
    for (const row of outgoing) follow(row, row.target_ref);
    for (const row of incoming) follow(row, row.source_ref);
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
