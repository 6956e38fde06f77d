// The subscribers of bench/stream-fanout, in a child process of their own: the same code for both
// servers. Each socket subscribes, then counts the events it receives without parsing every frame
// (a search for `"seq":` in the bytes); one socket in `sampleEvery` parses frames to time deliveries.
import WebSocket from 'ws';

export interface ClientsJob {
  /** Subscriber i connects to urls[i mod n]: spread evenly over the servers. */
  urls: string[];
  subscribers: number;
  topic: string;
  /** Events each socket expects before it counts as done. */
  expected: number;
  authorization: string;
  sampleEvery: number;
}

export type ClientsReport =
  | { type: 'ready'; connectMs: number }
  | {
      type: 'done';
      delivered: number;
      frames: number;
      /** Epoch ms (fractional) of the last delivery. */
      lastAt: number;
      complete: number;
      closedEarly: number;
      closeCodes: Record<string, number>;
      latenciesMs: number[];
      /** CPU this process spent from ready to done. */
      cpuMs: number;
    };

const seqKey = Buffer.from('"seq":');
const now = () => performance.timeOrigin + performance.now();

function countEvents(frame: Buffer): number {
  let count = 0;
  for (let at = frame.indexOf(seqKey); at >= 0; at = frame.indexOf(seqKey, at + seqKey.length)) count++;
  return count;
}

async function run(job: ClientsJob): Promise<void> {
  const counts = new Int32Array(job.subscribers);
  const sockets: WebSocket[] = [];
  const closeCodes: Record<string, number> = {};
  const latenciesMs: number[] = [];
  let delivered = 0;
  let frames = 0;
  let complete = 0;
  let closedEarly = 0;
  let lastAt = 0;
  let reported = false;
  let cpuAtReady = process.cpuUsage();

  const report = () => {
    if (reported) return;
    reported = true;
    const cpu = process.cpuUsage(cpuAtReady);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    send({ type: 'done', delivered, frames, lastAt, complete, closedEarly, closeCodes, latenciesMs, cpuMs });
  };

  const open = (index: number) =>
    new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(job.urls[index % job.urls.length] as string, {
        headers: { authorization: job.authorization },
        perMessageDeflate: false,
        skipUTF8Validation: true,
      });
      sockets[index] = socket;
      let subscribed = false;
      const sampled = index % job.sampleEvery === 0;
      socket.on('open', () => socket.send(JSON.stringify({ type: 'subscribe', topics: [job.topic] })));
      socket.on('error', reject);
      socket.on('close', (code) => {
        closeCodes[code] = (closeCodes[code] ?? 0) + 1;
        if ((counts[index] as number) < job.expected) closedEarly++;
      });
      socket.on('message', (data: Buffer) => {
        if (!subscribed) {
          subscribed = true;
          resolve();
          return;
        }
        const events = countEvents(data);
        frames++;
        const before = counts[index] as number;
        counts[index] = before + events;
        delivered += events;
        lastAt = now();
        if (sampled) {
          const at = lastAt;
          for (const event of JSON.parse(String(data)).events) latenciesMs.push(at - event.data.t);
        }
        if (before < job.expected && before + events >= job.expected && ++complete === job.subscribers) {
          report();
        }
      });
    });

  const started = now();
  const inFlight = 100;
  for (let next = 0; next < job.subscribers; next += inFlight) {
    const batch = Array.from({ length: Math.min(inFlight, job.subscribers - next) }, (_, i) =>
      open(next + i),
    );
    await Promise.all(batch);
  }
  cpuAtReady = process.cpuUsage();
  send({ type: 'ready', connectMs: now() - started });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'report') report();
  });
}

function send(report: ClientsReport): void {
  process.send?.(report);
}

process.once('message', (job: ClientsJob) => {
  run(job).catch((error) => {
    console.error(`bench clients: ${(error as Error).message}`);
    process.exit(1);
  });
});
