// The entity's dependency graph as a card: one step or two around it, drawn with the owners of
// every node, from GET /api/v1/catalog/graph; relation types can be hidden to thin a busy picture.
import { useState } from 'react';
import { type CatalogGraph, fetchGraph } from '../../api/catalog.ts';
import { useResource } from '../../api/use-resource.ts';
import { useReloadOnCatalogChange } from '../../live/live-reload.ts';
import { ResourceView } from '../resource-view.tsx';
import { DependencyGraph } from './dependency-graph.tsx';
import { shortRef } from './entity-refs.ts';
import { withoutTypes } from './graph-layout.ts';
import { compareRelationTypes, relationPhrase } from './relation-labels.ts';

const depths = [
  { depth: 1, label: 'Direct' },
  { depth: 2, label: 'Two steps' },
];

export function GraphCard({ entityRef }: { entityRef: string }) {
  const [depth, setDepth] = useState(1);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const graph = useResource(`graph:${entityRef}:${depth}`, () => fetchGraph(entityRef, depth));
  useReloadOnCatalogChange(graph.reload);
  const toggle = (type: string) => {
    const next = new Set(hidden);
    if (!next.delete(type)) next.add(type);
    setHidden(next);
  };
  return (
    <section className="card card--flush" aria-labelledby="graph-title">
      <div className="card__title card__title--split">
        <h2 id="graph-title" className="card__heading">
          Dependency graph
        </h2>
        <fieldset className="segmented">
          <legend className="visually-hidden">How far to draw</legend>
          {depths.map((option) => (
            <label key={option.depth} className="segmented__option">
              <input
                type="radio"
                name="graph-depth"
                checked={depth === option.depth}
                onChange={() => setDepth(option.depth)}
              />
              <span>{option.label}</span>
            </label>
          ))}
        </fieldset>
      </div>
      <ResourceView resource={graph} label="the graph">
        {(data) =>
          data.nodes.length <= 1 ? (
            <p className="empty">
              No relations to draw: nothing declares one to {shortRef(entityRef)}, and it declares none.
            </p>
          ) : (
            <>
              <div className="graph-bar">
                <p className="graph-bar__legend">
                  What declares a relation to {shortRef(entityRef)} is on its left, what it declares relations
                  to on its right. Point at a line or a box to read its relations.
                </p>
                <TypeToggles graph={data} hidden={hidden} onToggle={toggle} />
              </div>
              <DependencyGraph
                graph={withoutTypes(entityRef, data, hidden, depth)}
                center={entityRef}
                label={`Dependency graph of ${entityRef}`}
              />
              {data.truncated && (
                <p className="graph-bar__legend">The graph was cut short at its node limit.</p>
              )}
            </>
          )
        }
      </ResourceView>
    </section>
  );
}

function TypeToggles({
  graph,
  hidden,
  onToggle,
}: {
  graph: CatalogGraph;
  hidden: ReadonlySet<string>;
  onToggle: (type: string) => void;
}) {
  const counts = new Map<string, number>();
  for (const edge of graph.edges) counts.set(edge.type, (counts.get(edge.type) ?? 0) + 1);
  const types = [...counts.keys()].sort(compareRelationTypes);
  return (
    <fieldset className="graph-bar__types">
      <legend className="visually-hidden">Relations to draw</legend>
      {types.map((type) => (
        <label key={type} className="toggle-chip">
          <input type="checkbox" checked={!hidden.has(type)} onChange={() => onToggle(type)} />
          <span className="toggle-chip__label">
            {relationPhrase(type, 'outgoing')} <span className="toggle-chip__count">{counts.get(type)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
