// Alert ingestion: the same stream of distinct alerts posted to the real Prometheus Alertmanager's
// POST /api/v2/alerts and to Steward's (each alert persisted and routed to its owner before the
// answer), in batches of 100 and of 1, by one and by four concurrent senders. Steward runs as
// `steward serve` (its own process, as Alertmanager is), on PGlite and, when STEWARD_TEST_DATABASE_URL
// or --database-url is given, on PostgreSQL (a scratch database is created and dropped). Each
// measurement gets a fresh receiver, warmed up by three hundred requests first (and, for Steward, with
// them applied before the measured stream starts); Alertmanager runs each stream just before Steward. Figures: alerts/s, and Steward's as a ratio of Alertmanager's (target
// ≥ 1× for batches of 100).
// Each stream is cut off after --seconds, so a slow receiver is measured on the part it took. Steward
// answers once a request is durable and routed (its inbox row committed) and makes alerts of it just
// after: its API must then list every alert it accepted, and the bench prints how long after the last
// answer that was (the rest of the work, done behind the answers).
// Run: `npm run bench -- alert-ingest` (or `node bench/alert-ingest/run.ts [--batched 80000]
// [--single 2000] [--seconds 20] [--rounds 3] [--engine both|pglite|postgres|none] [--database-url URL]`).
import { parseArgs } from 'node:util';
import { testDatabaseUrl } from '../../packages/steward/src/platform/config.ts';
import { startAlertmanagerTarget } from './alertmanager-target.ts';
import { startStewardTarget } from './steward-target.ts';
import { type IngestTarget, type Sent, type StreamShape, send } from './stream.ts';

const { values: flags } = parseArgs({
  options: {
    /** Alerts in each stream sent in batches of 100, and in batches of 1. */
    batched: { type: 'string', default: '80000' },
    single: { type: 'string', default: '2000' },
    /** Each measured stream stops taking new batches after this long (a slow receiver gets part). */
    seconds: { type: 'string', default: '20' },
    services: { type: 'string', default: '20' },
    /** Which Steward engines to measure: both (PostgreSQL when a URL is known), pglite, postgres, none. */
    engine: { type: 'string', default: 'both' },
    'database-url': { type: 'string' },
    /** Each shape is measured this many times (peer, then Steward); the median ratio counts. */
    rounds: { type: 'string', default: '3' },
  },
});
const target = 1;
const services = Number(flags.services);
const budgetMs = Number(flags.seconds) * 1000;
const rounds = Math.max(1, Number(flags.rounds));
const shapes = [
  { batch: 100, senders: 1, alerts: Number(flags.batched) },
  { batch: 100, senders: 4, alerts: Number(flags.batched) },
  { batch: 1, senders: 1, alerts: Number(flags.single) },
  { batch: 1, senders: 4, alerts: Number(flags.single) },
];

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
let runs = 0;
const runId = () => `r${Date.now().toString(36)}${runs++}`;

/** How many of a run's alerts the receiver lists, once it lists them all or two minutes have passed. */
async function listed(receiver: IngestTarget, run: string, alerts: number): Promise<number | undefined> {
  const since = performance.now();
  let stored = receiver.stored ? await receiver.stored(run) : undefined;
  while (stored !== undefined && stored < alerts && performance.now() - since < 120_000) {
    await new Promise((r) => setTimeout(r, 250));
    stored = await receiver.stored?.(run);
  }
  return stored;
}

