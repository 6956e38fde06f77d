// The API under load: 50 concurrent clients asking `steward serve` for single entities
// (GET /api/v1/entities/:kind/:namespace/:name) and for owners (GET /api/v1/who-owns?thing=…, entity refs
// and paths), on PGlite and, when a URL is known, PostgreSQL (a scratch database). Steward runs as an
// operator starts it, in its own process, over a generated organisation (bench/catalog-scale's). The
// peer, in the same run on the same database: bare Fastify answering the same entity lookup with one
// indexed select (bare-server.ts), what the machine and the database allow. Figures: requests/s and
// latency p50/p99 (autocannon), and Steward's entity lookups as a share of the peer's requests/s.
// Run: `npm run bench -- api-load` (or `node bench/api-load/run.ts [--entities 10000] [--clients 50]
// [--seconds 10] [--engine both|pglite|postgres] [--database-url URL]`).
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { testDatabaseUrl } from '../../packages/steward/src/platform/config.ts';
import { seededRandom } from '../../packages/steward/src/platform/seeded-random.ts';
import { spawnSteward } from '../../packages/steward/src/server/test-serve.ts';
import { type GeneratedOrganisation, writeOrganisation } from '../catalog-scale/organisation.ts';
import { scratchDatabase } from '../scratch-database.ts';

const { values: flags } = parseArgs({
  options: {
    entities: { type: 'string', default: '10000' },
    clients: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    engine: { type: 'string', default: 'both' },
    'database-url': { type: 'string' },
  },
});
const clients = Number(flags.clients);
const seconds = Number(flags.seconds);

interface Load {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failed: number;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** `clients` connections for `seconds`, each request's path from `next`. */
async function load(name: string, url: string, next: () => string, token?: string): Promise<Load> {
  const result = await autocannon({
    url,
    connections: clients,
    duration: seconds,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    requests: [{ setupRequest: (request) => ({ ...request, path: next() }) }],
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  const measured = {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed,
  };
  console.log(
    `  ${name.padEnd(44)} ${fmt(measured.requestsPerSecond).padStart(7)} req/s   p50 ${fmt(measured.p50, 1).padStart(6)} ms   p99 ${fmt(measured.p99, 1).padStart(6)} ms` +
      (failed ? `   FAILED ${fmt(failed)} of ${fmt(result.requests.total)}` : ''),
  );
  return measured;
}

const entityPath = (ref: string) => {
  const [kind, rest] = ref.split(':') as [string, string];
  const [namespace, name] = rest.split('/') as [string, string];
  return `/api/v1/entities/${kind}/${namespace}/${name}`;
};

async function measureEngine(
  engine: 'PGlite' | 'PostgreSQL',
  org: GeneratedOrganisation & { dir: string },
  baseUrl?: string,
): Promise<boolean> {
  console.log(`\n${engine}`);
  const random = seededRandom(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const scratch = baseUrl ? await scratchDatabase(baseUrl) : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-api-load-'));
  try {
    const steward = await spawnSteward({
      databaseUrl: scratch?.url,
      dataDir,
      args: ['--catalog', org.dir],
      env: { STEWARD_LOG_LEVEL: 'error' },
      readyTimeoutMs: 300_000,
    });
    let entity: Load;
    let owners: Load;
    try {
      const token = steward.adminToken();
      await untilRead(steward, token, org);
      const teams = org.owners.map((owner) => owner.split('/')[1] as string);
      entity = await load('steward: one entity', steward.url, () => entityPath(pick(org.refs)), token);
      owners = await load(
        'steward: who-owns (entity refs and paths)',
        steward.url,
        () =>
          `/api/v1/who-owns?thing=${encodeURIComponent(random() < 0.5 ? pick(org.refs) : `${pick(teams)}/src/handler-${Math.floor(random() * 100)}.go`)}`,
        token,
      );
    } finally {
      await steward.stop();
    }
    const peer = await startBare(
      scratch ? { databaseUrl: scratch.url } : { pgliteDir: join(dataDir, 'pgdata') },
    );
    let bare: Load;
    try {
      bare = await load('bare Fastify + the same select: one entity', peer.url, () =>
        entityPath(pick(org.refs)),
      );
    } finally {
      await peer.stop();
    }
    const ratio = entity.requestsPerSecond / bare.requestsPerSecond;
    console.log(
      `  Steward's entity lookups: ${fmt(ratio, 2)}× the bare peer's req/s; who-owns ${fmt(owners.requestsPerSecond)} req/s at p99 ${fmt(owners.p99, 1)} ms`,
    );
    return entity.failed + owners.failed + bare.failed === 0;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await scratch?.drop();
  }
}

/** The catalog is read by a job at start: wait until its last entity answers. */
async function untilRead(
  steward: Awaited<ReturnType<typeof spawnSteward>>,
  token: string,
  org: GeneratedOrganisation,
): Promise<void> {
  const last = entityPath(org.refs.at(-1) as string);
  for (const started = Date.now(); ; ) {
    if ((await steward.call('GET', last, token)).status === 200) return;
    if (Date.now() - started > 300_000) throw new Error('the bench catalog was not read within 5 minutes');
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function startBare(job: { databaseUrl?: string; pgliteDir?: string }) {
  const child = fork(new URL('./bare-server.ts', import.meta.url), { stdio: 'inherit' });
  child.send(job);
  const [message] = await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`the bare peer exited before listening (code ${code})`);
    }),
  ]);
  return {
    url: (message as { url: string }).url,
    async stop() {
      const exited = once(child, 'exit');
      child.send({ type: 'stop' });
      await exited;
    },
  };
}

async function main(): Promise<void> {
  const url = flags['database-url'] ?? testDatabaseUrl();
  const dir = mkdtempSync(join(tmpdir(), 'bench-api-load-org-'));
  try {
    const org = { ...writeOrganisation(dir, Number(flags.entities)), dir };
    console.log(
      `API under load: ${fmt(clients)} concurrent clients for ${seconds} s each, over ${fmt(org.entities)} entities in ${fmt(org.files)} files`,
    );
    let ok = true;
    if (flags.engine !== 'postgres') ok = (await measureEngine('PGlite', org)) && ok;
    if (flags.engine !== 'pglite') {
      if (url) ok = (await measureEngine('PostgreSQL', org, url)) && ok;
      else console.log('\nPostgreSQL: skipped (set STEWARD_TEST_DATABASE_URL or pass --database-url)');
    }
    if (!ok) {
      console.log('\nSOME REQUESTS FAILED');
      process.exitCode = 1;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
