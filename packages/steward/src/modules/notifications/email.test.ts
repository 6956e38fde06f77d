import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { settledDeliveries } from './delivery.test-support.ts';

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server in the process: it refuses mail to refuse.example with a permanent 550. */
async function startSmtp(): Promise<{ port: number; mails: Mail[]; close: () => Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@refuse.example')) {
        const error = Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Undoes quoted-printable (soft line breaks, =XX) and header folding, which mail uses for long lines. */
const unQuote = (text: string) =>
  text
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(Number.parseInt(hex, 16)));

describeEachEngine('notification email', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    steward = await startTestSteward(db(), {
      smtp: { url: `smtp://127.0.0.1:${smtp.port}`, from: 'Steward <steward@example.com>' },
      notificationDelivery: { maxAttempts: 3, initialBackoffMs: 50, timeoutMs: 2000 },
    });
    org = await seedOrg(steward);
  });
  afterAll(async () => {
    await steward?.close();
    await smtp?.close();
  });

  const addEmail = async (handle: string, address: string) => {
    const response = await steward.call('POST', `/api/v1/users/${handle}/contact-methods`, {
      token: org.tokens.admin,
      body: { type: 'email', address },
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  const notify = (alertId: string, person: string) =>
    steward.assembled.notifications.notify({
      person,
      urgency: 'low',
      level: 1,
      alert: {
        id: alertId,
        status: 'firing',
        service: 'component:default/search-api',
        team: 'group:default/search',
        summary: 'Search latency p99 above 2s',
        labels: { alertname: 'SearchSlow' },
      },
      links: {
        acknowledge: `https://steward.example/alerts/${alertId}/acknowledge?token=abc`,
        resolve: `https://steward.example/alerts/${alertId}/resolve?token=abc`,
      },
      idempotencyKey: `${alertId}:1`,
    });

  it('sends an email with the subject, both links in text and HTML, to the address', async () => {
    await addEmail('otto', 'otto@example.com');
    expect(await notify('e-1', 'otto')).toEqual({ queued: 1 });
    const [delivery] = await settledDeliveries(steward.assembled.notifications, 'e-1', 1);
    expect(delivery).toMatchObject({ state: 'sent', attempts: 1 });
    const mail = smtp.mails.find((m) => m.to.includes('otto@example.com'));
    expect(mail?.from).toBe('steward@example.com');
    const raw = unQuote(mail?.raw ?? '');
    expect(raw).toMatch(/^Subject: \[Steward\] Search latency p99 above 2s\r?$/m);
    expect(raw).toContain('Content-Type: text/plain');
    expect(raw).toContain('Content-Type: text/html');
    expect(raw).toContain('Acknowledge: https://steward.example/alerts/e-1/acknowledge?token=abc');
    expect(raw).toContain('Resolve: https://steward.example/alerts/e-1/resolve?token=abc');
    expect(raw).toContain(
      '<a href="https://steward.example/alerts/e-1/acknowledge?token=abc">Acknowledge</a>',
    );
    expect(raw).toContain('<a href="https://steward.example/alerts/e-1/resolve?token=abc">Resolve</a>');
  });

  it('a shift notice goes by email by default, saying when', async () => {
    const queued = await steward.assembled.notifications.notifyShift({
      person: 'user:default/otto',
      shift: {
        schedule: 'schedule:default/search-weekly',
        policy: null,
        level: 2,
        from: '2026-12-07T08:00:00.000Z',
        until: '2026-12-14T08:00:00.000Z',
      },
      idempotencyKey: 'shift:search-weekly:otto:2026-12-07',
    });
    expect(queued).toEqual({ queued: 1 });
    for (let i = 0; i < 200; i++) {
      if (smtp.mails.some((m) => m.raw.includes('On call from'))) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const mail = smtp.mails.find((m) => m.raw.includes('On call from'));
    expect(mail?.to).toEqual(['otto@example.com']);
    const raw = unQuote(mail?.raw ?? '');
    expect(raw).toMatch(
      /^Subject: \[Steward\] On call from 2026-12-07T08:00:00.000Z: schedule:default\/search-weekly/m,
    );
    expect(raw).toContain(
      'user:default/otto is on call for schedule:default/search-weekly (level 2) from 2026-12-07T08:00:00.000Z until 2026-12-14T08:00:00.000Z',
    );
  });

  it('a permanent SMTP refusal (550) is dead at once, with the reason', async () => {
    await addEmail('noah', 'noah@refuse.example');
    await notify('e-2', 'noah');
    const [delivery] = await settledDeliveries(steward.assembled.notifications, 'e-2', 1);
    expect(delivery).toMatchObject({ state: 'dead', attempts: 1 });
    expect(delivery?.lastError).toMatch(/SMTP to noah@refuse.example failed: .*550/);
  });

  it('a test send goes out at once and says what the server answered', async () => {
    const id = await addEmail('sam', 'sam@example.com');
    const response = await steward.call('POST', `/api/v1/users/sam/contact-methods/${id}/test`, {
      token: org.tokens.loner,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ sent: true });
    expect(response.json().detail).toMatch(/SMTP accepted it for sam@example.com: 250/);
    const mail = smtp.mails.find((m) => m.to.includes('sam@example.com'));
    expect(unQuote(mail?.raw ?? '')).toContain('Subject: [Steward] Test notification for sam from Steward');
  });
});