/** A fresh receiver, a warm-up stream, then the measured one. */
async function measure(
  start: () => Promise<IngestTarget>,
  shape: Omit<StreamShape, 'run' | 'services'>,
): Promise<Sent> {
  const receiver = await start();
  try {
    // Three hundred requests warm the receiver up (Steward's code is compiled as it runs); what they
    // left behind is applied before the measured stream starts, so each stream starts from rest.
    const warmup = { ...shape, services, alerts: shape.batch * 300, budgetMs: 5_000, run: runId() };
    const warmed = await send(receiver, warmup);
    await listed(receiver, warmup.run, warmed.alerts);
    const run = runId();
    const sent = await send(receiver, { ...shape, services, run, budgetMs });
    const refused = Object.entries(sent.refused).map(([status, n]) => `${n}× ${status}`);
    // Steward applies what it accepted behind its answers: wait (up to two minutes) until its API
    // lists every accepted alert, and say how long that took after the last answer.
    const listing = performance.now();
    const stored = await listed(receiver, run, sent.alerts);
    const listedAfter = (performance.now() - listing) / 1000;
    const lost = stored !== undefined && stored !== sent.alerts;
    console.log(
      `  ${receiver.name.padEnd(22)} batch ${String(shape.batch).padStart(3)}, ${shape.senders} sender${shape.senders > 1 ? 's' : ' '}: ` +
        `${fmt(sent.perSecond).padStart(8)} alerts/s  (${fmt(sent.alerts)}${sent.offered < shape.alerts ? ` of ${fmt(shape.alerts)}, cut off,` : ''} in ${fmt(sent.seconds, 2)} s)` +
        (stored === undefined
          ? ''
          : lost
            ? `  STORED ${fmt(stored)} of ${fmt(sent.alerts)}`
            : `  all listed ${fmt(listedAfter, 1)} s after the last answer`) +
        (refused.length ? `  REFUSED batches: ${refused.join(', ')}` : ''),
    );
    if (refused.length || lost) process.exitCode = 1;
    return sent;
  } finally {
    await receiver.stop();
  }
}

async function main(): Promise<void> {
  const guard = setTimeout(() => {
    console.error('alert-ingest: did not finish within 40 minutes; stopping');
    process.exit(1);
  }, 40 * 60_000);
  guard.unref();
  const probe = await startAlertmanagerTarget();
  await probe.stop();
  console.log(
    `alert ingestion: distinct alerts over ${services} services, POST /api/v2/alerts on loopback; ` +
      `peer: Alertmanager ${probe.version}`,
  );
  const url = flags['database-url'] ?? testDatabaseUrl();
  const engines: ('pglite' | 'postgres')[] = [];
  if (flags.engine === 'both' || flags.engine === 'pglite') engines.push('pglite');
  if ((flags.engine === 'both' || flags.engine === 'postgres') && url) engines.push('postgres');
  if (flags.engine !== 'none' && !url && flags.engine !== 'pglite') {
    console.log('  PostgreSQL: skipped (set STEWARD_TEST_DATABASE_URL or --database-url)');
  }
  if (engines.length === 0) {
    for (const shape of shapes) await measure(startAlertmanagerTarget, shape);
  }
  for (const engine of engines) {
    for (const shape of shapes) {
      // The peer runs the same stream just before, so the ratio is least disturbed by the
      // machine's other load drifting between the two; rounds repeat the pair, and the median
      // ratio is the figure (one stream of a second or two swings with garbage collection).
      console.log('');
      const ratios: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const peer = await measure(startAlertmanagerTarget, shape);
        const steward = await measure(() => startStewardTarget(engine, url, services), shape);
        ratios.push(steward.perSecond / peer.perSecond);
      }
      const sorted = [...ratios].sort((a, b) => a - b);
      const ratio = sorted[Math.floor(sorted.length / 2)] as number;
      const needed =
        shape.batch === 100 ? ` (target ≥ ${target}×)${ratio < target ? '  BELOW TARGET' : ''}` : '';
      const each = rounds > 1 ? ` (median of ${ratios.map((r) => fmt(r, 2)).join(', ')})` : '';
      console.log(`    ratio Steward/Alertmanager: ${fmt(ratio, ratio < 0.1 ? 4 : 2)}×${each}${needed}`);
      if (shape.batch === 100 && ratio < target) process.exitCode = 1;
    }
  }
}

await main();
