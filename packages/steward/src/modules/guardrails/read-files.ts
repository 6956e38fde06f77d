// The files a scan reads: each PATH a file, or a directory walked (skipping .git, node_modules and
// other dot-directories) for the files some analyser takes. A path that cannot be read is a problem
// for that path; the scan goes on with the rest.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { FileProblem, SourceFile } from './engine/model.ts';

const skippedDirectories = new Set(['node_modules', 'vendor']);
/** Larger files are not manifests anyone wrote; reading them would only slow the scan. */
const maxFileBytes = 5 * 1024 * 1024;

export interface FileList {
  paths: string[];
  problems: FileProblem[];
}

export async function listFiles(roots: string[], wanted: (path: string) => boolean): Promise<FileList> {
  const out: FileList = { paths: [], problems: [] };
  for (const root of roots) {
    const info = await stat(root).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) {
      const reason = info.code === 'ENOENT' ? 'no such file or directory' : info.message;
      out.problems.push({ file: root, line: 1, column: 1, message: `cannot read: ${reason}` });
    } else if (info.isDirectory()) {
      await walk(root, wanted, out);
    } else {
      out.paths.push(root);
    }
  }
  return out;
}

async function walk(dir: string, wanted: (path: string) => boolean, out: FileList): Promise<void> {
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
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !skippedDirectories.has(entry.name)) await walk(path, wanted, out);
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
