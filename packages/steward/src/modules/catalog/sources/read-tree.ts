// Reads a catalog file or directory with the engine (Location targets followed, opslevel.yml and
// cortex.yaml mapped), handing out valid entities as their files are read, every file named
// relative to the source's root; and the source's CODEOWNERS files.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { invalid } from '../../../platform/errors.ts';
import type { AttachedFile, FileClaim } from '../attachments.ts';
import {
  type CatalogEntity,
  type CatalogOptions,
  type CatalogProblem,
  defaultMaxFileBytes,
} from '../engine/model.ts';
import type { CodeownersFile } from '../store/codeowners-store.ts';
import { attachmentCollector, besideFiles } from './attached-files.ts';
import { findForeignFiles, isForeignFile, prepareForeignFiles } from './foreign-files.ts';
import type { LoadProgress } from './load.ts';
import { outsideMessage, readInside, realRootOf } from './source-root.ts';
import { streamCatalog } from './stream-load.ts';

export interface TreeRead {
  errors: CatalogProblem[];
  warnings: CatalogProblem[];
  /** Entities read, valid or not. */
  entityCount: number;
  files: number;
  codeowners: CodeownersFile[];
  /** Files entities attach by the annotations asked for, and claimed files found beside (SLO specs). */
  attached: AttachedFile[];
  /** Refs of every valid entity handed out, as the check of the whole set confirms them. */
  refs: string[];
}

export interface ReadOptions {
  catalog?: CatalogOptions | undefined;
  onProgress?: ((progress: LoadProgress) => void) | undefined;
  /**
   * Valid entities, `source.file` (and owner and relation positions) relative to the root. Reading
   * goes on once what it answers settles.
   */
  onEntities: (entities: CatalogEntity[]) => Promise<void> | void;
  /** Annotations naming files to read beside an entity (`steward.dev/slo-spec`). */
  attach?: readonly string[] | undefined;
  /** Kinds of files read for other modules wherever they are in the source (SLO specs beside the catalog). */
  claims?: readonly FileClaim[] | undefined;
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
  const realRoot = await realRootOf(target, info.isDirectory());
  const foreign = info.isDirectory() ? await findForeignFiles(target) : isForeignFile(target) ? [target] : [];
  const scratch = await mkdtemp(join(tmpdir(), 'steward-mapped-'));
  try {
    const prepared = await prepareForeignFiles(foreign, scratch, realRoot);
    const name = displayPaths(root);
    const attachments = attachmentCollector(options.attach ?? []);
    const paths = foreign.includes(target) ? prepared.paths : [target, ...prepared.paths];
    const loaded = await streamCatalog(paths, {
      ...options.catalog,
      onProgress: options.onProgress,
      claims: options.claims,
      onEntities(entities) {
        for (const entity of entities) {
          prepared.remapEntity(entity);
          attachments.add(entity, name(entity.source.file));
          entity.source = { ...entity.source, file: name(entity.source.file) };
          for (const owner of entity.owners)
            owner.position = { ...owner.position, file: name(owner.position.file) };
          for (const relation of entity.relations) {
            relation.position = { ...relation.position, file: name(relation.position.file) };
          }
        }
        return options.onEntities(entities);
      },
    });
    const place = (problem: CatalogProblem): CatalogProblem => {
      const remapped = prepared.remapProblem(problem);
      return { ...remapped, file: name(remapped.file) };
    };
    const codeowners = info.isDirectory()
      ? await readCodeowners(root, realRoot)
      : { files: [], problems: [] };
    const attached = await attachments.read(realRoot);
    const beside = besideFiles(loaded.claimed, attached.named, name);
    const ownProblems = [
      ...prepared.problems.map(place),
      ...codeowners.problems,
      ...attached.problems,
      ...beside.problems,
    ];
    return {
      errors: [...ownProblems.filter((p) => p.severity === 'error'), ...loaded.errors.map(place)],
      warnings: [...ownProblems.filter((p) => p.severity === 'warning'), ...loaded.warnings.map(place)],
      entityCount: loaded.entityCount,
      files: loaded.files - prepared.paths.length + foreign.length,
      codeowners: codeowners.files,
      attached: [...attached.files, ...beside.files],
      refs: loaded.refs,
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

/** The CODEOWNERS files GitHub and GitLab would read; one that is a link out of the source is a problem. */
async function readCodeowners(
  root: string,
  realRoot: string,
): Promise<{ files: CodeownersFile[]; problems: CatalogProblem[] }> {
  const files: CodeownersFile[] = [];
  const problems: CatalogProblem[] = [];
  for (const path of codeownersLocations) {
    const read = await readInside(realRoot, join(root, path), defaultMaxFileBytes);
    if ('content' in read) files.push({ path, content: read.content.toString('utf8') });
    else if (read.refused === 'outside') {
      const message = `CODEOWNERS ${outsideMessage()}`;
      problems.push({
        severity: 'error',
        file: path,
        line: 1,
        column: 1,
        entity: null,
        code: 'path-escapes-root',
        message,
      });
    }
  }
  return { files, problems };
}
