// Files an entity points at: a Location's targets (read as more catalog files; a target may be a glob,
// `./plugins/*/catalog-info.yaml`) and Backstage placeholders (`$text: ./api.yaml`, substituted by the
// loader). Relative paths resolve from the entity's file, under `type: file` and `type: url` alike,
// and must stay inside the root being read; whether they exist is for the loader to find out. A URL
// to elsewhere is reported and left alone: Steward reads the source it was given, never the network.
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { findPair, type YamlMap, type YamlScalar } from '../../../platform/yaml/nodes.ts';
import type { JsonSchema, SourcePosition } from './model.ts';
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
  /** A Location target with wildcards: `path` is the pattern, resolved. */
  glob?: boolean;
  /** For a placeholder: what it is. */
  substitution?: Substitution;
}

export interface Substitution {
  /** `$text`, `$json` or `$yaml`. */
  key: string;
  /** Where it is in the entity, for messages: `spec.definition`. */
  at: string;
  /** What the substituted value must be, when the kind's schema says. */
  type: JsonSchema['type'];
}

export interface Written {
  node: YamlScalar;
  follow: boolean;
  required: boolean;
  substitution?: Substitution;
}

/** A Location's `spec.target` and `spec.targets`, when its type is `file` or `url` (Backstage's own). */
export function locationTargets(root: YamlMap, reporter: Reporter): Written[] {
  const spec = findPair(root, 'spec')?.value;
  if (spec?.kind !== 'map') return [];
  const type = findPair(spec, 'type')?.value;
  if (type?.kind === 'scalar' && type.value !== null && type.value !== 'file' && type.value !== 'url') {
    const message = `a Location of type ${quoteToken(String(type.value))} is for a Backstage provider; Steward follows only type url and file, so its targets were not read: add what it names as a source of its own`;
    reporter.warning(type, 'url-not-read', message);
    return [];
  }
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
  // A placeholder in `spec` is seen by the envelope's check and by the kind's: it is one reference,
  // with the type the kind's schema asks for.
  const once = new Map<YamlScalar, Written>();
  for (const item of written) {
    const earlier = once.get(item.node);
    if (!earlier || (item.substitution?.type !== undefined && earlier.substitution?.type === undefined))
      once.set(item.node, item);
  }
  for (const { node, follow, required, substitution } of once.values()) {
    const target = node.value;
    if (typeof target !== 'string' || target === '') continue;
    if (/^[a-z][a-z0-9+.-]+:/i.test(target)) {
      reporter.warning(node, 'url-not-read', urlMessage(target, substitution));
      continue;
    }
    const path = resolve(dirname(reporter.file), target.replace(/[*?[{].*$/, ''));
    const inside = relative(root, path);
    if (inside.split(sep)[0] === '..' || isAbsolute(inside)) {
      reporter.error(
        node,
        'path-escapes-root',
        `${quoteToken(target)} points outside the directory being read (the source's root); point at a file inside it, or read the parent directory`,
      );
      continue;
    }
    const reference = {
      target,
      path,
      position: reporter.at(node),
      entity: reporter.entity,
      follow,
      required,
    };
    if (/[*?[{]/.test(target)) {
      if (follow)
        references.push({ ...reference, path: resolve(dirname(reporter.file), target), glob: true });
      continue;
    }
    references.push(substitution ? { ...reference, substitution } : reference);
  }
  return references;
}

function urlMessage(target: string, substitution: Substitution | undefined): string {
  const url = JSON.stringify(withoutCredentials(target).slice(0, 300));
  if (substitution)
    return `${substitution.key} ${url} is a URL: Steward does not fetch URLs, so the placeholder is kept as written; put the file in this source and name it by a relative path to have its content here`;
  return `${url} is a URL to elsewhere, not followed: Steward reads only this source's files; add that repository as a source of its own, or use a path relative to this file`;
}

/** The URL (so it can be found), but never a password or token written into it or its query. */
function withoutCredentials(target: string): string {
  try {
    const url = new URL(target);
    if (!url.username && !url.password && !url.search) return target;
    url.username = '';
    url.password = '';
    return url.toString().replace(/\?.*$/, url.search ? '?…' : '');
  } catch {
    return target.replace(/\/\/[^/@]*@/, '//');
  }
}
