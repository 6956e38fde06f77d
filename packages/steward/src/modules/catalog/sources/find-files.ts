// Finding catalog files on disk (the I/O edge of the catalog engine). A named file is always read.
// In a directory, a YAML file (.yaml/.yml) is read when it is named catalog-info or steward, when it
// is under a directory named `catalog`, or when it declares a catalog apiVersion (backstage.io/…,
// steward.dev/…, scaffolder.backstage.io/…). Hidden directories and node_modules are skipped.
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { invalid } from '../../../platform/errors.ts';
import type { CatalogProblem } from '../engine/model.ts';
import { tooLargeMessage } from '../engine/parse.ts';
import {
  fsReason,
  type InsideRefusal,
  outsideMessage,
  placeOf,
  readInside,
  realRootOf,
} from './source-root.ts';

export interface FoundFile {
  /** The path as found (built from the path the user gave). */
  file: string;
  /** The directory being read: references may not leave it. */
  root: string;
  /** The same with symbolic links resolved: no file read may resolve outside it (see source-root.ts). */
  realRoot: string;
  /** Already read while deciding whether it is a catalog file. */
  content?: Uint8Array;
}

export interface FoundFiles {
  files: FoundFile[];
  problems: CatalogProblem[];
}

const namedCatalogFiles = new Set(['catalog-info.yaml', 'catalog-info.yml', 'steward.yaml', 'steward.yml']);
const catalogApiVersion = /^apiVersion:[ \t]*["']?(backstage\.io|steward\.dev|scaffolder\.backstage\.io)\//m;

/** Throws `invalid` (a usage error) if a path does not exist or cannot be read. */
export async function findCatalogFiles(paths: readonly string[], maxBytes: number): Promise<FoundFiles> {
  const found: FoundFiles = { files: [], problems: [] };
  for (const path of paths) {
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw invalid(
        `cannot read ${path}: ${error.code === 'ENOENT' ? 'no such file or directory' : error.message}`,
      );
    });
    const realRoot = await realRootOf(path, info.isDirectory());
    if (info.isDirectory()) {
      await walk(path, { root: resolve(path), realRoot, visited: new Set([realRoot]), maxBytes, found });
    } else {
      found.files.push({ file: path, root: dirname(resolve(path)), realRoot });
    }
  }
  return found;
}

interface Walk {
  /** The directory given, absolute. */
  root: string;
  /** The same with symbolic links resolved: links may not lead out of it. */
  realRoot: string;
  visited: Set<string>;
  maxBytes: number;
  found: FoundFiles;
}

async function walk(directory: string, context: Walk): Promise<void> {
  const entries = await readdir(directory, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    context.found.problems.push(
      fileProblem(directory, 'unreadable-file', `cannot list this directory (${fsReason(error)})`),
    );
    return [] as Dirent[];
  });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isSymbolicLink()) await followLink(path, context);
    else if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') await walk(path, context);
    } else if (entry.isFile()) await considerFile(path, context);
  }
}

async function followLink(path: string, context: Walk): Promise<void> {
  const place = await placeOf(context.realRoot, path);
  if (place.placement === 'missing') return;
  if (place.placement === 'outside') {
    const message = `${basename(path)} ${outsideMessage(place.info?.isDirectory() ? 'directory' : 'file')}`;
    context.found.problems.push({ ...fileProblem(path, 'path-escapes-root', message), severity: 'warning' });
    return;
  }
  if (place.info.isDirectory() && !context.visited.has(place.real)) {
    context.visited.add(place.real);
    await walk(path, context);
  } else if (place.info.isFile()) await considerFile(path, context);
}

async function considerFile(path: string, context: Walk): Promise<void> {
  const name = basename(path);
  if (!/\.ya?ml$/.test(name)) return;
  const file: FoundFile = { file: path, root: context.root, realRoot: context.realRoot };
  const inCatalogDirectory = relative(context.root, path).split(sep).slice(0, -1).includes('catalog');
  if (namedCatalogFiles.has(name) || inCatalogDirectory || basename(context.root) === 'catalog') {
    context.found.files.push(file);
    return;
  }
  // Other YAML is read only if it declares a catalog apiVersion; a huge one cannot be a catalog file we want.
  const read = await readInside(context.realRoot, path, context.maxBytes);
  if ('content' in read) {
    if (catalogApiVersion.test(read.content.toString('latin1')))
      context.found.files.push({ ...file, content: read.content });
  } else if (read.refused === 'outside') context.found.problems.push(refusal(file, read, context.maxBytes));
}

/** Reads a found file, refusing one outside the source or over the size limit before reading it. */
export async function readCatalogFile(
  found: FoundFile,
  maxBytes: number,
): Promise<{ content: Uint8Array } | { problem: CatalogProblem }> {
  if (found.content) return { content: found.content };
  const read = await readInside(found.realRoot, found.file, maxBytes);
  return 'content' in read ? read : { problem: refusal(found, read, maxBytes) };
}

function refusal(found: FoundFile, read: InsideRefusal, maxBytes: number): CatalogProblem {
  const { file } = found;
  switch (read.refused) {
    case 'outside':
      return fileProblem(file, 'path-escapes-root', `${basename(file)} ${outsideMessage()}`);
    case 'too-large':
      return fileProblem(file, 'file-too-large', tooLargeMessage(read.size, maxBytes));
    case 'missing':
      return fileProblem(file, 'unreadable-file', 'cannot read this file: it is no longer there');
    case 'not-a-file':
      return fileProblem(
        file,
        'unreadable-file',
        'is not a regular file (a directory, device or pipe); only files are read',
      );
    case 'unreadable':
      return fileProblem(file, 'unreadable-file', `cannot read this file (${read.reason})`);
  }
}

function fileProblem(file: string, code: CatalogProblem['code'], message: string): CatalogProblem {
  return { severity: 'error', file, line: 1, column: 1, entity: null, code, message };
}
