// Catalog at scale: a generated organisation of 250,000 entities (about three relations each; a
// million with --entities 1000000) as files on disk, ingested into a fresh database, then lookups by ref
// and owner-filtered first pages. PGlite always; PostgreSQL too when STEWARD_TEST_DATABASE_URL or
// --database-url is given (a scratch database is created and dropped). Targets (PRODUCT.md): ingest
// < 60 s for 250k (< 120 s up to 1M), lookup p99 < 2 ms, owner list p99 < 50 ms; the peak RSS of the
// process while ingesting is reported (memory must stay bounded, not grow with the catalog).
// Then edits arrive through the API while lookups run (edits.ts): lookup p99 during edits (same target)
// and the time from an edit to who-owns answering with it; on PostgreSQL, who-owns is asked of a second
// server (`steward serve`, its own process, on the same database): target within 1 s.
// Run: `npm run bench:catalog-scale` (or `node bench/catalog-scale/run.ts [--entities N] [--database-url URL]`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCatalog, type IngestProgress } from '../../packages/steward/src/modules/catalog/index.ts';
import { testDatabaseUrl } from '../../packages/steward/src/platform/config.ts';
import { type Database, openDatabase } from '../../packages/steward/src/platform/db/database.ts';
import { migrateToLatest } from '../../packages/steward/src/platform/db/migrate.ts';
import { JobRunner } from '../../packages/steward/src/platform/jobs/index.ts';
import { silentLogger } from '../../packages/steward/src/platform/logging.ts';
import { seededRandom } from '../../packages/steward/src/platform/seeded-random.ts';
import { moduleMigrationFolders } from '../../packages/steward/src/server/modules.ts';
import { scratchDatabase } from '../scratch-database.ts';
import { type GcPauses, measureEdits } from './edits.ts';
import { type GeneratedOrganisation, writeOrganisation } from './organisation.ts';

const targets = { lookupP99Ms: 2, ownerListP99Ms: 50, visibleMs: 1000 };
/**
 * PRODUCT.md: 250,000 entities in under 60 s, a million in under 120 s; judged by the size asked for
 * (the generator rounds to whole teams, so --entities 250000 writes a few more).
 */
const ingestTargetSeconds = (asked: number) => (asked <= 250_000 ? 60 : 120);
/** Each timed loop stops at its count or after this long, whichever comes first. */
const loopBudgetMs = 30_000;

