// The client side of importing a local directory: the files the server will need to read it as the
// engine reads it here: catalog files (the engine's finder), files their Locations and placeholders
// point at, opslevel.yml and cortex.yaml, CODEOWNERS, and the files other modules read (SLO specs):
// those entities attach by annotation and those found by what they declare. Like the server, it
// reads only files inside the directory imported: a link leading out (to ~/.ssh, say) is left out,
// never uploaded.
import { stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { invalid } from '../../../platform/errors.ts';
import type { FileClaim } from '../attachments.ts';
import { type CatalogEntity, defaultMaxFileBytes } from '../engine/model.ts';
import { createCatalogChecker } from '../engine/validate-catalog.ts';
import { isUrlTarget, splitTargets } from './attached-files.ts';
import { findCatalogFiles } from './find-files.ts';
import { findForeignFiles, isForeignFile } from './foreign-files.ts';
import { firstRemoteUrl, originUrl, workTreePrefix } from './git.ts';
import { codeownersLocations } from './read-tree.ts';
import { expandGlob, type Listings } from './references.ts';
import { placeOf, readInside, realRootOf } from './source-root.ts';
import type { UploadedFile } from './upload-files.ts';

export interface CollectedUpload {
  /** The absolute path imported: the upload's name, so importing it again replaces it. */
  name: string;
  files: UploadedFile[];
  bytes: number;
  /** Links leading out of the directory imported, relative to it: not uploaded. */
  leftOut: string[];
  /** The git remote of the work tree the directory is in (origin, else the first), and where in it. */
  repository?: { name: string; path: string };
}

/** What other modules read beside the catalog files: files named by these annotations, claimed kinds. */
export interface UploadAttachments {
  annotations: readonly string[];
  claims: readonly FileClaim[];
}

export async function collectUpload(
  path: string,
  onFile?: (count: number) => void,
  attachments: UploadAttachments = { annotations: [], claims: [] },
): Promise<CollectedUpload> {
  const name = resolve(path);
  const info = await stat(name).catch(() => {
    throw invalid(`cannot read ${path}: no such file or directory`);
  });
  const root = info.isDirectory() ? name : dirname(name);
  const realRoot = await realRootOf(name, info.isDirectory());
  const shown = (file: string) => relative(root, file).split(sep).join('/');
  const found = await findCatalogFiles([name], defaultMaxFileBytes, {}, attachments.claims);
  const leftOut = new Set(found.problems.filter((p) => p.code === 'path-escapes-root').map((p) => p.file));
  const wanted = new Set<string>(found.files.map((f) => resolve(f.file)));
  for (const claimed of found.claimed) wanted.add(resolve(claimed.file));
  /** Whether `file` may be uploaded: a file inside the root, links followed. */
  const inside = async (file: string) => {
    const place = await placeOf(realRoot, file);
    if (place.placement === 'outside') leftOut.add(file);
    return place.placement === 'inside' && place.info.isFile();
  };
  const checker = createCatalogChecker();
  const listings: Listings = new Map();
  const queue = [...wanted];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i] as string;
    const read = await readInside(realRoot, file, defaultMaxFileBytes);
    if (!('content' in read)) continue;
    const check = checker.checkFile({ file, root, content: read.content });
    for (const target of attachedTargets(check.candidates, file, attachments.annotations)) {
      if (!wanted.has(target) && (await inside(target))) wanted.add(target);
    }
    for (const reference of check.references) {
      if (reference.glob) {
        const expanded = await expandGlob(
          reference.path,
          { root, realRoot },
          found.templateContent,
          listings,
        );
        if ('invalid' in expanded) continue;
        for (const path of expanded.outside) leftOut.add(path);
        for (const path of expanded.matches.filter((p) => !wanted.has(p))) {
          wanted.add(path);
          queue.push(path);
        }
        continue;
      }
      if (wanted.has(reference.path) || !(await inside(reference.path))) continue;
      wanted.add(reference.path);
      if (reference.follow) queue.push(reference.path);
    }
    onFile?.(i + 1);
  }
  const foreign = info.isDirectory() ? await findForeignFiles(name) : isForeignFile(name) ? [name] : [];
  for (const file of foreign) wanted.add(file);
  if (info.isDirectory()) {
    for (const location of codeownersLocations) {
      const file = join(root, location);
      if (await inside(file)) wanted.add(file);
    }
  }
  const files: UploadedFile[] = [];
  let bytes = 0;
  for (const file of [...wanted].sort()) {
    // No size limit here: the server reports a file too large at the file.
    const read = await readInside(realRoot, file, Number.MAX_SAFE_INTEGER);
    if (!('content' in read)) {
      if (read.refused === 'outside') leftOut.add(file);
      continue;
    }
    bytes += read.content.length;
    files.push({ path: shown(file), content: read.content.toString('utf8') });
  }
  const repository = await remoteOf(root);
  return {
    name,
    files,
    bytes,
    leftOut: [...leftOut].map(shown).sort(),
    ...(repository ? { repository } : {}),
  };
}

/** The files the entities of `file` attach by these annotations (paths, not URLs; read as the server does). */
function attachedTargets(
  candidates: readonly { entity: CatalogEntity }[],
  file: string,
  annotations: readonly string[],
): string[] {
  return candidates.flatMap(({ entity }) => {
    const values = (entity.metadata.annotations ?? {}) as Record<string, unknown>;
    return annotations.flatMap((annotation) => {
      const value = values[annotation];
      if (typeof value !== 'string') return [];
      return splitTargets(value)
        .filter((t) => !isUrlTarget(t))
        .map((t) => resolve(dirname(resolve(file)), t));
    });
  });
}

/** Read on the client, where the work tree is: the server only sees the files. */
async function remoteOf(dir: string): Promise<{ name: string; path: string } | undefined> {
  const path = await workTreePrefix(dir);
  if (path === null) return undefined;
  const remote = (await originUrl(dir)) ?? (await firstRemoteUrl(dir));
  return remote ? { name: remote, path } : undefined;
}
