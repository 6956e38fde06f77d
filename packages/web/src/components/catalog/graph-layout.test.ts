import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '../../api/catalog.ts';
import { assignColumns, layoutGraph, nodeSize, withoutTypes } from './graph-layout.ts';

const node = (ref: string): GraphNode => {
  const [kind = '', rest = ''] = ref.split(':');
  return { ref, kind, name: rest.split('/')[1] ?? rest, title: null, owners: [], exists: true };
};
const edge = (from: string, type: string, to: string): GraphEdge => ({ from, type, to });

// checkout depends on cart and db; web depends on checkout; cart depends on cache (two steps right);
// mobile depends on cart (reached backwards from a right-hand node: the entity's own column).
const center = 'component:default/checkout';
const refs = ['web', 'checkout', 'cart', 'db', 'cache', 'mobile'].map((name) =>
  name === 'db' || name === 'cache' ? `resource:default/${name}` : `component:default/${name}`,
);
const [web, , cart, db, cache, mobile] = refs as [string, string, string, string, string, string];
const nodes = refs.map(node);
const edges = [
  edge(center, 'dependsOn', cart),
  edge(center, 'dependsOn', db),
  edge(web, 'dependsOn', center),
  edge(cart, 'dependsOn', cache),
  edge(mobile, 'dependsOn', cart),
];

describe('assignColumns', () => {
  it('puts what the entity declares relations to on the right, what declares them to it on the left', () => {
    const columns = Object.fromEntries(assignColumns(center, nodes, edges));
    expect(columns).toEqual({ [center]: 0, [cart]: 1, [db]: 1, [web]: -1, [cache]: 2, [mobile]: 0 });
  });
});

describe('layoutGraph', () => {
  const layout = layoutGraph(center, nodes, edges);
  const placed = new Map(layout.nodes.map((p) => [p.node.ref, p]));
  const at = (ref: string) => placed.get(ref) ?? expect.unreachable(`${ref} was not placed`);

  it('places every node once, inside the drawing, with no two boxes overlapping', () => {
    expect(layout.nodes.map((p) => p.node.ref).sort()).toEqual([...refs].sort());
    for (const p of layout.nodes) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.x + nodeSize.width).toBeLessThanOrEqual(layout.width);
      expect(p.y + nodeSize.height).toBeLessThanOrEqual(layout.height);
    }
    for (const a of layout.nodes) {
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart =
          a.x + nodeSize.width <= b.x ||
          b.x + nodeSize.width <= a.x ||
          a.y + nodeSize.height <= b.y ||
          b.y + nodeSize.height <= a.y;
        expect({ a: a.node.ref, b: b.node.ref, apart }).toEqual({
          a: a.node.ref,
          b: b.node.ref,
          apart: true,
        });
      }
    }
  });

  it('orders columns left to right and lines each column up', () => {
    expect(at(web).x).toBeLessThan(at(center).x);
    expect(at(center).x).toBe(at(mobile).x);
    expect(at(center).x).toBeLessThan(at(cart).x);
    expect(at(cart).x).toBe(at(db).x);
    expect(at(cart).x).toBeLessThan(at(cache).x);
    expect(at(center).isCenter).toBe(true);
    expect(layout.nodes.filter((p) => p.isCenter)).toHaveLength(1);
  });

  it('runs each edge from the side of one box to the facing side of the other', () => {
    expect(layout.edges).toHaveLength(edges.length);
    const dependsOnCart = layout.edges.find((e) => e.edge.from === center && e.edge.to === cart);
    const start = `M ${at(center).x + nodeSize.width} ${at(center).y + nodeSize.height / 2} `;
    const end = `, ${at(cart).x} ${at(cart).y + nodeSize.height / 2}`;
    expect(dependsOnCart?.path.startsWith(start)).toBe(true);
    expect(dependsOnCart?.path.endsWith(end)).toBe(true);
    // Its label sits between the two boxes.
    expect(dependsOnCart?.label.x).toBeGreaterThan(at(center).x + nodeSize.width);
    expect(dependsOnCart?.label.x).toBeLessThan(at(cart).x);
  });

  it('sets a node beside the neighbours it connects to', () => {
    // Two right-hand nodes, each with its own dependency further right: the dependencies keep their order.
    const a = 'component:default/a';
    const b = 'component:default/b';
    const aDep = 'resource:default/z-of-a';
    const bDep = 'resource:default/a-of-b';
    const wide = layoutGraph(center, [center, a, b, aDep, bDep].map(node), [
      edge(center, 'dependsOn', a),
      edge(center, 'dependsOn', b),
      edge(a, 'dependsOn', aDep),
      edge(b, 'dependsOn', bDep),
    ]);
    const y = (ref: string) => wide.nodes.find((p) => p.node.ref === ref)?.y ?? Number.NaN;
    expect(y(a)).toBeLessThan(y(b));
    // By name alone a-of-b would come first; by its neighbour it comes second.
    expect(y(aDep)).toBeLessThan(y(bDep));
  });
});

describe('withoutTypes', () => {
  it('drops the hidden relations and whatever was reached only through them', () => {
    const system = 'system:default/shop';
    const sibling = 'component:default/sibling';
    const graph = {
      nodes: [...nodes, node(system), node(sibling)],
      edges: [
        ...edges,
        edge(center, 'partOf', system),
        edge(sibling, 'partOf', system),
        edge(cart, 'partOf', system),
      ],
    };
    const all = withoutTypes(center, graph, new Set(), 2);
    expect(all.nodes).toHaveLength(graph.nodes.length);
    const thinned = withoutTypes(center, graph, new Set(['partOf']), 2);
    expect(thinned.nodes.map((n) => n.ref).sort()).toEqual([...refs].sort());
    expect(thinned.edges).toEqual(edges);
  });

  it('keeps only what is within the depth asked for', () => {
    const oneStep = withoutTypes(center, { nodes, edges }, new Set(), 1);
    expect(oneStep.nodes.map((n) => n.ref).sort()).toEqual([center, cart, db, web].sort());
    expect(oneStep.edges).toHaveLength(3);
  });
});
