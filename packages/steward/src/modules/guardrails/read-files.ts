// The files a scan reads: each PATH a file, or a directory walked (skipping .git, node_modules and
// other dot-directories, and what the repository's .stewardignore lists) for the files some analyser
// takes. A path that cannot be read is a problem for that path; the scan goes on with the rest.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, matchesGlob, relative, resolve } from 'node:path';
import type { FileProblem, SourceFile } from './engine/model.ts';

const skippedDirectories = new Set(['node_modules', 'vendor']);
/** Larger files are not manifests anyone wrote; reading them would only slow the scan. */
const maxFileBytes = 5 * 1024 * 1024;

export interface FileList {
  paths: string[];
  problems: FileProblem[];
}

/**
 * The globs of a .stewardignore (one a line, `#` comments, relative to the repository root, as
 * node's path.matchesGlob reads them): a directory or file a walk meets that one matches is left out.
 */
export async function readIgnoreFile(repoRoot: string): Promise<Ignored> {
  const text = await readFile(join(repoRoot, '.stewardignore'), 'utf8').catch(() => '');
  const globs = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.replace(/^\/+|\/+$/g, ''));
  if (globs.length === 0) return () => false;
  return (path) => {
    const inRepo = relative(repoRoot, resolve(path)).split('\\').join('/');
    return !inRepo.startsWith('..') && globs.some((glob) => matchesGlob(inRepo, glob));
  };
}

/** Whether a walk leaves this path (a directory or a file) out. */
export type Ignored = (path: string) => boolean;

/** Paths named as roots are always read; `ignored` applies to what a directory walk meets. */
export async function listFiles(
  roots: string[],
  wanted: (path: string) => boolean,
  ignored: Ignored = () => false,
): Promise<FileList> {
  const out: FileList = { paths: [], problems: [] };
  for (const root of roots) {
    const info = await stat(root).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) {
      const reason = info.code === 'ENOENT' ? 'no such file or directory' : info.message;
      out.problems.push({ file: root, line: 1, column: 1, message: `cannot read: ${reason}` });
    } else if (info.isDirectory()) {
      await walk(root, wanted, ignored, out);
    } else {
      out.paths.push(root);
    }
  }
  return out;
}

async function walk(
  dir: string,
  wanted: (path: string) => boolean,
  ignored: Ignored,
  out: FileList,
): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: Error) => error);
  if (entries instanceof Error) {
    out.problems.push({
      file: dir,
      line: 1,
      column: 1,
      message: `cannot list the directory: ${entries.message}`,
    });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (ignored(path)) continue;
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !skippedDirectories.has(entry.name))
        await walk(path, wanted, ignored, out);
    } else if (entry.isFile() && wanted(path)) {
      out.paths.push(path);
    }
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The file's text, or a problem saying why not (too large, not UTF-8, unreadable). */
export async function readSource(path: string, base: string): Promise<SourceFile | FileProblem> {
  const name = relative(base, path) || path;
  const bytes = await readFile(path).catch((error: Error) => error);
  if (bytes instanceof Error)
    return { file: name, line: 1, column: 1, message: `cannot read: ${bytes.message}` };
  if (bytes.length > maxFileBytes) {
    return {
      file: name,
      line: 1,
      column: 1,
      message: `skipped: ${bytes.length} bytes is more than a manifest (${maxFileBytes} at most)`,
    };
  }
  try {
    return { path: name.split('\\').join('/'), text: utf8.decode(bytes) };
  } catch {
    return { file: name, line: 1, column: 1, message: 'not UTF-8 text; save it as UTF-8' };
  }
}
