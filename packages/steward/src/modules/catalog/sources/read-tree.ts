// Reads a catalog file or directory with the engine (Location targets followed, opslevel.yml and
// cortex.yaml mapped), handing out valid entities as their files are read, every file named
// relative to the source's root; and the source's CODEOWNERS files.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { invalid } from '../../../platform/errors.ts';
import type { LoadProgress } from '../load.ts';
import type { CatalogEntity, CatalogOptions, CatalogProblem } from '../model.ts';
import type { CodeownersFile } from '../store/codeowners-store.ts';
import { findForeignFiles, isForeignFile, prepareForeignFiles } from './foreign-files.ts';
import { streamCatalog } from './stream-load.ts';

export interface TreeRead {
  errors: CatalogProblem[];
  warnings: CatalogProblem[];
  /** Entities read, valid or not. */
  entityCount: number;
  files: number;
  codeowners: CodeownersFile[];
  /** Refs of every valid entity handed out, as the check of the whole set confirms them. */
  refs: string[];
}

export interface ReadOptions {
  catalog?: CatalogOptions | undefined;
  onProgress?: ((progress: LoadProgress) => void) | undefined;
  /** Valid entities, `source.file` (and owner and relation positions) relative to the root. */
  onEntities: (entities: CatalogEntity[]) => void;
}

/** Where GitHub and GitLab look for CODEOWNERS, in the order they look. */
export const codeownersLocations = [
  '.github/CODEOWNERS',
  'CODEOWNERS',
  'docs/CODEOWNERS',
  '.gitlab/CODEOWNERS',
];

export async function readTree(target: string, options: ReadOptions): Promise<TreeRead> {
  const info = await stat(target).catch((error: NodeJS.ErrnoException) => {
    const reason = error.code === 'ENOENT' ? 'no such file or directory' : error.message;
    throw invalid(`cannot read ${target}: ${reason}`);
  });
  const root = info.isDirectory() ? target : dirname(target);
  const foreign = info.isDirectory() ? await findForeignFiles(target) : isForeignFile(target) ? [target] : [];
  const scratch = await mkdtemp(join(tmpdir(), 'steward-mapped-'));
  try {
    const prepared = await prepareForeignFiles(foreign, scratch);
    const name = displayPaths(root);
    const paths = foreign.includes(target) ? prepared.paths : [target, ...prepared.paths];
    const loaded = await streamCatalog(paths, {
      ...options.catalog,
      onProgress: options.onProgress,
      onEntities(entities) {
        for (const entity of entities) {
          prepared.remapEntity(entity);
          entity.source = { ...entity.source, file: name(entity.source.file) };
          for (const owner of entity.owners)
            owner.position = { ...owner.position, file: name(owner.position.file) };
          for (const relation of entity.relations) {
            relation.position = { ...relation.position, file: name(relation.position.file) };
          }
        }
        options.onEntities(entities);
      },
    });
    const place = (problem: CatalogProblem): CatalogProblem => {
      const remapped = prepared.remapProblem(problem);
      return { ...remapped, file: name(remapped.file) };
    };
    const mappingProblems = prepared.problems.map(place);
    return {
      errors: [...mappingProblems.filter((p) => p.severity === 'error'), ...loaded.errors.map(place)],
      warnings: [...mappingProblems.filter((p) => p.severity === 'warning'), ...loaded.warnings.map(place)],
      entityCount: loaded.entityCount,
      files: loaded.files - prepared.paths.length + foreign.length,
      codeowners: info.isDirectory() ? await readCodeowners(root) : [],
      refs: loaded.entities.map((e) => e.ref),
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Paths relative to the root, `/`-separated; computed once per file (an entity has many positions). */
function displayPaths(root: string): (file: string) => string {
  const named = new Map<string, string>();
  return (file) => {
    let shown = named.get(file);
    if (shown === undefined) {
      const inside = relative(root, file);
      shown = inside === '' || inside.startsWith('..') ? file : inside.split(sep).join('/');
      named.set(file, shown);
    }
    return shown;
  };
}

async function readCodeowners(root: string): Promise<CodeownersFile[]> {
  const found: CodeownersFile[] = [];
  for (const path of codeownersLocations) {
    const content = await readFile(join(root, path), 'utf8').catch(() => undefined);
    if (content !== undefined) found.push({ path, content });
  }
  return found;
}
