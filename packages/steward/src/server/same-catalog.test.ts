// Two `steward serve` processes started at once with the same --catalog directory: on one PostgreSQL
// database they read it once (one ingest job, run by whichever server claimed it; the other waits for
// it), no entity is found twice, and both become ready answering the same entities. On the embedded
// database the second server is refused its data directory before it reads anything.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../platform/config.ts';
import { createTestDatabase, type TestDatabase } from './test-engines.ts';
import { freePort } from './test-serve.ts';

const bin = resolve(import.meta.dirname, '../../bin/steward.js');
const env = { ...process.env, STEWARD_LOG_FORMAT: 'json', STEWARD_LOG_LEVEL: 'warn' };
const children: ChildProcess[] = [];
const temporary: string[] = [];
const services = 300;

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
};

/** A catalog of `services` components owned by one team, one file each under catalog/: big enough to take a while. */
function catalogDir(): string {
  const dir = tempDir('steward-same-catalog-');
  const files = join(dir, 'catalog');
  mkdirSync(files);
  writeFileSync(
    join(files, 'team.yaml'),
    'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: payments }\nspec: { type: team, children: [] }\n',
  );
  for (let i = 0; i < services; i++) {
    writeFileSync(
      join(files, `service-${i}.yaml`),
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: service-${i} }\nspec: { type: service, lifecycle: production, owner: payments }\n`,
    );
  }
  return dir;
}

interface Serving {
  child: ChildProcess;
  url: string;
  dataDir: string;
  output: () => string;
  /** Resolves true once /readyz answers 200, false if the process exits first. */
  ready: Promise<boolean>;
}

/** Starts `steward serve` on a free port; `ready` settles once /readyz is 200 (true) or it exits (false). */
async function start(args: string[], dataDir = tempDir('steward-same-catalog-data-')): Promise<Serving> {
  const port = await freePort();
  let output = '';
  const child = spawn(
    process.execPath,
    [bin, 'serve', '--data-dir', dataDir, '--port', String(port), ...args],
    { env },
  );
  children.push(child);
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const ready = (async () => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) return false;
      const ok = await fetch(`${url}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`steward serve was not ready within 60 s:\n${output}`);
  })();
  return { child, url, dataDir, output: () => output, ready };
}

async function entityRefs(server: Serving, token: string): Promise<string[]> {
  const response = await fetch(`${server.url}/api/v1/entities?limit=500`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { items: { ref: string }[]; nextCursor: string | null };
  expect(body.nextCursor).toBeNull();
  return body.items.map((e) => e.ref).sort();
}

const postgresUrl = testDatabaseUrl();
if (postgresUrl) {
  describe('two servers with one --catalog on one PostgreSQL database', () => {
    let test: TestDatabase;
    beforeAll(async () => {
      test = await createTestDatabase('postgres');
    });
    afterAll(async () => {
      await test?.drop();
    });

    it('read it once: one ingest job, no entity twice, both ready with the same entities', async () => {
      const dir = catalogDir();
      const args = ['--database-url', test.url as string, '--catalog', dir];
      const [first, second] = await Promise.all([start(args), start(args)]);
      const [firstReady, secondReady] = await Promise.all([first.ready, second.ready]);
      expect({ firstReady, secondReady }, `${first.output()}\n${second.output()}`).toEqual({
        firstReady: true,
        secondReady: true,
      });

      const jobs = await sql<{ state: string }>`
        select state from steward_job where name = 'catalog.source-ingest'`.execute(test.database.kysely());
      expect(jobs.rows.map((j) => j.state)).toEqual(['succeeded']);

      const tokenFile = [first, second].map((s) => join(s.dataDir, 'admin.token')).find(existsSync);
      const token = readFileSync(tokenFile as string, 'utf8').trim();
      const problems = await fetch(`${first.url}/api/v1/catalog/problems?limit=1000`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const codes = ((await problems.json()) as { items: { code: string }[] }).items.map((p) => p.code);
      expect(codes.filter((code) => code === 'duplicate-entity')).toEqual([]);

      const [seenByFirst, seenBySecond] = await Promise.all([
        entityRefs(first, token),
        entityRefs(second, token),
      ]);
      expect(seenByFirst).toHaveLength(services + 1);
      expect(seenBySecond).toEqual(seenByFirst);
    }, 120_000);
  });
}

describe('two servers with one --catalog on one embedded database', () => {
  it('refuses the second its data directory before it reads anything', async () => {
    const dir = catalogDir();
    const dataDir = tempDir('steward-same-catalog-data-');
    const first = await start(['--catalog', dir], dataDir);
    expect(await first.ready, first.output()).toBe(true);
    const second = await start(['--catalog', dir], dataDir);
    expect(await second.ready).toBe(false);
    expect(second.output()).toContain(`the data directory ${dataDir} is in use by another Steward`);
    expect(second.child.exitCode).toBe(2);
  }, 120_000);
});
