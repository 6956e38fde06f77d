// Finding catalog files on disk (the I/O edge of the catalog engine), the way Backstage reads a
// repository. A named file is always read. In a directory, the files that hold entities are read:
// catalog-info.yaml (or .yml) anywhere, Steward's steward.yaml, YAML under a top-level `catalog/`
// directory (or in the directory read, when it is named catalog), and what the configuration's
// `files.include` globs add (less `files.exclude`). What Locations name is followed by the loader.
// Other YAML (mkdocs.yml, CI files, Helm charts) is not an entity, nor is what a Template fetches
// (its skeleton). Hidden directories and node_modules are skipped. Other YAML that declares a kind
// another module reads (an SLO spec's `apiVersion: openslo/v1`) is handed out as claimed, not read.
import { stat } from 'node:fs/promises';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { invalid } from '../../../platform/errors.ts';
import { claimOf, type FileClaim } from '../attachments.ts';
import type { CatalogProblem, FileSelection } from '../engine/model.ts';
import { tooLargeMessage } from '../engine/parse.ts';
import { compileGlob, type Glob } from './globs.ts';
import { type InsideRefusal, outsideMessage, readInside, realRootOf } from './source-root.ts';
import { isTemplateContent, templateContentPaths } from './template-content.ts';
import { walkTree } from './walk-tree.ts';

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
  /** What Templates fetch (absolute paths, files or directories): not catalog files, even by glob. */
  templateContent: string[];
  /** YAML files outside the catalog's selection that declare a claimed kind (already read). */
  claimed: ClaimedFile[];
}

export interface ClaimedFile extends FoundFile {
  content: Uint8Array;
  /** The claim's handler. */
  annotation: string;
}

const namedCatalogFiles = new Set(['catalog-info.yaml', 'catalog-info.yml', 'steward.yaml', 'steward.yml']);

/** Throws `invalid` (a usage error) if a path does not exist or cannot be read, or a glob is malformed. */
export async function findCatalogFiles(
  paths: readonly string[],
  maxBytes: number,
  selection: FileSelection = {},
  claims: readonly FileClaim[] = [],
): Promise<FoundFiles> {
  const found: FoundFiles = { files: [], problems: [], templateContent: [], claimed: [] };
  const include = compileSelection(selection.include ?? [], 'files.include');
  const exclude = compileSelection(selection.exclude ?? [], 'files.exclude');
  for (const path of paths) {
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw invalid(
        `cannot read ${path}: ${error.code === 'ENOENT' ? 'no such file or directory' : error.message}`,
      );
    });
    const realRoot = await realRootOf(path, info.isDirectory());
    if (!info.isDirectory()) {
      found.files.push({ file: path, root: dirname(resolve(path)), realRoot });
      continue;
    }
    const root = resolve(path);
    const candidates: FoundFile[] = [];
    const claimed: ClaimedFile[] = [];
    await walkTree(path, {
      realRoot,
      onFile: async (file) => {
        const inside = relative(root, file).split(sep).join('/');
        const excluded = exclude.some((g) => g.matches(inside));
        const selected = isSelected(inside, basename(root) === 'catalog', include) && !excluded;
        if (selected) candidates.push({ file, root, realRoot });
        if (!/\.ya?ml$/.test(file) || (selected && !/template/i.test(basename(file)))) return;
        const content = await readSmallYaml(file, realRoot, maxBytes);
        if (!content) return;
        found.templateContent.push(...templateContentPaths(resolve(file), content.toString('utf8')));
        const annotation = selected || excluded ? undefined : claimOf(claims, content);
        if (annotation) claimed.push({ file, root, realRoot, content, annotation });
      },
      onOutside: (file, what) => {
        const message = `${basename(file)} ${outsideMessage(what)}`;
        found.problems.push({ ...fileProblem(file, 'path-escapes-root', message), severity: 'warning' });
      },
      onUnreadable: (directory, reason) =>
        found.problems.push(
          fileProblem(directory, 'unreadable-file', `cannot list this directory (${reason})`),
        ),
    });
    const skeletons = found.templateContent;
    found.files.push(...candidates.filter((c) => !isTemplateContent(resolve(c.file), skeletons)));
    found.claimed.push(...claimed.filter((c) => !isTemplateContent(resolve(c.file), skeletons)));
  }
  return found;
}

function compileSelection(patterns: readonly string[], field: string): Glob[] {
  return patterns.map((pattern) => {
    const compiled = compileGlob(pattern);
    if (!compiled.ok)
      throw invalid(`${field}: "${pattern}" is not a glob Steward can read: ${compiled.message}`);
    return compiled.glob;
  });
}

/** A file the default rules or the configured globs select (`inside`: relative to the root, `/`-separated). */
function isSelected(inside: string, rootIsCatalog: boolean, include: readonly Glob[]): boolean {
  const name = inside.slice(inside.lastIndexOf('/') + 1);
  if (namedCatalogFiles.has(name)) return true;
  if (/\.ya?ml$/.test(name) && (rootIsCatalog || inside.startsWith('catalog/'))) return true;
  return include.some((glob) => glob.matches(inside));
}

/**
 * Reads a YAML file that is not a catalog file, to learn what its Templates fetch and whether it is
 * claimed; a file too large (over 1 MiB) or outside the source is neither.
 */
async function readSmallYaml(file: string, realRoot: string, maxBytes: number): Promise<Buffer | undefined> {
  const read = await readInside(realRoot, file, Math.min(maxBytes, 1024 * 1024));
  return 'content' in read ? read.content : undefined;
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
