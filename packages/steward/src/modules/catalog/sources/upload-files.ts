// Files uploaded as a catalog source (`steward catalog import` of a local directory): kept under the
// data directory, each path relative and inside it. Every path is checked before anything is
// written, and a new upload replaces the one before all at once: written beside it, then swapped in
// with renames, so the files uploaded before stay whole if anything about the new ones fails.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type FieldProblem, invalid } from '../../../platform/errors.ts';
import { nextLoneSurrogate } from '../../../platform/unstorable-text.ts';

export interface UploadedFile {
  path: string;
  content: string;
}

/** The longest file or directory name filesystems take (NAME_MAX), in bytes. */
const maxNameBytes = 255;

/** Null when the path may be written under the upload's directory, else what is wrong with it. */
export function uploadPathProblem(path: string): string | null {
  if (path === '' || path.length > 1024) return 'must be a relative path of 1 to 1024 characters';
  if (path.includes('\0') || path.includes('\\'))
    return 'must not contain NUL or backslashes; use / between directories';
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path))
    return 'must be relative to the directory imported, not absolute';
  const segments = path.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.' || segment === '')) {
    return 'must stay inside the directory imported: no "..", "." or empty segments';
  }
  const long = segments.find((segment) => Buffer.byteLength(segment) > maxNameBytes);
  if (long !== undefined) {
    return `has a name of ${Buffer.byteLength(long)} bytes (${JSON.stringify(`${long.slice(0, 24)}…`)}); a file or directory name may be at most ${maxNameBytes} bytes`;
  }
  return null;
}

export function assertUploadPaths(files: readonly UploadedFile[]): void {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  /** Every directory the files so far need, with the first file needing it. */
  const directories = new Map<string, number>();
  files.forEach((file, i) => {
    const problem =
      uploadPathProblem(file.path) ??
      (seen.has(file.path) ? 'is uploaded twice' : clash(file.path, seen, directories));
    seen.add(file.path);
    const segments = file.path.split('/');
    for (let n = 1; n < segments.length; n++) {
      const directory = segments.slice(0, n).join('/');
      if (!directories.has(directory)) directories.set(directory, i);
    }
    if (problem)
      problems.push({ field: `body.files[${i}].path`, message: `${JSON.stringify(file.path)} ${problem}` });
  });
  if (problems.length > 0) {
    throw invalid(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
}

/** A path cannot be a file and a directory at once. */
function clash(path: string, files: Set<string>, directories: Map<string, number>): string | null {
  const asDirectory = directories.get(path);
  if (asDirectory !== undefined)
    return `is a file, but body.files[${asDirectory}].path needs it to be a directory`;
  const segments = path.split('/');
  for (let n = 1; n < segments.length; n++) {
    const directory = segments.slice(0, n).join('/');
    if (files.has(directory))
      return `needs ${JSON.stringify(directory)} to be a directory, but it is uploaded as a file`;
  }
  return null;
}

/** Replaces what was uploaded before with these files, all at once. */
export async function writeUploadedFiles(dir: string, files: readonly UploadedFile[]): Promise<void> {
  assertUploadPaths(files);
  await mkdir(dirname(dir), { recursive: true });
  await removeLeftovers(dir);
  const fresh = await mkdtemp(`${dir}.incoming-`);
  try {
    for (const [i, file] of files.entries()) {
      const path = join(fresh, ...file.path.split('/'));
      try {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, bytesOf(file.content));
      } catch (error) {
        throw refusedByFilesystem(error, i, file.path);
      }
    }
    await swapIn(fresh, dir);
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
}

/**
 * The content as UTF-8, except that a lone surrogate (valid in a JSON string, not in text) is kept as
 * its three bytes rather than silently replaced by U+FFFD: reading the file then reports it where it is.
 */
function bytesOf(content: string): Buffer {
  if (content.isWellFormed()) return Buffer.from(content, 'utf8');
  const parts: Buffer[] = [];
  let from = 0;
  for (let i = nextLoneSurrogate(content); i !== -1; i = nextLoneSurrogate(content, i + 1)) {
    const c = content.charCodeAt(i);
    parts.push(Buffer.from(content.slice(from, i), 'utf8'));
    parts.push(Buffer.from([0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]));
    from = i + 1;
  }
  parts.push(Buffer.from(content.slice(from), 'utf8'));
  return Buffer.concat(parts);
}

/** Where the files uploaded before wait while the new ones are renamed into place. */
const previousOf = (dir: string) => `${dir}.previous`;

async function swapIn(fresh: string, dir: string): Promise<void> {
  const previous = previousOf(dir);
  const hadPrevious = await rename(dir, previous).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  try {
    await rename(fresh, dir);
  } catch (error) {
    if (hadPrevious) await rename(previous, dir);
    throw error;
  }
  await rm(previous, { recursive: true, force: true });
}

/**
 * After a crash between the two renames, the upload before is still whole under its waiting name:
 * put it back. Half-written uploads of a crashed request are removed.
 */
export async function restoreInterruptedUpload(dir: string): Promise<void> {
  const previous = previousOf(dir);
  if (!existsSync(previous)) return;
  if (existsSync(dir)) await rm(previous, { recursive: true, force: true });
  else await rename(previous, dir);
}

async function removeLeftovers(dir: string): Promise<void> {
  await restoreInterruptedUpload(dir);
  const prefix = `${basename(dir)}.incoming-`;
  const siblings = await readdir(dirname(dir)).catch(() => [] as string[]);
  for (const name of siblings)
    if (name.startsWith(prefix)) await rm(join(dirname(dir), name), { recursive: true, force: true });
}

/** A name the filesystem refuses (too long for it, say) is the caller's to change: 400, naming the file. */
function refusedByFilesystem(error: unknown, index: number, path: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (!['ENAMETOOLONG', 'ENOTDIR', 'EISDIR', 'EEXIST', 'EINVAL', 'EILSEQ'].includes(code ?? '')) return error;
  const field = `body.files[${index}].path`;
  const message = `${JSON.stringify(path)} cannot be written on this server (${code}); choose a shorter or plainer name`;
  return invalid(`${field}: ${message}`, [{ field, message }]);
}