const { values: flags } = parseArgs({
  options: {
    entities: { type: 'string', default: '250000' },
    lookups: { type: 'string', default: '3000' },
    lists: { type: 'string', default: '1000' },
    'edit-seconds': { type: 'string', default: '20' },
    'database-url': { type: 'string' },
    /** Writes a CPU profile of the server while edits arrive to this file (open it in Chrome's DevTools). */
    'profile-edits': { type: 'string' },
    /** Which engines to measure: both (PGlite, then PostgreSQL when a URL is known), pglite or postgres. */
    engine: { type: 'string', default: 'both' },
  },
});

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'bench-catalog-scale-'));
  try {
    const started = performance.now();
    const org = writeOrganisation(join(work, 'org'), Number(flags.entities));
    console.log(
      `catalog at scale: ${fmt(org.entities)} entities in ${fmt(org.files)} files, ${fmt(org.owners.length)} teams (generated in ${fmt((performance.now() - started) / 1000, 1)} s)`,
    );
    const engine = flags.engine;
    let failed = false;
    if (engine !== 'postgres')
      failed = await measureEngine('PGlite', work, org, () =>
        openDatabase({ dataDir: join(work, 'pglite') }),
      );
    const url = flags['database-url'] ?? testDatabaseUrl();
    if (engine === 'pglite') console.log('\nPostgreSQL: skipped (--engine pglite)');
    else if (url)
      failed = (await measureEngine('PostgreSQL', work, org, () => scratchPostgres(url))) || failed;
    else console.log('\nPostgreSQL: skipped (set STEWARD_TEST_DATABASE_URL or pass --database-url)');
    if (failed) {
      console.log('\nBELOW TARGET');
      process.exitCode = 1;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function measureEngine(
  name: string,
  work: string,
  org: GeneratedOrganisation,
  open: () => Promise<Database & { url?: string; dispose?: () => Promise<void> }>,
): Promise<boolean> {
  console.log(`\n${name}`);
  const database = await open();
  const jobs = new JobRunner({ database, logger: silentLogger() });
  try {
    await migrateToLatest(database, moduleMigrationFolders);
    const catalog = createCatalog({
      database,
      logger: silentLogger(),
      dataDir: join(work, `data-${name}`),
      jobs,
    });
    jobs.register(...catalog.jobs);
    await jobs.start();
    const progress = progressLine();
    const rssBefore = process.memoryUsage.rss();
    let peakRss = rssBefore;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 50);
    const started = performance.now();
    const first = await catalog.ingestPath(join(work, 'org'), {
      onProgress: (p) => progress.update(p as IngestProgress),
    });
    const ingestSeconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    progress.done();
    const errors = first.errors.length + first.warnings.length;
    const ingestTarget = ingestTargetSeconds(Number(flags.entities));
    const mib = (bytes: number) => fmt(bytes / 2 ** 20);
    console.log(
      `  full ingest:       ${fmt(ingestSeconds, 1)} s for ${fmt(first.added)} entities (${fmt(first.added / ingestSeconds)}/s, ${errors} problems)   target < ${ingestTarget} s`,
    );
    console.log(
      `  memory while ingesting: peak RSS ${mib(peakRss)} MiB (${mib(rssBefore)} MiB before; the files on disk: ${mib(org.bytes)} MiB)`,
    );
    const againStarted = performance.now();
    const again = await catalog.ingestPath(join(work, 'org'));
    console.log(
      `  unchanged ingest:  ${fmt((performance.now() - againStarted) / 1000, 1)} s (${fmt(again.unchanged)} unchanged, ${again.added + again.updated + again.removed} written)`,
    );
    const random = seededRandom(7);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
    const lookup = await percentiles(Number(flags.lookups), () => catalog.getEntity(pick(org.refs)));
    console.log(
      `  lookup by ref (the catalog's query, no HTTP): p50 ${fmt(lookup.p50, 2)} ms, p99 ${fmt(lookup.p99, 2)} ms over ${fmt(lookup.count)}   target p99 < ${targets.lookupP99Ms} ms`,
    );
    const list = await percentiles(Number(flags.lists), async () => {
      const page = await catalog.listEntities({ owner: pick(org.owners), limit: 50 });
      if (page.items.length !== 50)
        throw new Error(`an owner's first page had ${page.items.length} items, not 50`);
    });
    console.log(
      `  owner-filtered list (first page of 50, with facets): p50 ${fmt(list.p50, 2)} ms, p99 ${fmt(list.p99, 2)} ms over ${fmt(list.count)}   target p99 < ${targets.ownerListP99Ms} ms`,
    );
    const editMs = Number(flags['edit-seconds']) * 1000;
    const edits = await measureEdits(
      database,
      org.refs,
      org.owners,
      editMs,
      database.url,
      undefined,
      flags['profile-edits'],
    );
    console.log(
      `  who-owns index, first build: ${fmt(edits.firstIndexMs / 1000, 1)} s; then kept from domain events`,
    );
    const pauses = (gc: GcPauses) =>
      `garbage collection paused the server ${fmt(gc.count)} times (${fmt(gc.major)} whole-heap), ${fmt(gc.totalMs)} ms in all, longest ${fmt(gc.maxMs, 1)} ms`;
    console.log(
      `  lookup by ref over HTTP right after the index was built: p99 ${fmt(edits.afterBuildP99, 2)} ms (the heap still settling)`,
    );
    console.log(
      `  lookup by ref over HTTP, server settled, no edits: p50 ${fmt(edits.quietP50, 2)} ms, p99 ${fmt(edits.quietP99, 2)} ms   target p99 < ${targets.lookupP99Ms} ms`,
    );
    console.log(`    meanwhile ${pauses(edits.quietGc)}`);
    console.log(
      `  during ${fmt(edits.edits)} API edits: lookup by ref (HTTP) p50 ${fmt(edits.lookupP50, 2)} ms, p99 ${fmt(edits.lookupP99, 2)} ms; who-owns (HTTP) p99 ${fmt(edits.whoOwnsP99, 2)} ms   (reported, not judged: this server's thread also takes the edits)`,
    );
    console.log(`    meanwhile ${pauses(edits.editGc)}`);
    console.log(
      `  edit → who-owns ${edits.otherServer ? 'on the other server' : ''} answers with it: p50 ${fmt(edits.visibleP50, 1)} ms, p99 ${fmt(edits.visibleP99, 1)} ms, max ${fmt(edits.visibleMax, 1)} ms   target < ${targets.visibleMs} ms`,
    );
    return (
      ingestSeconds >= ingestTarget ||
      edits.visibleMax >= targets.visibleMs ||
      edits.quietP99 >= targets.lookupP99Ms ||
      lookup.p99 >= targets.lookupP99Ms ||
      list.p99 >= targets.ownerListP99Ms
    );
  } finally {
    await jobs.stop();
    await database.close();
    await database.dispose?.();
  }
}

async function percentiles(count: number, run: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(200, count); i++) await run(); // warm caches and the JIT
  const times: number[] = [];
  const deadline = performance.now() + loopBudgetMs;
  for (let i = 0; i < count && performance.now() < deadline; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  return { p50: at(0.5), p99: at(0.99), count: times.length };
}

function progressLine() {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  return {
    update(p: IngestProgress) {
      if (!tty || performance.now() - last < 200) return;
      last = performance.now();
      process.stderr.write(
        `\r\x1b[K  read ${fmt(p.files)} files, ${fmt(p.entities)} entities; stored ${fmt(p.written)}`,
      );
    },
    done() {
      if (tty) process.stderr.write('\r\x1b[K');
    },
  };
}

async function scratchPostgres(
  baseUrl: string,
): Promise<Database & { url: string; dispose: () => Promise<void> }> {
  const scratch = await scratchDatabase(baseUrl);
  const database = await openDatabase({ url: scratch.url });
  return Object.assign(database, { url: scratch.url, dispose: scratch.drop });
}

await main();
