// Entity validation, reading + parsing + validating files: Steward's catalog engine against `yaml`
// (parseAllDocuments) + @backstage/catalog-model's policies and kind validators, same files, same run.
// Also checks that every problem Steward reports is one that was planted, at its exact line:col.
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
} from '../../packages/steward/src/modules/catalog/index.ts';
import { type Corpus, type Planted, writeCorpus } from './corpus.ts';

const target = 2;
const rounds = 3;
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function runSteward(files: readonly string[], root: string) {
  const start = performance.now();
  const checker = createCatalogChecker();
  const checks = files.map((file) => checker.checkFile({ file, root, content: readFileSync(file) }));
  const result = checker.finish(checks);
  const ms = performance.now() - start;
  return { ms, result, fastParsed: checks.filter((c) => c.fastParsed).length };
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
async function runPeer(files: readonly string[]) {
  const start = performance.now();
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
  return { ms: performance.now() - start, rejected };
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
    // Warm up both (JIT and the file cache), then alternate; the best round of each counts.
    let steward = runSteward(corpus.files, root);
    let peer = await runPeer(corpus.files);
    for (let round = 0; round < rounds; round++) {
      const s = runSteward(corpus.files, root);
      if (s.ms < steward.ms) steward = s;
      const p = await runPeer(corpus.files);
      if (p.ms < peer.ms) peer = p;
    }
    const stewardRate = corpus.entities / (steward.ms / 1000);
    const peerRate = corpus.entities / (peer.ms / 1000);
    const { result } = steward;
    console.log(
      `  steward:    ${fmt(stewardRate)} entities/s (${fmt(steward.ms)} ms; ${fmt(result.entityCount)} read, ` +
        `${fmt(result.entities.length)} valid, ${result.errors.length} errors, ${result.warnings.length} warnings; ` +
        `${fmt(steward.fastParsed)}/${fmt(corpus.files.length)} files on the fast YAML path)`,
    );
    console.log(
      `  peer:       ${fmt(peerRate)} entities/s (${fmt(peer.ms)} ms; yaml parseAllDocuments + @backstage/catalog-model ` +
        `policies and kind validators; ${peer.rejected} documents rejected, without positions)`,
    );
    const ratio = stewardRate / peerRate;
    console.log(`  ratio:      ${fmt(ratio, 2)}× the peer's entities/s (target ≥ ${target}×)`);
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
