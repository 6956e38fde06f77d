// Entity validation, reading + parsing + validating files: Steward's catalog engine against `yaml`
// (parseAllDocuments) + @backstage/catalog-model's policies and kind validators, same files, same run.
// Also checks that every problem Steward reports is one that was planted, at its exact line:col.
// The two take turns file by file so that the machine's load, whatever it is, falls on both alike.
// Run: `node bench/catalog-validate/run.ts` (Node 24), `npm run bench:catalog-validate`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  domainEntityV1alpha1Validator,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';
import {
  type CatalogValidation,
  createCatalogChecker,
  type FileCheck,
} from '../../packages/steward/src/modules/catalog/index.ts';
import { type Corpus, type Planted, writeCorpus } from './corpus.ts';

/** PRODUCT.md: ≥ 5× the peer's entities/s, end to end. */
const target = 5;
const rounds = 3;
/** Files per turn: the two take turns through the corpus, so that the machine's load falls on both alike. */
const turn = 100;
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

interface Round {
  stewardMs: number;
  peerMs: number;
  result: CatalogValidation;
  fastParsed: number;
  rejected: number;
}

/** One pass over the corpus by both, taking turns; Steward's catalog-wide checks come at the end. */
async function measureRound(files: readonly string[], root: string): Promise<Round> {
  const checker = createCatalogChecker();
  const checks: FileCheck[] = [];
  let stewardMs = 0;
  let peerMs = 0;
  let rejected = 0;
  for (let i = 0; i < files.length; i += turn) {
    const part = files.slice(i, i + turn);
    let start = performance.now();
    for (const file of part) checks.push(checker.checkFile({ file, root, content: readFileSync(file) }));
    stewardMs += performance.now() - start;
    start = performance.now();
    rejected += await runPeer(part);
    peerMs += performance.now() - start;
  }
  const start = performance.now();
  const result = checker.finish(checks);
  stewardMs += performance.now() - start;
  return { stewardMs, peerMs, result, fastParsed: checks.filter((c) => c.fastParsed).length, rejected };
}

const policy = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);
const kindValidators = [
  componentEntityV1alpha1Validator,
  apiEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
];

/** What a Backstage catalog does with a file: parse every document, apply the policies, find a kind validator. */
async function runPeer(files: readonly string[]): Promise<number> {
  let rejected = 0;
  for (const file of files) {
    for (const document of parseAllDocuments(readFileSync(file, 'utf8'))) {
      if (document.errors.length > 0) {
        rejected++;
        continue;
      }
      const json = document.toJSON();
      if (json === null) continue;
      try {
        const entity = await policy.enforce(json);
        let known = false;
        if (entity) for (const validator of kindValidators) if (await validator.check(entity)) known = true;
        if (!known) rejected++;
      } catch {
        rejected++;
      }
    }
  }
  return rejected;
}

/** Every reported problem must be a planted one at its exact position, and every planted one reported. */
function checkPositions(result: CatalogValidation, planted: readonly Planted[]): string[] {
  const key = (p: { file: string; line: number | null; column: number | null; code: string }) =>
    `${p.file}:${p.line}:${p.column} ${p.code}`;
  const reported = [...result.errors, ...result.warnings];
  const expected = new Set(planted.map(key));
  const found = new Set(reported.map(key));
  const mismatches: string[] = [];
  for (const p of reported) if (!expected.has(key(p))) mismatches.push(`unexpected: ${key(p)} ${p.message}`);
  for (const p of planted) if (!found.has(key(p))) mismatches.push(`not reported: ${key(p)}`);
  return mismatches;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'bench-catalog-'));
  try {
    const generateStart = performance.now();
    const corpus: Corpus = writeCorpus(root);
    const bytes = corpus.files.reduce((sum, file) => sum + readFileSync(file).length, 0);
    console.log(
      `Catalog validation: ${fmt(corpus.entities)} entities in ${fmt(corpus.files.length)} files, ` +
        `${fmt(bytes / 1024 / 1024, 1)} MiB, ${corpus.planted.length} planted problems ` +
        `(generated in ${fmt(performance.now() - generateStart)} ms under ${root})`,
    );
    // A warm-up round (JIT, file cache), then rounds whose median ratio counts.
    await measureRound(corpus.files, root);
    const measured: Round[] = [];
    for (let round = 0; round < rounds; round++) measured.push(await measureRound(corpus.files, root));
    const ratioOf = (r: Round) => r.peerMs / r.stewardMs;
    measured.sort((a, b) => ratioOf(a) - ratioOf(b));
    const median = measured[Math.floor(rounds / 2)] as Round;
    const { result } = median;
    const rate = (ms: number) => fmt(corpus.entities / (ms / 1000));
    console.log(
      `  steward:    ${rate(median.stewardMs)} entities/s (${fmt(median.stewardMs)} ms; ${fmt(result.entityCount)} read, ` +
        `${fmt(result.entities.length)} valid, ${result.errors.length} errors, ${result.warnings.length} warnings; ` +
        `${fmt(median.fastParsed)}/${fmt(corpus.files.length)} files on the fast YAML path)`,
    );
    console.log(
      `  peer:       ${rate(median.peerMs)} entities/s (${fmt(median.peerMs)} ms; yaml parseAllDocuments + ` +
        `@backstage/catalog-model policies and kind validators; ${median.rejected} documents rejected, without positions)`,
    );
    const ratio = ratioOf(median);
    const spread = measured.map((r) => `${fmt(ratioOf(r), 2)}×`).join(', ');
    console.log(
      `  ratio:      ${fmt(ratio, 2)}× the peer's entities/s, median of ${rounds} rounds (${spread}; target ≥ ${target}×)`,
    );
    const mismatches = checkPositions(result, corpus.planted);
    console.log(
      mismatches.length === 0
        ? `  positions:  all ${corpus.planted.length} problems reported at their exact line:col, and nothing else`
        : `  positions:  ${mismatches.length} MISMATCHES\n    ${mismatches.slice(0, 10).join('\n    ')}`,
    );
    const readable = corpus.entities - corpus.unreadable;
    if (ratio < target || mismatches.length > 0 || result.entityCount !== readable) {
      if (result.entityCount !== readable) {
        console.log(
          `  entity count ${result.entityCount}, expected ${readable} (all but the broken documents)`,
        );
      }
      console.log('  BELOW TARGET');
      process.exitCode = 1;
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
