// Files an entity points at: a Location's targets (read as more catalog files) and Backstage
// placeholders (`$text: ./api.yaml`). Relative paths resolve from the entity's file and must stay
// inside the root being read; whether they exist is for the loader to find out.
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { findPair, type YamlMap, type YamlScalar } from '../../../platform/yaml/nodes.ts';
import type { SourcePosition } from './model.ts';
import { quoteToken } from './quote-token.ts';
import type { Reporter } from './reporter.ts';

export interface FileReference {
  /** As written in the file. */
  target: string;
  /** The absolute path it names. */
  path: string;
  position: SourcePosition;
  entity: string | null;
  /** Location targets are read as catalog files; placeholders only have to exist. */
  follow: boolean;
  /** A Location with `presence: optional` may point at nothing. */
  required: boolean;
}

export interface Written {
  node: YamlScalar;
  follow: boolean;
  required: boolean;
}

/** A Location's `spec.target` and `spec.targets`, unless it is of a type other than `file`. */
export function locationTargets(root: YamlMap): Written[] {
  const spec = findPair(root, 'spec')?.value;
  if (spec?.kind !== 'map') return [];
  const type = findPair(spec, 'type')?.value;
  if (type?.kind === 'scalar' && type.value !== null && type.value !== 'file') return [];
  const presence = findPair(spec, 'presence')?.value;
  const required = !(presence?.kind === 'scalar' && presence.value === 'optional');
  const written: Written[] = [];
  const target = findPair(spec, 'target')?.value;
  if (target?.kind === 'scalar') written.push({ node: target, follow: true, required });
  const targets = findPair(spec, 'targets')?.value;
  if (targets?.kind === 'seq') {
    for (const item of targets.items)
      if (item.kind === 'scalar') written.push({ node: item, follow: true, required });
  }
  return written;
}

/**
 * Resolves what was written against the file's directory; a path leaving `root` is an error. URLs,
 * globs and non-strings are not files to check here.
 */
export function resolveReferences(
  written: readonly Written[],
  root: string,
  reporter: Reporter,
): FileReference[] {
  const references: FileReference[] = [];
  for (const { node, follow, required } of written) {
    const target = node.value;
    if (typeof target !== 'string' || target === '' || /^[a-z][a-z0-9+.-]+:/i.test(target)) continue;
    const path = resolve(dirname(reporter.file), target.replace(/\*.*$/, ''));
    const inside = relative(root, path);
    if (inside.split(sep)[0] === '..' || isAbsolute(inside)) {
      reporter.error(
        node,
        'path-escapes-root',
        `${quoteToken(target)} points outside the directory being read (the source's root); point at a file inside it, or read the parent directory`,
      );
      continue;
    }
    if (target.includes('*')) continue;
    references.push({ target, path, position: reporter.at(node), entity: reporter.entity, follow, required });
  }
  return references;
}
