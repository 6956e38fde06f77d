// The client side of importing a local directory: the files the server will need to read it as the
// engine reads it here: catalog files (the engine's finder), files their Locations and placeholders
// point at, opslevel.yml and cortex.yaml, and CODEOWNERS.
import { existsSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { invalid } from '../../../platform/errors.ts';
import { findCatalogFiles } from '../files.ts';
import { defaultMaxFileBytes } from '../model.ts';
import { createCatalogChecker } from '../validate-catalog.ts';
import { findForeignFiles, isForeignFile } from './foreign-files.ts';
import { codeownersLocations } from './read-tree.ts';
import type { UploadedFile } from './upload-files.ts';

export interface CollectedUpload {
  /** The absolute path imported: the upload's name, so importing it again replaces it. */
  name: string;
  files: UploadedFile[];
  bytes: number;
}

export async function collectUpload(
  path: string,
  onFile?: (count: number) => void,
): Promise<CollectedUpload> {
  const name = resolve(path);
  const info = await stat(name).catch(() => {
    throw invalid(`cannot read ${path}: no such file or directory`);
  });
  const root = info.isDirectory() ? name : dirname(name);
  const found = await findCatalogFiles([name], defaultMaxFileBytes);
  const wanted = new Set<string>(found.files.map((f) => resolve(f.file)));
  const checker = createCatalogChecker();
  const queue = [...wanted];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i] as string;
    const content = await readFile(file).catch(() => undefined);
    if (!content) continue;
    for (const reference of checker.checkFile({ file, root, content }).references) {
      if (wanted.has(reference.path) || !isFileInside(root, reference.path)) continue;
      wanted.add(reference.path);
      if (reference.follow) queue.push(reference.path);
    }
    onFile?.(i + 1);
  }
  const foreign = info.isDirectory() ? await findForeignFiles(name) : isForeignFile(name) ? [name] : [];
  for (const file of foreign) wanted.add(file);
  if (info.isDirectory()) {
    for (const location of codeownersLocations)
      if (existsSync(join(root, location))) wanted.add(join(root, location));
  }
  const files: UploadedFile[] = [];
  let bytes = 0;
  for (const file of [...wanted].sort()) {
    const content = await readFile(file, 'utf8');
    bytes += Buffer.byteLength(content);
    files.push({ path: relative(root, file).split(sep).join('/'), content });
  }
  return { name, files, bytes };
}

function isFileInside(root: string, path: string): boolean {
  const inside = relative(root, path);
  if (inside === '' || inside.startsWith('..')) return false;
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
