import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSenders } from './index.ts';
import type { AlertMessage } from './message.ts';

const message: AlertMessage = {
  alert: { id: 'x', status: 'firing', service: null, team: null, summary: 'Disk full', labels: {} },
  person: 'user:default/alice',
  level: 1,
  links: { acknowledge: 'https://s.example/a', resolve: 'https://s.example/r' },
  idempotencyKey: 'k:1',
};

describe('outbound requests', () => {
  let server: Server;
  let base: string;
  let requests = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests++;
      if (request.url?.startsWith('/hang')) return; // never answers
      if (request.url?.startsWith('/moved')) {
        response.writeHead(302, { location: 'file:///etc/passwd' }).end();
        return;
      }
      response.writeHead(200).end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const senders = createSenders({ timeoutMs: 300 });
  const webhook = (address: string) => senders.send({ type: 'webhook', address }, message);

  it('gives up on a request that gets no answer within the timeout, and retries it later', async () => {
    const started = Date.now();
    const outcome = await webhook(`${base}/hang/secret-path-abcd`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(outcome).toEqual({
      kind: 'failed',
      reason: `POST ${base}/…abcd failed: no answer within 300 ms`,
      retryable: true,
    });
  });

  it('does not follow redirects, and says so without retrying', async () => {
    const before = requests;
    const outcome = await webhook(`${base}/moved/secret`);
    expect(requests - before).toBe(1);
    expect(outcome).toMatchObject({ kind: 'failed', retryable: false });
    expect(outcome.kind === 'failed' && outcome.reason).toMatch(
      /answered 302, a redirect, which Steward does not follow/,
    );
  });

  it('sends nothing to a scheme other than http(s)', async () => {
    expect(await webhook('file:///etc/passwd')).toEqual({
      kind: 'failed',
      reason: 'not sent: the scheme file: is not allowed',
      retryable: false,
    });
  });

  it('names a refused connection without the URL path', async () => {
    const closed = createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const outcome = await webhook(`http://127.0.0.1:${port}/hooks/very-secret-path`);
    expect(outcome).toMatchObject({ kind: 'failed', retryable: true });
    expect(outcome.kind === 'failed' && outcome.reason).toMatch(/ECONNREFUSED/);
    expect(JSON.stringify(outcome)).not.toContain('very-secret');
  });
});
