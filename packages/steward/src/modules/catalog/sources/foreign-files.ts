// opslevel.yml and cortex.yaml files in a source: each mapped entity is written as a generated
// catalog file the engine validates with the rest, and every position the engine reports in a
// generated file is traced back to the line of the original its data came from.
import type { Dirent } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { YamlPosition } from '../../../platform/yaml/nodes.ts';
import { type EmittedYaml, emitEntityYaml } from '../engine/entity-yaml.ts';
import {
  type CatalogEntity,
  type CatalogProblem,
  defaultMaxFileBytes,
  type SourcePosition,
} from '../engine/model.ts';
import { checkCharacters, decodeCatalogFile, tooLargeMessage } from '../engine/parse.ts';
import { createReporter } from '../engine/reporter.ts';
import { cortexFileNames, mapCortex } from './cortex.ts';
import type { MappedEntity, MappedFile } from './mapped-entity.ts';
import { mapOpslevel, opslevelFileNames } from './opslevel.ts';
import type { PositionedYaml } from './positioned-yaml.ts';
import { type InsideRefusal, outsideMessage, readInside } from './source-root.ts';

const mappers = new Map<string, (content: string, file: string) => MappedFile>([
  ...opslevelFileNames.map((name) => [name, mapOpslevel] as const),
  ...cortexFileNames.map((name) => [name, mapCortex] as const),
]);

export function isForeignFile(path: string): boolean {
  return mappers.has(basename(path));
}

/**
 * Every opslevel.yml and cortex.yaml under `root`, skipping hidden directories and node_modules. A
 * link with one of those names is listed too: reading it decides whether it stays inside the source.
 */
export async function findForeignFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (directory: string) => {
    const entries = await readdir(directory, { withFileTypes: true }).catch(() => [] as Dirent[]);
    for (const entry of entries) {
      const path = join(directory, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
        await walk(path);
      else if ((entry.isFile() || entry.isSymbolicLink()) && mappers.has(entry.name)) found.push(path);
    }
  };
  await walk(root);
  return found.sort();
}

interface Generated {
  original: string;
  emitted: EmittedYaml;
  mapped: MappedEntity;
  yaml: PositionedYaml;
}

export interface PreparedForeignFiles {
  /** Generated catalog files, for the engine to read with the others. */
  paths: string[];
  /** Problems of the original files themselves. */
  problems: CatalogProblem[];
  remapProblem(problem: CatalogProblem): CatalogProblem;
  remapEntity(entity: CatalogEntity): void;
}

/** `realRoot`: the source's root, links resolved; a file resolving outside it is not read. */
export async function prepareForeignFiles(
  files: readonly string[],
  scratch: string,
  realRoot: string,
): Promise<PreparedForeignFiles> {
  const generated = new Map<string, Generated>();
  const problems: CatalogProblem[] = [];
  for (const original of files) {
    const map = mappers.get(basename(original));
    if (!map) continue;
    const read = await readInside(realRoot, original, defaultMaxFileBytes);
    if (!('content' in read)) {
      if (read.refused !== 'missing') problems.push(unread(original, read));
      continue;
    }
    // Read as catalog files are: UTF-8, and no NUL or lone surrogate (reported where it is).
    const reporter = createReporter(original, problems);
    const text = decodeCatalogFile(read.content, reporter);
    if (text === undefined || !checkCharacters(text, reporter)) continue;
    const result = map(text, original);
    problems.push(...result.problems);
    for (const mapped of result.entities) {
      const path = join(scratch, `mapped-${generated.size}.yaml`);
      const emitted = emitEntityYaml(mapped.entity);
      await writeFile(path, emitted.text);
      generated.set(path, { original, emitted, mapped, yaml: result.yaml });
    }
  }
  return {
    paths: [...generated.keys()],
    problems,
    remapProblem(problem) {
      const from = generated.get(problem.file);
      if (!from) return problem;
      const path = from.emitted.pathAt(problem.line, problem.column, problem.code);
      return { ...problem, file: from.original, ...originalPosition(from, path) };
    },
    remapEntity(entity) {
      const place = (position: SourcePosition): SourcePosition => {
        const from = generated.get(position.file);
        if (!from) return position;
        const path = from.emitted.pathAt(position.line, position.column, '');
        return { file: from.original, ...originalPosition(from, path) };
      };
      entity.owners = entity.owners.map((owner) => ({ ...owner, position: place(owner.position) }));
      entity.relations = entity.relations.map((relation) => ({
        ...relation,
        position: place(relation.position),
      }));
      const from = generated.get(entity.source.file);
      if (from) entity.source = { ...entity.source, file: from.original, ...originalPosition(from, '') };
    },
  };
}

function unread(file: string, read: InsideRefusal): CatalogProblem {
  const problem = { severity: 'error' as const, file, line: 1, column: 1, entity: null };
  if (read.refused === 'outside')
    return { ...problem, code: 'path-escapes-root', message: `${basename(file)} ${outsideMessage()}` };
  if (read.refused === 'too-large')
    return { ...problem, code: 'file-too-large', message: tooLargeMessage(read.size, defaultMaxFileBytes) };
  const reason = read.refused === 'unreadable' ? read.reason : 'not a regular file';
  return { ...problem, code: 'unreadable-file', message: `cannot read this file (${reason})` };
}

function originalPosition(from: Generated, path: string): YamlPosition {
  let origin: string | undefined;
  for (let p: string | undefined = path; p !== undefined && origin === undefined; p = parentPath(p)) {
    origin = from.mapped.origins.get(p);
  }
  for (let p: string | undefined = origin ?? from.mapped.root; p !== undefined; p = parentPath(p)) {
    const position = from.yaml.positionOf(p);
    if (position) return { line: position.line, column: position.column };
  }
  return { line: 1, column: 1 };
}

function parentPath(path: string): string | undefined {
  if (path === '') return undefined;
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut <= 0 ? '' : path.slice(0, cut);
}
