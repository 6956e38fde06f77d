// Edits arriving while lookups run: the assembled server on the ingested database, entities created
// and handed between teams through the API (PUT /api/v1/entities/...) as fast as one writer goes,
// while lookups are timed as the server answers them (GET /api/v1/entities/{kind}/{ns}/{name} and
// GET /api/v1/who-owns, in process, one after the other); and, per edit, the time until who-owns on
// the server answers with the new owner (the domain event delivered, the index updated in place). With
// a PostgreSQL URL, that question goes to a second server, `steward serve` in its own process on the
// same database, over HTTP: the edit must cross from one server to the other.
// The same lookups are first timed on the same server with no edits arriving (index built, its
// background work running), so that the two differ only by the edits: right after the index was
// built, and again after 20 s more of lookups, once the heap has settled.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { scopesForRole } from '../../packages/steward/src/platform/auth/principal.ts';
import type { Database } from '../../packages/steward/src/platform/db/database.ts';
import { silentLogger } from '../../packages/steward/src/platform/logging.ts';
import { seededRandom } from '../../packages/steward/src/platform/seeded-random.ts';
import { assemble } from '../../packages/steward/src/server/compose.ts';
import { type SpawnedSteward, spawnSteward } from '../../packages/steward/src/server/test-serve.ts';

export interface EditFigures {
  firstIndexMs: number;
  edits: number;
  /** Lookups by ref over HTTP right after the index was built, no edits arriving. */
  afterBuildP99: number;
  /** Lookups by ref over HTTP, the server running a while (settled) and no edits arriving. */
  quietP50: number;
  quietP99: number;
  /** The same while edits arrive. */
  lookupP50: number;
  lookupP99: number;
  whoOwnsP99: number;
  visibleP50: number;
  visibleP99: number;
  visibleMax: number;
  /** Whether who-owns was asked of a second server after each edit. */
  otherServer: boolean;
  /** Garbage-collection pauses of this process (which answers the lookups) while they were timed. */
  quietGc: GcPauses;
  editGc: GcPauses;
}

export interface GcPauses {
  count: number;
  totalMs: number;
  maxMs: number;
  /** Pauses of the whole heap (mark-compact), which a large index makes long. */
  major: number;
}

/** Starts profiling this process's CPU; the returned function writes the profile (Chrome's format). */
async function startProfile(): Promise<(file: string) => Promise<void>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async (file) => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

