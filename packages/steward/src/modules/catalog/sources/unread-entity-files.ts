// When a directory gave no catalog files: the YAML files in it that look like entities (they declare a
// Backstage or Steward apiVersion), so the command can say which to name rather than "0 entities".
import { open } from 'node:fs/promises';
import { extname, relative } from 'node:path';
import { realRootOf } from './source-root.ts';
import { walkTree } from './walk-tree.ts';

const entityLike = /^apiVersion:\s*["']?(backstage\.io|steward\.dev|scaffolder\.backstage\.io)\//m;

/** Up to `limit` files under `directory` (relative to it) whose first 4 KiB declare a catalog apiVersion. */
export async function unreadEntityFiles(directory: string, limit = 5): Promise<string[]> {
  const found: string[] = [];
  const realRoot = await realRootOf(directory, true);
  await walkTree(directory, {
    realRoot,
    async onFile(path) {
      if (found.length >= limit || !['.yaml', '.yml'].includes(extname(path))) return;
      if (entityLike.test(await head(path))) found.push(relative(directory, path));
    },
    onOutside() {},
    onUnreadable() {},
  });
  return found;
}

async function head(path: string): Promise<string> {
  const file = await open(path, 'r').catch(() => null);
  if (!file) return '';
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await file.close();
  }
}
