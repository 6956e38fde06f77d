// What each container check is given, and where its findings point.
import type { Container, Emit } from './finding.ts';
import { pair } from './nodes.ts';
import type { PodSpec, Resource } from './resources.ts';

export interface ContainerContext {
  resource: Resource;
  pod: PodSpec;
  allowedRegistries: string[];
  /** Jobs run to completion: probes do not apply. */
  runsToCompletion: boolean;
  emit: Emit;
}

/** Where a finding about a missing setting points: the container's name (its first line otherwise). */
export function at(container: Container): { line: number; column: number } {
  return pair(container.node, 'name') ?? container.node;
}

export function anchor(container: Container, path: string): string {
  return `${container.list}[${container.name}].${path}`;
}
