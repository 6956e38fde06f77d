// The guardrail scan of Kubernetes YAML against parsing the same files with the `yaml` package alone
// (parseAllDocuments), same in-memory files, same run: the whole scan (parse, every check, cross-file
// checks, exemptions) must take at most 1.5× the parse. Rounds alternate the two so that the machine's
// load falls on both alike; the median round's ratio counts.
// Run: `node bench/guardrails-scan/run.ts` (Node 24), `npm run bench:guardrails-scan`.
import { parseAllDocuments } from 'yaml';
import { defaultScanConfig, scanner } from '../../packages/steward/src/modules/guardrails/index.ts';
import { generateCorpus } from './corpus.ts';

const files = 10_000;
const rounds = 5;
const target = 1.5;
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const corpus = generateCorpus(files);
const config = defaultScanConfig('2026-03-01');

function parseOnly(): number {
  const start = performance.now();
  let documents = 0;
  for (const file of corpus) documents += parseAllDocuments(file.text).length;
  if (documents === 0) throw new Error('the corpus parsed to nothing');
  return performance.now() - start;
}

function scanAll() {
  const start = performance.now();
  const result = scanner.scan(corpus, config);
  return { ms: performance.now() - start, result };
}

// A warm-up of each (JIT), then the measured rounds.
parseOnly();
scanAll();
const measured: { scanMs: number; parseMs: number }[] = [];
let last = scanAll().result;
for (let i = 0; i < rounds; i++) {
  const parseMs = parseOnly();
  const scan = scanAll();
  last = scan.result;
  measured.push({ scanMs: scan.ms, parseMs });
}
const ratioOf = (r: { scanMs: number; parseMs: number }) => r.scanMs / r.parseMs;
measured.sort((a, b) => ratioOf(a) - ratioOf(b));
const median = measured[Math.floor(rounds / 2)] as { scanMs: number; parseMs: number };
const bytes = corpus.reduce((n, f) => n + f.text.length, 0);
const byRule = new Map<string, number>();
for (const f of last.findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);

console.log(
  `guardrails-scan: ${fmt(files)} rendered charts (${fmt(bytes / 1024 / 1024, 1)} MiB of YAML, ${fmt(last.subjects.length)} resources)`,
);
console.log(
  `  steward scan: ${fmt(median.scanMs)} ms (parse, ${last.rules.length} rules, cross-file checks, exemptions): ${fmt(last.findings.length)} findings, ${fmt(last.exemptions.length)} exemptions honoured, ${last.problems.length} problems`,
);
console.log(`  yaml alone:   ${fmt(median.parseMs)} ms (parseAllDocuments, no checks)`);
console.log(
  `  findings by rule: ${[...byRule]
    .sort((a, b) => b[1] - a[1])
    .map(([id, n]) => `${id} ${fmt(n)}`)
    .join(', ')}`,
);
const spread = measured.map((r) => `${fmt(ratioOf(r), 2)}×`).join(', ');
const ratio = ratioOf(median);
console.log(
  `  ratio:        the scan takes ${fmt(ratio, 2)}× the parse time, median of ${rounds} rounds (${spread}; target ≤ ${target}×)`,
);
if (last.problems.length > 0 || last.findings.length === 0) {
  console.log('  UNEXPECTED: the generated corpus should scan without problems and with findings');
  process.exitCode = 1;
} else if (ratio > target) {
  console.log('  ABOVE TARGET');
  process.exitCode = 1;
}
