// Reads a source of any kind: a directory or file on the server (at the commit its working tree is
// at, when it is in a git repository), a git repository cloned under the data directory, or files
// uploaded earlier and kept there.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { conflict } from '../../../platform/errors.ts';
import type { CodeownersFile } from '../store/codeowners-store.ts';
import type { SourceRow } from '../store/tables.ts';
import { originUrl, syncClone, workingTreeCommit } from './git.ts';
import { type ReadOptions, type ReadSource, readTree } from './read-tree.ts';

export interface ReadWithRevision extends ReadSource {
  /** The commit read, for git sources and directories in a working tree. */
  revision: string | null;
}

/** Where clones and uploads of a source live. */
export function sourceDirectory(dataDir: string, sourceId: string): string {
  return join(dataDir, 'sources', sourceId);
}

export async function readSource(
  source: Pick<SourceRow, 'id' | 'kind' | 'target' | 'name'>,
  dataDir: string,
  options: ReadOptions & { gitTimeoutMs?: number } = {},
): Promise<ReadWithRevision> {
  switch (source.kind) {
    case 'dir': {
      const info = await stat(source.target).catch(() => undefined);
      const dir = info?.isDirectory() ? source.target : dirname(source.target);
      const revision = info ? await workingTreeCommit(dir) : null;
      const read = await readTree(source.target, options);
      return {
        ...read,
        codeowners: withRepository(read.codeowners, revision ? await originUrl(dir) : null),
        revision,
      };
    }
    case 'git': {
      const dir = sourceDirectory(dataDir, source.id);
      const revision = await syncClone(source.target, dir, options.gitTimeoutMs);
      const read = await readTree(dir, options);
      return { ...read, codeowners: withRepository(read.codeowners, source.target), revision };
    }
    case 'upload': {
      const dir = sourceDirectory(dataDir, source.id);
      if (!existsSync(dir)) {
        throw conflict(
          `the files uploaded as "${source.name}" are no longer on this server (${dir}); upload them again with steward catalog import`,
        );
      }
      return { ...(await readTree(dir, options)), revision: null };
    }
    case 'api':
      throw conflict(
        'entities created through the API are not read from anywhere: there is nothing to refresh',
      );
  }
}

function withRepository(files: CodeownersFile[], repository: string | null): CodeownersFile[] {
  return files.map((file) => ({ ...file, repository }));
}
