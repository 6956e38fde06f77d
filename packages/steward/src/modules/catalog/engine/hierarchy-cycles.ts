// Hierarchies declared as data (`acyclic` relation fields, e.g. a Group's parent and children) must
// not loop: a team that is its own ancestor has no answer to "who is above whom".

import type { CatalogProblem } from './model.ts';
import { refPath } from './relations.ts';
import type { WideCandidate, WideRef } from './wide-candidate.ts';

interface Edge {
  to: string;
  declared: WideRef;
  /** The entity whose field declared the edge. */
  declaredBy: string;
}

/** Reports each cycle once, at the ref that closes it, naming the whole loop. */
export function findHierarchyCycles(candidates: Iterable<WideCandidate>): CatalogProblem[] {
  const graphs = buildGraphs(candidates);
  const problems: CatalogProblem[] = [];
  for (const [relation, graph] of graphs) problems.push(...cyclesIn(relation, graph));
  return problems;
}

/**
 * One graph per hierarchy, always in the direction of the alphabetically first of the relation and
 * its inverse, so `parent: a` on b and `children: [b]` on a are the same edge b → a.
 */
function buildGraphs(candidates: Iterable<WideCandidate>): Map<string, Map<string, Edge[]>> {
  const graphs = new Map<string, Map<string, Edge[]>>();
  for (const candidate of candidates) {
    if (!candidate.valid) continue;
    for (const declared of candidate.declared) {
      const { field } = declared;
      if (!field.acyclic) continue;
      const forward = field.relation <= field.inverse;
      const relation = forward ? field.relation : field.inverse;
      const from = forward ? candidate.ref : declared.targetRef;
      const to = forward ? declared.targetRef : candidate.ref;
      const graph = graphs.get(relation) ?? new Map<string, Edge[]>();
      graphs.set(relation, graph);
      const edges = graph.get(from) ?? [];
      edges.push({ to, declared, declaredBy: candidate.ref });
      graph.set(from, edges);
    }
  }
  return graphs;
}

function cyclesIn(relation: string, graph: Map<string, Edge[]>): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const done = new Set<string>();
  const onPath = new Map<string, number>();
  const path: string[] = [];
  const visit = (node: string): void => {
    onPath.set(node, path.length);
    path.push(node);
    for (const edge of graph.get(node) ?? []) {
      const start = onPath.get(edge.to);
      if (start !== undefined) {
        problems.push(cycleProblem(relation, [...path.slice(start), edge.to], edge));
      } else if (!done.has(edge.to)) {
        visit(edge.to);
      }
    }
    path.pop();
    onPath.delete(node);
    done.add(node);
  };
  for (const node of [...graph.keys()].sort()) if (!done.has(node)) visit(node);
  return problems;
}

function cycleProblem(relation: string, loop: string[], edge: Edge): CatalogProblem {
  return {
    severity: 'error',
    ...edge.declared.position,
    entity: edge.declaredBy,
    code: 'hierarchy-cycle',
    message: `${refPath(edge.declared)} closes a loop (${relation}): ${loop.join(' → ')}; an entity cannot be its own ancestor, so remove or change one of these refs`,
  };
}
