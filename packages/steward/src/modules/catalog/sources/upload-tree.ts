// An upload read as the catalog reads every source: as a directory. Its files, from the database, are
// written into a private temporary directory (0700, files 0600) for the one read and removed after.
// The engine could be fed from memory, but then an upload would skip what every other source gets
// from source-root.ts (links, sizes, the file finder, Locations resolved against real paths); written
// out, an upload takes exactly the path a directory or a clone takes, checks and all.
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { invalid } from '../../../platform/errors.ts';
import type { StoredUploadFile } from '../store/upload-store.ts';

/** Runs `read` on the files written out as a directory, which is gone once `read` settles. */
export async function withUploadTree<T>(
  files: readonly StoredUploadFile[],
  read: (dir: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'steward-upload-'));
  try {
    await chmod(dir, 0o700);
    await writeUploadTree(dir, files);
    return await read(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function writeUploadTree(dir: string, files: readonly StoredUploadFile[]): Promise<void> {
  for (const [i, file] of files.entries()) {
    const path = join(dir, ...file.path.split('/'));
    try {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await writeFile(path, file.content, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      throw refusedByFilesystem(error, i, file.path);
    }
  }
}

/** A name the filesystem refuses (too long for it, say) is the caller's to change: 400, naming the file. */
function refusedByFilesystem(error: unknown, index: number, path: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (!['ENAMETOOLONG', 'ENOTDIR', 'EISDIR', 'EEXIST', 'EINVAL', 'EILSEQ'].includes(code ?? '')) return error;
  const field = `body.files[${index}].path`;
  const message = `${JSON.stringify(path)} cannot be written on this server (${code}); choose a shorter or plainer name`;
  return invalid(`${field}: ${message}`, [{ field, message }]);
}
