// Reads a catalog file or directory with the engine (Location targets followed, opslevel.yml and
// cortex.yaml mapped), with every file named relative to the source's root, and its CODEOWNERS.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { invalid } from '../../../platform/errors.ts';
import { type LoadProgress, loadCatalog } from '../load.ts';
import type { CatalogEntity, CatalogOptions, CatalogProblem } from '../model.ts';
import type { CodeownersFile } from '../store/codeowners-store.ts';
import { findForeignFiles, isForeignFile, prepareForeignFiles } from './foreign-files.ts';

export interface ReadSource {
  /** Valid entities, `source.file` relative to the root. */
  entities: CatalogEntity[];
  errors: CatalogProblem[];
  warnings: CatalogProblem[];
  /** Entities read, valid or not. */
  entityCount: number;
  files: number;
  codeowners: CodeownersFile[];
}

export interface ReadOptions {
  catalog?: CatalogOptions;
  onProgress?: (progress: LoadProgress) => void;
}

/** Where GitHub and GitLab look for CODEOWNERS, in the order they look. */
export const codeownersLocations = [
  '.github/CODEOWNERS',
  'CODEOWNERS',
  'docs/CODEOWNERS',
  '.gitlab/CODEOWNERS',
];

export async function readTree(target: string, options: ReadOptions = {}): Promise<ReadSource> {
  const info = await stat(target).catch((error: NodeJS.ErrnoException) => {
    const reason = error.code === 'ENOENT' ? 'no such file or directory' : error.message;
    throw invalid(`cannot read ${target}: ${reason}`);
  });
  const root = info.isDirectory() ? target : dirname(target);
  const foreign = info.isDirectory() ? await findForeignFiles(target) : isForeignFile(target) ? [target] : [];
  const scratch = await mkdtemp(join(tmpdir(), 'steward-mapped-'));
  try {
    const prepared = await prepareForeignFiles(foreign, scratch);
    const paths = foreign.includes(target) ? prepared.paths : [target, ...prepared.paths];
    const loaded = await loadCatalog(paths, { ...options.catalog, onProgress: options.onProgress });
    const name = (file: string) => displayPath(root, file);
    const place = (problem: CatalogProblem): CatalogProblem => {
      const remapped = prepared.remapProblem(problem);
      return { ...remapped, file: name(remapped.file) };
    };
    for (const entity of loaded.entities) {
      prepared.remapEntity(entity);
      entity.source = { ...entity.source, file: name(entity.source.file) };
      for (const owner of entity.owners)
        owner.position = { ...owner.position, file: name(owner.position.file) };
      for (const relation of entity.relations)
        relation.position = { ...relation.position, file: name(relation.position.file) };
    }
    const mappingProblems = prepared.problems.map(place);
    return {
      entities: loaded.entities,
      errors: [...mappingProblems.filter((p) => p.severity === 'error'), ...loaded.errors.map(place)],
      warnings: [...mappingProblems.filter((p) => p.severity === 'warning'), ...loaded.warnings.map(place)],
      entityCount: loaded.entityCount,
      files: loaded.files - prepared.paths.length + foreign.length,
      codeowners: info.isDirectory() ? await readCodeowners(root) : [],
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function displayPath(root: string, file: string): string {
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..')) return file;
  return inside.split(sep).join('/');
}

async function readCodeowners(root: string): Promise<CodeownersFile[]> {
  const found: CodeownersFile[] = [];
  for (const path of codeownersLocations) {
    const content = await readFile(join(root, path), 'utf8').catch(() => undefined);
    if (content !== undefined) found.push({ path, content });
  }
  return found;
}
