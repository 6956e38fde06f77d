// Reads a source of any kind as rows to store: a directory or file on the server (at the commit its
// working tree is at, when it is in a git repository), a git repository cloned under the data
// directory, or files uploaded earlier and kept in the database. A large tree is read in a worker thread.
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { conflict } from '../../../platform/errors.ts';
import type { FileClaim } from '../attachments.ts';
import { type CatalogOptions, defaultMaxFileBytes } from '../engine/model.ts';
import type { CodeownersFile } from '../store/codeowners-store.ts';
import type { SourceRepository } from '../store/source-store.ts';
import type { CatalogDb, SourceRow } from '../store/tables.ts';
import { readUploadFiles } from '../store/upload-store.ts';
import { findCatalogFiles } from './find-files.ts';
import { firstRemoteUrl, originUrl, syncClone, workingTreeCommit, workTreePrefix } from './git.ts';
import type { LoadProgress } from './load.ts';
import type { TreeRead } from './read-tree.ts';
import { type RowSink, readTreeRows } from './tree-rows.ts';
import { withUploadTree } from './upload-tree.ts';

export interface SourceRead extends TreeRead {
  /** The commit read, for git sources and directories in a working tree. */
  revision: string | null;
  /** Which repository the source is: its CODEOWNERS and paths answer for that repository only. */
  repository: SourceRepository;
}

export interface SourceReadOptions {
  catalog?: CatalogOptions | undefined;
  onProgress?: ((progress: LoadProgress) => void) | undefined;
  /** Takes a batch of rows; reading goes on once what it answers settles. */
  onRows: RowSink;
  /** Called with the commit before any rows (null when there is none). */
  onRevision?: ((revision: string | null) => void) | undefined;
  gitTimeoutMs?: number | undefined;
  /** Whether a git source may be a path on the server (config: STEWARD_GIT_ALLOW_LOCAL). */
  gitAllowLocal?: boolean | undefined;
  /** Trees with at least this many catalog files are read in a worker thread. */
  workerFromFiles?: number | undefined;
  /** Rows written per transaction. */
  batch?: number | undefined;
  /** Annotations naming files to read beside an entity (the attachment handlers'). */
  attach?: readonly string[] | undefined;
  /** Kinds of files read for the handlers wherever they are in the source (SLO specs beside the catalog). */
  claims?: readonly FileClaim[] | undefined;
}

/** Where a clone of a source lives (and, before they moved to the database, its uploads did). */
export function sourceDirectory(dataDir: string, sourceId: string): string {
  return join(dataDir, 'sources', sourceId);
}

export async function readSource(
  source: Pick<SourceRow, 'id' | 'kind' | 'target' | 'name'> &
    Partial<Pick<SourceRow, 'repository' | 'repository_path'>>,
  { db, dataDir }: { db: CatalogDb; dataDir: string },
  options: SourceReadOptions,
): Promise<SourceRead> {
  switch (source.kind) {
    case 'dir': {
      const info = await stat(source.target).catch(() => undefined);
      const dir = info?.isDirectory() ? source.target : dirname(source.target);
      const revision = info ? await workingTreeCommit(dir) : null;
      options.onRevision?.(revision);
      const read = await readRows(source.target, options);
      // Read even when there is no CODEOWNERS: paths under the directory are in this repository.
      const repository = await workTreeRepository(dir, source.name);
      return { ...read, codeowners: withRepository(read.codeowners, repository.name), revision, repository };
    }
    case 'git': {
      const dir = sourceDirectory(dataDir, source.id);
      const revision = await syncClone(source.target, dir, {
        timeoutMs: options.gitTimeoutMs,
        allowLocal: options.gitAllowLocal,
      });
      options.onRevision?.(revision);
      const read = await readRows(dir, options);
      const repository = { name: await cloneRepository(source.target), path: '' };
      return { ...read, codeowners: withRepository(read.codeowners, repository.name), revision, repository };
    }
    case 'upload': {
      // From the database, so any server reads what any other received; none on disk to lose.
      const files = await readUploadFiles(db, source.id);
      const read = await withUploadTree(files, (dir) => readRows(dir, options));
      // As the client that uploaded them said (steward catalog import reads the origin remote).
      const repository = source.repository
        ? { name: source.repository, path: source.repository_path ?? '' }
        : { name: source.name, path: '' };
      return {
        ...read,
        codeowners: withRepository(read.codeowners, source.name),
        revision: null,
        repository,
      };
    }
    case 'api':
      throw conflict(
        'entities created through the API are not read from anywhere: there is nothing to refresh',
      );
  }
}

async function readRows(target: string, options: SourceReadOptions): Promise<TreeRead> {
  const threshold = options.workerFromFiles ?? defaultWorkerFromFiles;
  const files = await findCatalogFiles([target], defaultMaxFileBytes, options.catalog?.files).then(
    (found) => found.files.length,
    () => 0,
  );
  return readTreeRows(target, { ...options, inWorker: files >= threshold });
}

/** Below this, a worker thread costs more to start than it saves. */
const defaultWorkerFromFiles = 200;

/** The origin remote of the work tree `dir` is in (else its first remote), else the source's name. */
async function workTreeRepository(dir: string, sourceName: string): Promise<SourceRepository> {
  const prefix = await workTreePrefix(dir);
  if (prefix === null) return { name: sourceName, path: '' };
  const remote = (await originUrl(dir)) ?? (await firstRemoteUrl(dir));
  return remote ? { name: remote, path: prefix } : { name: sourceName, path: '' };
}

/** The URL cloned; for a repository on the server's disk (allowed by the operator), the one it mirrors. */
async function cloneRepository(target: string): Promise<string> {
  const local = target.startsWith('/') || target.startsWith('file://');
  if (!local) return target;
  const path = target.startsWith('file://') ? new URL(target).pathname : target;
  return (await originUrl(path)) ?? target;
}

function withRepository(files: CodeownersFile[], repository: string | null): CodeownersFile[] {
  return files.map((file) => ({ ...file, repository }));
}
