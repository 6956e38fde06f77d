// WebSocket fan-out to 4,000 subscribers: Steward's live channel against a bare `ws` server that
// batches the same way (one frame serialised per tick for all), in the same run. Both get the same
// subscribers (a child process, same code) and the same events at the same cadence; the figure is
// events delivered to subscribers per second, first publish to last delivery. Steward runs on one
// server (PGlite in memory) and, when a PostgreSQL URL is known, as two servers in two processes on
// one scratch database, the subscribers split between them and the events published on the first
// (the second hears them through LISTEN/NOTIFY). Targets: one server ≥ 100 % of raw ws's
// deliveries/s, two servers ≥ 80 %.
// Run: `node bench/stream-fanout/run.ts [--subscribers 4000] [--events 2000] [--rate 1000] [--tick-ms 16]
// [--rounds 3] [--database-url URL]` (Node 24; STEWARD_TEST_DATABASE_URL also names the PostgreSQL),
// or `npm run bench -- stream-fanout`.
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { testDatabaseUrl } from '../../packages/steward/src/platform/config.ts';
import type { ClientsJob, ClientsReport } from './clients.ts';
import { type FanOutServer, startRawServer } from './raw-server.ts';
import { startStewardServer, startTwoStewardServers } from './steward-server.ts';

const { values: flags } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '4000' },
    events: { type: 'string', default: '2000' },
    rate: { type: 'string', default: '1000' },
    'tick-ms': { type: 'string', default: '16' },
    rounds: { type: 'string', default: '3' },
    'database-url': { type: 'string' },
  },
});
const subscribers = Number(flags.subscribers);
const events = Number(flags.events);
const rate = Number(flags.rate);
const tickMs = Number(flags['tick-ms']);
const rounds = Number(flags.rounds);
const targets = { oneServer: 1, twoServers: 0.8 };
const databaseUrl = flags['database-url'] ?? testDatabaseUrl();
const topic = 'team:bench';
/** After the last publish, how long subscribers get to receive the rest before counting stops. */
const drainMs = 20_000;

const now = () => performance.timeOrigin + performance.now();
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Measured {
  name: string;
  deliveriesPerSecond: number;
  report: Extract<ClientsReport, { type: 'done' }>;
  serverCpuMs: number;
}

async function measure(
  name: string,
  start: () => Promise<FanOutServer & { token?: string }>,
): Promise<Measured> {
  const server = await start();
  const clients = fork(new URL('./clients.ts', import.meta.url), { stdio: 'inherit' });
  try {
    const job: ClientsJob = {
      urls: server.urls,
      subscribers,
      topic,
      expected: events,
      // The peer checks no credentials; the header is sent to both all the same.
      authorization: `Bearer ${server.token ?? 'stw_not-checked'}`,
      sampleEvery: 100,
    };
    clients.send(job);
    const ready = (await nextReport(clients)) as Extract<ClientsReport, { type: 'ready' }>;
    console.log(
      `  ${name}: ${fmt(subscribers)} subscribers connected in ${fmt(ready.connectMs / 1000, 1)} s`,
    );
    await sleep(500);
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const cpuBefore = process.cpuUsage();
    const startedAt = now();
    const done = nextReport(clients);
    await publishAtCadence(server, startedAt);
    const timeout = setTimeout(() => clients.send({ type: 'report' }), drainMs);
    const report = (await done) as Extract<ClientsReport, { type: 'done' }>;
    clearTimeout(timeout);
    const cpu = process.cpuUsage(cpuBefore);
    lag.disable();
    console.log(`    event-loop delay: mean ${fmt(lag.mean / 1e6, 1)} ms, max ${fmt(lag.max / 1e6, 1)} ms`);
    const seconds = (report.lastAt - startedAt) / 1000;
    return {
      name,
      deliveriesPerSecond: report.delivered / seconds,
      report,
      serverCpuMs: (cpu.user + cpu.system) / 1000,
    };
  } finally {
    clients.kill();
    await server.close();
  }
}

/** Publishes `events` events at `rate` a second, catching up after any late timer. */
async function publishAtCadence(server: FanOutServer, startedAt: number): Promise<void> {
  let published = 0;
  while (published < events) {
    const due = Math.min(events, Math.floor(((now() - startedAt) * rate) / 1000) + 1);
    for (; published < due; published++) server.publish(topic, 'bench.tick', { i: published, t: now() });
    await sleep(1);
  }
}

