// Validates a set of catalog files: each file on its own (parse, validate each document), then the
// set as a whole: duplicate entities, inverse relations, and refs to entities that are not there.
import { dirname } from 'node:path';
import { checkCatalogWide } from './catalog-wide.ts';
import { checkDocumentLimits } from './document-limits.ts';
import { readIdentity } from './entity-identity.ts';
import type { FileReference } from './file-references.ts';
import { builtInKinds, createKindRegistry, type KindRegistry } from './kinds/registry.ts';
import type { CatalogEntity, CatalogOptions, CatalogProblem } from './model.ts';
import { checkCharacters, decodeCatalogFile, parseYamlText } from './parse.ts';
import { createReporter } from './reporter.ts';
import { type EntityCandidate, validateDocument } from './validate.ts';
import { slimCandidate, type WideCandidate, wideCandidate } from './wide-candidate.ts';

export interface CatalogSource {
  /** The path problems name: as the user wrote it, or relative to where they are. */
  file: string;
  /** The directory being read; references may not leave it (default: the file's own directory). */
  root?: string;
  content: Uint8Array | string;
}

/** One file, validated on its own. */
export interface FileCheck {
  file: string;
  candidates: EntityCandidate[];
  problems: CatalogProblem[];
  /** Documents that were mappings: the entities read, valid or not. */
  entityCount: number;
  references: FileReference[];
  /** Whether the fast YAML parser read it (false: the `yaml` package did). */
  fastParsed: boolean;
}

/**
 * A file once its entities were handed out to be written (a streaming load): only what the whole-set
 * check reads of it (see `WideCandidate`) and its own problems. `finish` gives the same problems.
 */
export interface SlimCheck {
  file: string;
  slim: true;
  candidates: WideCandidate[];
  problems: CatalogProblem[];
  entityCount: number;
}

/** `seen`: every ref read so far (see `slimCandidate`), for a load that hands out every entity. */
export function slimCheck(check: FileCheck, seen?: ReadonlySet<string>): SlimCheck {
  const { file, problems, entityCount } = check;
  const candidates = check.candidates.map((c) => slimCandidate(c, seen));
  return { file, slim: true, candidates, problems, entityCount };
}

export interface CatalogValidation {
  /** Entities without errors, with their declared and inverse relations: what a store keeps. */
  entities: CatalogEntity[];
  /** Entities valid but for refs to missing targets that must exist (`missing-target` errors). */
  awaitingTargets: CatalogEntity[];
  /** Refs of the valid entities kept (`entities`, and those of slim checks, handed out while reading). */
  refs: string[];
  /** Entities read, valid or not. */
  entityCount: number;
  errors: CatalogProblem[];
  warnings: CatalogProblem[];
}

export interface CatalogChecker {
  checkFile(source: CatalogSource): FileCheck;
  finish(checks: readonly (FileCheck | SlimCheck)[]): CatalogValidation;
}

export function createCatalogChecker(options: CatalogOptions = {}): CatalogChecker {
  const kinds = options.kinds?.length ? createKindRegistry(options.kinds) : builtInKinds();
  return { checkFile: (source) => checkCatalogFile(source, kinds, options), finish: finishCatalog };
}

export function validateCatalog(
  sources: readonly CatalogSource[],
  options: CatalogOptions = {},
): CatalogValidation {
  const checker = createCatalogChecker(options);
  return checker.finish(sources.map((source) => checker.checkFile(source)));
}

function checkCatalogFile(source: CatalogSource, kinds: KindRegistry, options: CatalogOptions): FileCheck {
  const reporter = createReporter(source.file);
  const check: FileCheck = {
    file: source.file,
    candidates: [],
    problems: reporter.problems,
    entityCount: 0,
    references: [],
    fastParsed: false,
  };
  const { content } = source;
  const text =
    typeof content === 'string' ? content : decodeCatalogFile(content, reporter, options.maxFileBytes);
  if (text === undefined || !checkCharacters(text, reporter)) return check;
  const parsed = parseYamlText(text);
  check.fastParsed = parsed.fast;
  const rootDirectory = source.root ?? dirname(source.file);
  for (const [index, document] of parsed.documents.entries()) {
    reporter.entity = null;
    // The first error only: the parser's later ones mostly follow from it.
    const [error] = document.errors;
    if (error) reporter.error(error, error.code, error.message);
    if (document.contents === null) continue;
    if (document.contents.kind === 'map') check.entityCount++;
    reporter.entity = document.contents.kind === 'map' ? readIdentity(document.contents).ref : null;
    if (!checkDocumentLimits(document.contents, reporter)) continue;
    const input = { root: document.contents, index, rootDirectory, kinds, rules: options.rules };
    const candidate = validateDocument(input, reporter);
    if (!candidate) continue;
    check.candidates.push(candidate);
    check.references.push(...candidate.references);
  }
  return check;
}

function finishCatalog(checks: readonly (FileCheck | SlimCheck)[]): CatalogValidation {
  const wide = checkCatalogWide(
    checks.flatMap((check): WideCandidate[] =>
      'slim' in check ? check.candidates : check.candidates.map(wideCandidate),
    ),
  );
  const problems = [...checks.flatMap((check) => check.problems), ...wide.problems];
  const order = new Map(checks.map((check, i) => [check.file, i]));
  problems.sort(
    (a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line || a.column - b.column,
  );
  return {
    entities: wide.entities,
    awaitingTargets: wide.awaitingTargets,
    refs: wide.refs,
    entityCount: checks.reduce((sum, check) => sum + check.entityCount, 0),
    errors: problems.filter((p) => p.severity === 'error'),
    warnings: problems.filter((p) => p.severity === 'warning'),
  };
}
