// A layered layout for an entity's neighbourhood, written for this one picture rather than taken
// from a graph library: the entity in the middle column, what it declares relations to (its
// dependencies, APIs, system) in columns to the right, what declares relations to it to the left.
// Within a column, nodes sit near the nodes they connect to (the barycentre heuristic).
import type { GraphEdge, GraphNode } from '../../api/catalog.ts';

export const nodeSize = { width: 176, height: 48 };
const gap = { x: 64, y: 14 };
const padding = 24;

export interface PlacedNode {
  node: GraphNode;
  column: number;
  x: number;
  y: number;
  isCenter: boolean;
}

export interface PlacedEdge {
  edge: GraphEdge;
  key: string;
  path: string;
  label: { x: number; y: number };
}

export interface GraphLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

export function layoutGraph(center: string, nodes: GraphNode[], edges: GraphEdge[]): GraphLayout {
  const columnOf = assignColumns(center, nodes, edges);
  const columns = orderColumns(center, nodes, edges, columnOf);
  const min = Math.min(...columns.keys());
  const tallest = Math.max(...[...columns.values()].map((column) => column.length));
  const rowHeight = nodeSize.height + gap.y;
  const placed = new Map<string, PlacedNode>();
  for (const [column, members] of columns) {
    const offset = ((tallest - members.length) * rowHeight) / 2;
    members.forEach((node, row) => {
      placed.set(node.ref, {
        node,
        column,
        x: padding + (column - min) * (nodeSize.width + gap.x),
        y: padding + offset + row * rowHeight,
        isCenter: node.ref === center,
      });
    });
  }
  const width = padding * 2 + columns.size * nodeSize.width + (columns.size - 1) * gap.x;
  const height = padding * 2 + tallest * rowHeight - gap.y;
  const placedEdges = edges.flatMap((edge) => {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    return from && to ? [routeEdge(edge, from, to)] : [];
  });
  return { nodes: [...placed.values()], edges: placedEdges, width, height };
}

/** Breadth-first from the entity: following an edge forwards is one column right, backwards one left. */
export function assignColumns(center: string, nodes: GraphNode[], edges: GraphEdge[]): Map<string, number> {
  const columnOf = new Map([[center, 0]]);
  let frontier = [center];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const ref of frontier) {
      const column = columnOf.get(ref) ?? 0;
      for (const edge of edges) {
        const [other, step] =
          edge.from === ref ? [edge.to, 1] : edge.to === ref ? [edge.from, -1] : [null, 0];
        if (other === null || columnOf.has(other)) continue;
        columnOf.set(other, column + step);
        next.push(other);
      }
    }
    frontier = next;
  }
  // Nodes the edges do not reach (none, from Steward's graph API) still get a place: right of the entity.
  for (const node of nodes) if (!columnOf.has(node.ref)) columnOf.set(node.ref, 1);
  return columnOf;
}

/**
 * What is left of a graph once some relation types are hidden: the edges of the other types, and
 * the nodes still within `depth` steps of the entity along them.
 */
export function withoutTypes<N extends { ref: string }>(
  center: string,
  graph: { nodes: N[]; edges: GraphEdge[] },
  hidden: ReadonlySet<string>,
  depth: number,
): { nodes: N[]; edges: GraphEdge[] } {
  const edges = graph.edges.filter((edge) => !hidden.has(edge.type));
  const reached = new Set([center]);
  let frontier = [center];
  for (let step = 0; step < depth && frontier.length > 0; step++) {
    const next: string[] = [];
    for (const edge of edges) {
      for (const [here, there] of [
        [edge.from, edge.to],
        [edge.to, edge.from],
      ] as const) {
        if (frontier.includes(here) && !reached.has(there)) {
          reached.add(there);
          next.push(there);
        }
      }
    }
    frontier = next;
  }
  return {
    nodes: graph.nodes.filter((node) => reached.has(node.ref)),
    edges: edges.filter((edge) => reached.has(edge.from) && reached.has(edge.to)),
  };
}

