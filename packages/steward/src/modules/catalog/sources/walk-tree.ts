// Walks a directory of a source, links followed while they stay inside it: every regular file is
// handed to `onFile`, in name order. Hidden directories and node_modules are not entered; a link
// leading out of the source is handed to `onOutside` (never followed); a directory reached twice
// through links is walked once, so a link cycle ends.
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fsReason, placeOf } from './source-root.ts';

export interface TreeWalk {
  /** The source's root with links resolved: nothing outside it is walked. */
  realRoot: string;
  onFile(path: string): Promise<void> | void;
  onOutside(path: string, what: 'file' | 'directory'): void;
  onUnreadable(directory: string, reason: string): void;
  /** Real paths of directories walked so far (shared between walks of one read). */
  visited?: Set<string>;
}

export async function walkTree(directory: string, walk: TreeWalk): Promise<void> {
  const visited = walk.visited ?? new Set<string>();
  const place = await placeOf(walk.realRoot, directory);
  if (place.placement !== 'inside' || !place.info.isDirectory() || visited.has(place.real)) return;
  visited.add(place.real);
  await walkDirectory(directory, { ...walk, visited });
}

async function walkDirectory(directory: string, walk: TreeWalk & { visited: Set<string> }) {
  const entries = await readdir(directory, { withFileTypes: true }).catch((error: unknown) => {
    walk.onUnreadable(directory, fsReason(error));
    return [] as Dirent[];
  });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isSymbolicLink()) await followLink(path, walk);
    else if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') await walkDirectory(path, walk);
    } else if (entry.isFile()) await walk.onFile(path);
  }
}

async function followLink(path: string, walk: TreeWalk & { visited: Set<string> }) {
  const place = await placeOf(walk.realRoot, path);
  if (place.placement === 'missing') return;
  if (place.placement === 'outside') {
    walk.onOutside(path, place.info?.isDirectory() ? 'directory' : 'file');
    return;
  }
  if (place.info.isDirectory() && !walk.visited.has(place.real)) {
    walk.visited.add(place.real);
    await walkDirectory(path, walk);
  } else if (place.info.isFile()) await walk.onFile(path);
}
