// An ingest is all or nothing: a process killed with SIGKILL at any moment of an ingest leaves the
// catalog as it was before or as it is after, never a mix, and the interrupted job resumes on another
// runner once its lease runs out. PostgreSQL only: the kill takes a real second process.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { JobRunner } from '../../../platform/jobs/index.ts';
import { silentLogger } from '../../../platform/logging.ts';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { createCatalog } from '../catalog-service.ts';
import { type TempTree, tempTree } from '../fixture.test-support.ts';

const fixture = join(import.meta.dirname, '..', 'ingest-process.fixture.ts');
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
});

/** `count` components in files of 200, each with `description` (a change of it updates them all). */
function writeComponents(tree: TempTree, from: number, count: number, description: string, dir = 'part') {
  for (let file = 0; file * 200 < count; file++) {
    const docs: string[] = [];
    for (let i = file * 200; i < Math.min(count, (file + 1) * 200); i++) {
      docs.push(
        `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc-${from + i}\n  description: ${description}\nspec:\n  type: service\n  lifecycle: production\n  owner: group:team-${i % 50}\n`,
      );
    }
    tree.write(`${dir}-${file}/catalog-info.yaml`, docs.join('---\n'));
  }
}

describeEachEngine('an ingest that does not finish', ({ db, engine, url }) => {
  const snapshot = async () => {
    const { rows } = await sql<{ ref: string; content_hash: string }>`
      select ref, content_hash from catalog_entities where source_id like 'dir-%' order by ref`.execute(
      db().kysely(),
    );
    const sources = await sql<{ status: string; entity_count: number }>`
      select status, entity_count from catalog_sources where kind = 'dir'`.execute(db().kysely());
    return { entities: rows.map((r) => `${r.ref} ${r.content_hash}`).join('\n'), sources: sources.rows };
  };

  it('leaves the catalog as it was when the read fails part-way, with the source not saying ok', async () => {
    const tree = tempTree();
    const jobs = new JobRunner({ database: db(), logger: silentLogger(), pollIntervalMs: 200 });
    const catalog = createCatalog({
      database: db(),
      logger: silentLogger(),
      dataDir: `${tree.dir}.data`,
      jobs,
      batchSize: 100,
    });
    jobs.register(...catalog.jobs);
    await jobs.start();
    try {
      writeComponents(tree, 0, 1000, 'first', 'failing');
      await catalog.ingestPath(tree.dir);
      const before = await snapshot();
      writeComponents(tree, 0, 1000, 'second', 'failing');
      // A write that fails part-way: after several batches of 100 were written.
      await sql`create function test_refuse() returns trigger language plpgsql as $$
        begin if new.ref = 'component:default/svc-900' then raise exception 'refused svc-900'; end if;
        return new; end $$`.execute(db().kysely());
      await sql`create trigger test_refuse before update on catalog_entities
        for each row execute function test_refuse()`.execute(db().kysely());
      await expect(catalog.ingestPath(tree.dir)).rejects.toThrow('refused svc-900');
      await sql`drop trigger test_refuse on catalog_entities`.execute(db().kysely());
      await sql`drop function test_refuse`.execute(db().kysely());
      const after = await snapshot();
      expect(after.entities).toBe(before.entities);
      expect(after.sources).toEqual([{ status: 'failed', entity_count: 1000 }]);
    } finally {
      await jobs.stop();
      await sql`delete from catalog_entities`.execute(db().kysely());
      await sql`delete from catalog_sources where kind = 'dir'`.execute(db().kysely());
      tree.cleanup();
    }
  });

  if (engine !== 'postgres') return;

  const newestJobState = async () =>
    (
      await sql<{ state: string }>`select state from steward_job where name = 'catalog.source-ingest'
        order by seq desc limit 1`.execute(db().kysely())
    ).rows[0]?.state;

  /** Starts an ingest of `dir` in another process and kills it `afterMs` after its runner is ready. */
  async function killMidIngest(dir: string, afterMs: number): Promise<boolean> {
    const child = spawn(process.execPath, [fixture, url() as string, dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.add(child);
    // Listened for from the start: a small ingest may finish, and the process exit, before the kill.
    const exited = once(child, 'exit');
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    let done = false;
    const ready = new Promise<void>((resolve) => {
      lines.on('line', (line) => {
        if (line.startsWith('ready')) resolve();
        if (line === 'done') done = true;
      });
    });
    await ready;
    await sleep(afterMs);
    child.kill('SIGKILL');
    await exited;
    children.delete(child);
    return done;
  }

  /** Another server: picks up the interrupted job once its lease has run out, and finishes it. */
  async function resume(dir: string) {
    const jobs = new JobRunner({ database: db(), logger: silentLogger(), pollIntervalMs: 200 });
    const catalog = createCatalog({ database: db(), logger: silentLogger(), dataDir: `${dir}.data`, jobs });
    jobs.register(...catalog.jobs);
    await jobs.start();
    try {
      const [job] = await jobs.list({ name: 'catalog.source-ingest', limit: 1 });
      const finished = await jobs.waitFor(job?.id as string);
      expect(finished.state, finished.lastError ?? '').toBe('succeeded');
      // And a fresh read now changes nothing: the resumed job wrote the whole source.
      expect((await catalog.ingestPath(dir)).unchanged).toBeGreaterThan(0);
    } finally {
      await jobs.stop();
    }
  }

  it('leaves the old catalog or the new one, and the job resumes', { timeout: 120_000 }, async () => {
    const tree = tempTree();
    try {
      const seen: string[] = [];
      writeComponents(tree, 0, 6000, 'first');
      const empty = await snapshot();
      // A first ingest, killed part-way (or not: then it is the new state already).
      await killMidIngest(tree.dir, 1500);
      const afterKill = await snapshot();
      const killedJob = await newestJobState();
      await resume(tree.dir);
      const first = await snapshot();
      expect(first.sources).toEqual([{ status: 'ok', entity_count: 6000 }]);
      expect([empty.entities, first.entities]).toContain(afterKill.entities);
      if (killedJob === 'running' && afterKill.entities === empty.entities) seen.push('old');

      // Updates: every entity changes, some go, some come; killed at several moments.
      for (const [round, afterMs] of [400, 1200, 2500].entries()) {
        const before = await snapshot();
        tree.remove(`part-${29 - round}/catalog-info.yaml`);
        writeComponents(tree, 0, 5800 - round * 200, `round ${round}`);
        writeComponents(tree, 100_000 + round * 1000, 200, 'added', `added-${round}`);
        await killMidIngest(tree.dir, afterMs);
        const killed = await snapshot();
        const killedJob = await newestJobState();
        await resume(tree.dir);
        const after = await snapshot();
        expect(after.entities).not.toBe(before.entities);
        expect([before.entities, after.entities]).toContain(killed.entities);
        // The source says ok only over the whole new catalog.
        if (killed.entities === before.entities) expect(killed.sources).toEqual(before.sources);
        else expect(killed.sources).toEqual(after.sources);
        if (killedJob === 'running' && killed.entities === before.entities) seen.push('old');
      }
      // At least one kill landed while the job was running and left the old state (else this proved little).
      expect(seen).toContain('old');
    } finally {
      tree.cleanup();
    }
  });
});