const kindRank = ['component', 'api', 'resource', 'system', 'domain', 'group', 'user'];
const byKindAndName = (a: GraphNode, b: GraphNode) =>
  rank(a.kind) - rank(b.kind) || a.name.localeCompare(b.name);
const rank = (kind: string) => (kindRank.includes(kind) ? kindRank.indexOf(kind) : kindRank.length);

/**
 * Columns nearest the entity first: the two beside it by kind and name (their link is to the entity
 * itself), then the entity's own column with the entity in the middle, then outwards; each node sits
 * near the average height of its neighbours already placed.
 */
function orderColumns(
  center: string,
  nodes: GraphNode[],
  edges: GraphEdge[],
  columnOf: Map<string, number>,
): Map<number, GraphNode[]> {
  const columns = new Map<number, GraphNode[]>();
  for (const node of nodes) {
    const column = columnOf.get(node.ref) ?? 1;
    columns.set(column, [...(columns.get(column) ?? []), node]);
  }
  const tallest = Math.max(...[...columns.values()].map((members) => members.length));
  // Heights in rows, counted the way layoutGraph centres each column.
  const heightOf = new Map<string, number>();
  const place = (column: number, members: GraphNode[]) => {
    const offset = (tallest - members.length) / 2;
    for (const [row, node] of members.entries()) heightOf.set(node.ref, offset + row);
    columns.set(column, members);
  };
  const nearNeighbours = (members: GraphNode[]) => {
    const height = (node: GraphNode) => {
      const placed = edges
        .flatMap((edge) => (edge.from === node.ref ? [edge.to] : edge.to === node.ref ? [edge.from] : []))
        .flatMap((ref) => heightOf.get(ref) ?? []);
      return placed.length === 0 ? tallest : placed.reduce((a, b) => a + b, 0) / placed.length;
    };
    return [...members].sort((a, b) => height(a) - height(b) || byKindAndName(a, b));
  };

  for (const side of [1, -1])
    if (columns.has(side)) place(side, [...(columns.get(side) ?? [])].sort(byKindAndName));
  const entity = nodes.filter((node) => node.ref === center);
  const others = nearNeighbours((columns.get(0) ?? []).filter((node) => node.ref !== center));
  const middle = Math.floor(others.length / 2);
  place(0, [...others.slice(0, middle), ...entity, ...others.slice(middle)]);
  const outward = [...columns.keys()]
    .filter((c) => Math.abs(c) > 1)
    .sort((a, b) => Math.abs(a) - Math.abs(b));
  for (const column of outward) place(column, nearNeighbours(columns.get(column) ?? []));
  return new Map([...columns.entries()].sort((a, b) => a[0] - b[0]));
}

/** A curve from the side of one node to the facing side of the other; within a column, a loop out right. */
function routeEdge(edge: GraphEdge, from: PlacedNode, to: PlacedNode): PlacedEdge {
  const midY = (node: PlacedNode) => node.y + nodeSize.height / 2;
  const right = (node: PlacedNode) => node.x + nodeSize.width;
  let start: [number, number];
  let end: [number, number];
  let bend: [number, number];
  if (from.column === to.column) {
    start = [right(from), midY(from)];
    end = [right(to), midY(to)];
    bend = [start[0] + gap.x * 0.6, end[0] + gap.x * 0.6];
  } else {
    const forwards = from.column < to.column;
    start = [forwards ? right(from) : from.x, midY(from)];
    end = [forwards ? to.x : right(to), midY(to)];
    const middle = (start[0] + end[0]) / 2;
    bend = [middle, middle];
  }
  const path = `M ${start[0]} ${start[1]} C ${bend[0]} ${start[1]}, ${bend[1]} ${end[1]}, ${end[0]} ${end[1]}`;
  // The curve's point at t = ½: (P0 + 3·P1 + 3·P2 + P3) / 8.
  const label = {
    x: (start[0] + 3 * bend[0] + 3 * bend[1] + end[0]) / 8,
    y: (start[1] + 3 * start[1] + 3 * end[1] + end[1]) / 8,
  };
  return { edge, key: `${edge.from} ${edge.type} ${edge.to}`, path, label };
}
