// For delivery tests: a real HTTP server that records what it receives and answers from a script,
// and a wait for an alert's deliveries to finish.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NotificationsService } from './index.ts';
import type { DeliveryView } from './schemas.ts';

export interface Received {
  path: string;
  method: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Answers for a path, in order; the last one repeats. Unscripted paths answer 200. */
  script(path: string, ...answers: { status: number; body?: string }[]): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const scripts = new Map<string, { status: number; body?: string }[]>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const path = request.url ?? '';
      received.push({
        path,
        method: request.method ?? '',
        headers: request.headers,
        body: text ? JSON.parse(text) : null,
      });
      const answers = scripts.get(path) ?? [];
      const answer = (answers.length > 1 ? answers.shift() : answers[0]) ?? { status: 200 };
      response.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body ?? 'ok');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    script: (path, ...answers) => scripts.set(path, answers),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const finished = new Set(['sent', 'dead', 'skipped', 'cancelled']);

/** Waits until the alert has `count` deliveries and all of them finished; answers them. */
export async function settledDeliveries(
  notifications: NotificationsService,
  alertId: string,
  count: number,
): Promise<DeliveryView[]> {
  let last: DeliveryView[] = [];
  for (let i = 0; i < 400; i++) {
    last = await notifications.deliveries(alertId);
    if (last.length === count && last.every((d) => finished.has(d.state))) return last;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`deliveries of ${alertId} did not settle in 10 s: ${JSON.stringify(last)}`);
}
