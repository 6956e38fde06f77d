// How Kubernetes checks report: a rule, the resource, the node to point at, a message and the anchor
// (the offending field's path) that keeps the finding's fingerprint stable when lines move.
import type { RawFinding, Rule } from '../model.ts';
import type { Resource } from './resources.ts';

export type Emit = (finding: RawFinding) => void;

export interface Container {
  name: string;
  image: string | null;
  /** `containers` or `initContainers`. */
  list: string;
  node: import('./nodes.ts').YamlMap;
}

export function finding(
  rule: Rule,
  resource: Resource,
  at: { line: number; column: number },
  message: string,
  anchor: string,
  extra: { container?: Container; aliases?: string[] } = {},
): RawFinding {
  const { container, aliases } = extra;
  return {
    ruleId: rule.id,
    message,
    file: resource.file,
    line: at.line,
    column: at.column,
    resource: resource.id,
    anchor,
    ...(container ? { container: { name: container.name, image: container.image } } : {}),
    ...(aliases ? { aliases } : {}),
  };
}

/** "container web" or "init container migrate", for messages. */
export function containerLabel(container: Container): string {
  return `${container.list === 'initContainers' ? 'init container' : 'container'} ${container.name}`;
}