async function nextReport(child: ChildProcess): Promise<ClientsReport> {
  const [message] = await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`the subscribers' process exited (code ${code})`);
    }),
  ]);
  return message as ClientsReport;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function show({ name, deliveriesPerSecond, report, serverCpuMs }: Measured): void {
  const expected = subscribers * events;
  const closed = Object.entries(report.closeCodes)
    .map(([code, n]) => `${n}× ${code}`)
    .join(', ');
  console.log(
    `  ${name.padEnd(21)} ${fmt(deliveriesPerSecond).padStart(12)} deliveries/s   ` +
      `${fmt((100 * report.delivered) / expected, 1)}% delivered, ${fmt(report.delivered / report.frames, 1)} events/frame   ` +
      `latency p50 ${fmt(percentile(report.latenciesMs, 50), 1)} ms, p99 ${fmt(percentile(report.latenciesMs, 99), 1)} ms   ` +
      `CPU: server ${fmt(serverCpuMs / 1000, 2)} s (${fmt((serverCpuMs * 1e6) / report.delivered, 1)} µs/1k deliveries), subscribers ${fmt(report.cpuMs / 1000, 2)} s` +
      (closed ? `   closed early: ${closed}` : ''),
  );
}

async function main(): Promise<void> {
  const guard = setTimeout(() => {
    console.error('stream-fanout: did not finish within 5 minutes; stopping');
    process.exit(1);
  }, 5 * 60_000);
  guard.unref();
  console.log(
    `WebSocket fan-out: ${fmt(subscribers)} subscribers on loopback, ${fmt(events)} events at ${fmt(rate)}/s ` +
      `to one topic, ${tickMs} ms ticks (${fmt(subscribers * events)} deliveries each)`,
  );
  // Rounds of one run each, back to back: on a shared machine a run can lose the CPU to others.
  const raws: Measured[] = [];
  const contenders: Contender[] = [
    {
      label: 'one server',
      target: targets.oneServer,
      start: () => startStewardServer(tickMs),
      runs: [],
    },
  ];
  if (databaseUrl) {
    contenders.push({
      label: 'two servers',
      target: targets.twoServers,
      start: () => startTwoStewardServers(tickMs, databaseUrl),
      runs: [],
    });
  } else {
    console.log(
      '  two servers on PostgreSQL: skipped (set STEWARD_TEST_DATABASE_URL or pass --database-url)',
    );
  }
  // The order turns each round, so none always runs first (colder JIT, cooler machine).
  for (let round = 1; round <= rounds; round++) {
    const runs = [
      async () => raws.push(await measure(`raw ws (batched) #${round}`, () => startRawServer(tickMs))),
      ...contenders.map((contender) => async () => {
        contender.runs.push(await measure(`steward, ${contender.label} #${round}`, contender.start));
      }),
    ];
    for (let i = 0; i < runs.length; i++)
      await (runs[(i + round - 1) % runs.length] as () => Promise<unknown>)();
  }
  console.log('');
  for (const measured of [...raws, ...contenders.flatMap((c) => c.runs)]) show(measured);
  const best = (list: Measured[]) => Math.max(...list.map((m) => m.deliveriesPerSecond));
  const cpuPerDelivery = (list: Measured[]) => median(list.map((m) => m.serverCpuMs / m.report.delivered));
  let below = false;
  for (const { label, target, runs } of contenders) {
    // Each round's runs are back to back, so their ratio is least disturbed by the machine's other
    // load drifting; the median of the rounds' ratios is the figure.
    const ratios = runs.map((run, i) => run.deliveriesPerSecond / (raws[i] as Measured).deliveriesPerSecond);
    const ratio = median(ratios);
    console.log(
      `\n  steward, ${label}: best of ${rounds} ${fmt(best(runs))}/s against raw ws's ${fmt(best(raws))}/s; ` +
        `per-round ratios ${ratios.map((r) => fmt(r, 2)).join(', ')}`,
    );
    console.log(
      `  ratio:             ${fmt(ratio, 2)} of raw ws's deliveries/s, median of rounds (target ≥ ${target})` +
        (ratio < target ? '  BELOW TARGET' : ''),
    );
    // CPU is only this process's: with two servers, the second one's is not counted.
    if (label === 'one server') {
      console.log(
        `  server CPU per delivery: raw ws's is ${fmt(cpuPerDelivery(raws) / cpuPerDelivery(runs), 2)} of Steward's (medians)`,
      );
    }
    below ||= ratio < target;
  }
  if (below) process.exitCode = 1;
}

interface Contender {
  label: string;
  target: number;
  start: () => Promise<FanOutServer & { token?: string }>;
  runs: Measured[];
}

await main();
