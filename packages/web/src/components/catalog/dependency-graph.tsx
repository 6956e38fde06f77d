// The neighbourhood of an entity drawn as SVG: each node with its name and owning team, linked to
// its page; each edge names its relation when pointed at, as do a node's edges when it is.
import { useId, useMemo, useState } from 'react';
import type { GraphEdge, GraphNode } from '../../api/catalog.ts';
import { Link } from '../../router.tsx';
import { kindClass } from './entity-badges.tsx';
import { entityHref } from './entity-refs.ts';
import { layoutGraph, nodeSize, type PlacedEdge, type PlacedNode } from './graph-layout.ts';
import { relationPhrase } from './relation-labels.ts';
import { useOwnerName } from './team-names.tsx';

interface DependencyGraphProps {
  graph: { nodes: GraphNode[]; edges: GraphEdge[] };
  center: string;
  label: string;
}

export function DependencyGraph({ graph, center, label }: DependencyGraphProps) {
  const layout = useMemo(() => layoutGraph(center, graph.nodes, graph.edges), [graph, center]);
  // What the pointer (or keyboard focus) is on: a node lights up its edges, an edge itself.
  const [pointed, setPointed] = useState<string | null>(null);
  const arrow = useId();
  const isActive = (edge: PlacedEdge) =>
    pointed !== null && (edge.key === pointed || edge.edge.from === pointed || edge.edge.to === pointed);
  const active = layout.edges.filter(isActive);
  return (
    <div className="graph-scroll">
      <svg
        className={`graph${pointed ? ' graph--pointing' : ''}`}
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        data-testid="dependency-graph"
      >
        <title>{label}</title>
        <defs>
          {['', '-active'].map((variant) => (
            <marker
              key={variant}
              id={`${arrow}${variant}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path
                d="M 0 0 L 10 5 L 0 10 z"
                className={`graph-arrow${variant ? ' graph-arrow--active' : ''}`}
              />
            </marker>
          ))}
        </defs>
        {layout.edges.map((edge) => (
          <GraphEdgeLine
            key={edge.key}
            edge={edge}
            active={isActive(edge)}
            arrow={arrow}
            onPoint={setPointed}
          />
        ))}
        {layout.nodes.map((placed) => (
          <GraphNodeBox key={placed.node.ref} placed={placed} onPoint={setPointed} />
        ))}
        {/* Drawn last, so no line or box covers the relation being read. */}
        <g className="graph-labels">
          {active.map((edge) => (
            <text
              key={edge.key}
              x={edge.label.x}
              y={edge.label.y}
              className="graph-edge__label"
              textAnchor="middle"
              dy="0.35em"
            >
              {relationPhrase(edge.edge.type, 'outgoing')}
            </text>
          ))}
        </g>
      </svg>
    </div>
  );
}

interface EdgeProps {
  edge: PlacedEdge;
  active: boolean;
  arrow: string;
  onPoint: (key: string | null) => void;
}

function GraphEdgeLine({ edge, active, arrow, onPoint }: EdgeProps) {
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: pointing only highlights; each edge's <title> and the Relations card say the same to everyone
    <g
      className={`graph-edge${active ? ' graph-edge--active' : ''}`}
      onMouseEnter={() => onPoint(edge.key)}
      onMouseLeave={() => onPoint(null)}
    >
      <title>{`${edge.edge.from} ${edge.edge.type} ${edge.edge.to}`}</title>
      <path
        d={edge.path}
        className="graph-edge__line"
        markerEnd={`url(#${arrow}${active ? '-active' : ''})`}
      />
      <path d={edge.path} className="graph-edge__hit" />
    </g>
  );
}

function GraphNodeBox({ placed, onPoint }: { placed: PlacedNode; onPoint: (ref: string | null) => void }) {
  const { node, x, y, isCenter } = placed;
  const ownerName = useOwnerName();
  const owner = node.owners.find((o) => o.role === 'primary') ?? node.owners[0];
  const classes = ['graph-node', `graph-node--${kindClass(node.kind)}`];
  if (isCenter) classes.push('graph-node--center');
  if (!node.exists) classes.push('graph-node--missing');
  const box = (
    // biome-ignore lint/a11y/noStaticElementInteractions: pointing only highlights; keyboard focus on the node's link does the same
    <g
      className={classes.join(' ')}
      transform={`translate(${x} ${y})`}
      onMouseEnter={() => onPoint(node.ref)}
      onMouseLeave={() => onPoint(null)}
    >
      <title>{node.ref}</title>
      <rect width={nodeSize.width} height={nodeSize.height} rx="8" className="graph-node__box" />
      <rect width="5" height={nodeSize.height - 16} x="8" y="8" rx="2.5" className="graph-node__stripe" />
      <text x="22" y="20" className="graph-node__name">
        {clip(node.title ?? node.name, 22)}
      </text>
      <text x="22" y="37" className="graph-node__owner">
        {clip(`${node.kind} · ${describeOwner(node, owner ? ownerName(owner.ref) : null)}`, 28)}
      </text>
    </g>
  );
  if (isCenter || !node.exists) return box;
  return (
    <Link href={entityHref(node.ref)} onFocus={() => onPoint(node.ref)} onBlur={() => onPoint(null)}>
      {box}
    </Link>
  );
}

function describeOwner(node: GraphNode, owner: string | null): string {
  if (!node.exists) return 'missing';
  if (owner) return owner;
  return node.kind === 'group' ? 'team' : node.kind === 'user' ? 'person' : 'no owner';
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
