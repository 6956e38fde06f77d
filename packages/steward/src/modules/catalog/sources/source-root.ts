// The one way a catalog source's files are opened: only a file that resolves, links followed, inside
// the source's root is read. A repository (or a directory on the server) can hold symbolic links to
// anything the server can read (its admin token, /etc/passwd, /proc/self/environ); such a file is
// refused before it is opened, and the refusal names the link, never what is behind it.
import { constants, type Stats } from 'node:fs';
import { type FileHandle, open, readlink, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, sep } from 'node:path';

/** Links out of the source are refused with this, after what was refused: a file name, or a target. */
export function outsideMessage(what: 'file' | 'directory' = 'file'): string {
  return `is a symbolic link to a ${what} outside the source; Steward reads only files inside the source, so it was not opened: copy the ${what} into the source, or link to one inside it`;
}

/** The real directory every file of a source must resolve into: of the directory, or a named file's. */
export async function realRootOf(path: string, isDirectory: boolean): Promise<string> {
  return isDirectory ? realpath(path) : dirname(await realpath(path));
}

export function isInside(realRoot: string, real: string): boolean {
  const inside = relative(realRoot, real);
  return inside === '' || (!isAbsolute(inside) && inside !== '..' && !inside.startsWith(`..${sep}`));
}

export type Placement =
  | { placement: 'inside'; real: string; info: Stats }
  | { placement: 'outside'; info: Stats | undefined }
  | { placement: 'missing' };

/** Where a path leads now, links followed; for existence checks and walks (nothing is opened). */
export async function placeOf(realRoot: string, path: string): Promise<Placement> {
  const real = await realpath(path).catch(() => undefined);
  if (real === undefined) return { placement: 'missing' };
  const info = await stat(real).catch(() => undefined);
  if (!isInside(realRoot, real)) return { placement: 'outside', info };
  return info ? { placement: 'inside', real, info } : { placement: 'missing' };
}

export type InsideRefusal =
  | { refused: 'outside' | 'missing' | 'not-a-file' }
  | { refused: 'too-large'; size: number }
  | { refused: 'unreadable'; reason: string };

export type InsideRead = { content: Buffer } | InsideRefusal;

/** Why a file could not be read, without its path (which, on a server, names the data directory). */
export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many symbolic links';
  return code ?? 'unknown error';
}

// Non-blocking, so that a FIFO cannot hold the open; no controlling terminal from a device; the
// last component must not be a link (the path opened is already resolved).
const openFlags =
  constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0) | (constants.O_NOFOLLOW ?? 0);

/**
 * Reads a file only if it is inside `realRoot`. Two checks, because each alone falls short: the path
 * is resolved before opening, so a file outside is never opened at all (opening a FIFO blocks, opening
 * some devices acts); and the open file itself is asked where it is, so a link swapped in between the
 * two steps (a time-of-check-to-time-of-use race) cannot redirect the read.
 */
export async function readInside(realRoot: string, path: string, maxBytes: number): Promise<InsideRead> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return missing ? { refused: 'missing' } : { refused: 'unreadable', reason: fsReason(error) };
  }
  if (!isInside(realRoot, real)) return { refused: 'outside' };
  let handle: FileHandle;
  try {
    handle = await open(real, openFlags);
  } catch (error) {
    return { refused: 'unreadable', reason: fsReason(error) };
  }
  try {
    const opened = await realPathOfOpen(handle, real);
    if (opened === undefined || !isInside(realRoot, opened)) return { refused: 'outside' };
    const info = await handle.stat();
    if (!info.isFile()) return { refused: 'not-a-file' };
    if (info.size > maxBytes) return { refused: 'too-large', size: info.size };
    return { content: await handle.readFile() };
  } catch (error) {
    return { refused: 'unreadable', reason: fsReason(error) };
  } finally {
    await handle.close();
  }
}

/**
 * Where an open file is. On Linux the kernel says (/proc/self/fd); elsewhere the path is resolved
 * again and must be the very file open (same device and inode), or the answer is undefined.
 */
async function realPathOfOpen(handle: FileHandle, path: string): Promise<string | undefined> {
  const named = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => undefined);
  if (named?.startsWith('/')) return named.replace(/ \(deleted\)$/, '');
  const again = await realpath(path).catch(() => undefined);
  if (again === undefined) return undefined;
  const [open, found] = await Promise.all([handle.stat(), stat(again).catch(() => undefined)]);
  return found && open.dev === found.dev && open.ino === found.ino ? again : undefined;
}