/** Watches this process's garbage-collection pauses until the returned function is called. */
function watchGc(): () => GcPauses {
  const pauses: GcPauses = { count: 0, totalMs: 0, maxMs: 0, major: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      pauses.count++;
      pauses.totalMs += entry.duration;
      pauses.maxMs = Math.max(pauses.maxMs, entry.duration);
      const { detail } = entry as PerformanceEntry & { detail?: { kind?: number } };
      if (detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) pauses.major++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => {
    observer.disconnect();
    return pauses;
  };
}

const admin = {
  userId: 'bench',
  handle: 'bench',
  name: 'Bench',
  role: 'admin' as const,
  scopes: scopesForRole.admin,
  teamIds: [],
  teams: [],
  via: 'token' as const,
};

export async function measureEdits(
  database: Database,
  refs: readonly string[],
  owners: readonly string[],
  durationMs: number,
  databaseUrl?: string,
  settleMs = 20_000,
  /** A file to write a CPU profile of this process to, taken while edits arrive. */
  profileTo?: string,
): Promise<EditFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-edits-'));
  // Started first: with no user in the database yet, it makes the first admin and keeps its token.
  const other = databaseUrl
    ? await spawnSteward({ databaseUrl, env: { STEWARD_LOG_LEVEL: 'error' }, readyTimeoutMs: 600_000 })
    : undefined;
  const assembled = await assemble({
    database,
    logger: silentLogger(),
    config: { bodyLimit: 1024 * 1024, webDir: '/nonexistent', dataDir },
    authenticator: { authenticate: async () => admin },
  });
  await assembled.start();
  const { app } = assembled;
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    if (response.statusCode !== 200) throw new Error(`GET ${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const ownerOf = async (ref: string) =>
    (await get(`/api/v1/who-owns?thing=${encodeURIComponent(ref)}`)).items[0]?.owners[0]?.ref as string;
  const lookup = (ref: string) => get(`/api/v1/entities/${ref.replace(':', '/')}`);
  const ownerOnOther = other ? ownerAsker(other) : ownerOf;
  try {
    const indexStarted = performance.now();
    await ownerOf(refs[0] as string);
    const firstIndexMs = performance.now() - indexStarted;
    await ownerOnOther(refs[0] as string);
    const random = seededRandom(11);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
    const lookups: number[] = [];
    const whoOwns: number[] = [];
    const visible: number[] = [];
    /** Lookups by ref and who owns it, one after the other, until the deadline. */
    const read = async (deadline: number, into: number[]) => {
      while (performance.now() < deadline) {
        const ref = pick(refs);
        let started = performance.now();
        await lookup(ref);
        into.push(performance.now() - started);
        started = performance.now();
        await ownerOf(ref);
        whoOwns.push(performance.now() - started);
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    // Just built, the index's million entities are still being moved to the old generation: time
    // lookups then, and again once they have settled, as a server that has been up a while.
    const afterBuild: number[] = [];
    await read(performance.now() + durationMs / 2, afterBuild);
    const settling: number[] = [];
    await read(performance.now() + settleMs, settling);
    const quiet: number[] = [];
    const quietGc = watchGc();
    await read(performance.now() + durationMs / 2, quiet);
    const quietPauses = quietGc();
    whoOwns.length = 0;
    const deadline = performance.now() + durationMs;

    const editor = (async () => {
      let n = 0;
      while (performance.now() < deadline) {
        const name = `bench-edit-${n++ % 50}`;
        const owner = pick(owners);
        const body = {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name },
          spec: { type: 'service', lifecycle: 'production', owner },
        };
        const started = performance.now();
        const exists = n > 50;
        const response = await app.inject({
          method: exists ? 'PUT' : 'POST',
          url: exists ? `/api/v1/entities/component/default/${name}` : '/api/v1/entities',
          payload: body,
        });
        if (response.statusCode >= 300) throw new Error(`edit: ${response.statusCode} ${response.body}`);
        while ((await ownerOnOther(`component:default/${name}`)) !== owner) {
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        visible.push(performance.now() - started);
      }
    })();

    const reader = read(deadline, lookups);
    const editGc = watchGc();
    const profiled = profileTo ? await startProfile() : undefined;
    await Promise.all([editor, reader]);
    if (profiled && profileTo) await profiled(profileTo);
    const editPauses = editGc();
    const at = (list: number[], q: number) =>
      [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(list.length * q))] ?? 0;
    return {
      firstIndexMs,
      edits: visible.length,
      afterBuildP99: at(afterBuild, 0.99),
      quietP50: at(quiet, 0.5),
      quietP99: at(quiet, 0.99),
      lookupP50: at(lookups, 0.5),
      lookupP99: at(lookups, 0.99),
      whoOwnsP99: at(whoOwns, 0.99),
      visibleP50: at(visible, 0.5),
      visibleP99: at(visible, 0.99),
      visibleMax: Math.max(0, ...visible),
      otherServer: other !== undefined,
      quietGc: quietPauses,
      editGc: editPauses,
    };
  } finally {
    await app.close();
    await assembled.stop();
    await other?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Who owns a ref, asked of a spawned server over HTTP (its first answer waits for its index). */
function ownerAsker(server: SpawnedSteward): (ref: string) => Promise<string> {
  const token = server.adminToken();
  return async (ref) => {
    const response = await server.call('GET', `/api/v1/who-owns?thing=${encodeURIComponent(ref)}`, token);
    if (response.status !== 200)
      throw new Error(`who-owns on the other server: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { items: { owners: { ref: string }[] }[] };
    return body.items[0]?.owners[0]?.ref as string;
  };
}
