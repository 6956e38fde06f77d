// Password guessing as an attacker would do it: many wrong passwords at once, against one server or
// spread over two servers on one database. The count of passwords really checked (the slow scrypt
// work an attacker wants) comes from wrapping the check itself.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuditEntry } from '../../platform/audit/schemas.ts';
import { type Database, openDatabase } from '../../platform/db/database.ts';
import { describeEachEngine } from '../../server/test-engines.ts';
import {
  miaPassword,
  type SeededOrg,
  seedOrg,
  startTestSteward,
  type TestSteward,
} from '../../server/test-steward.ts';
import type { PasswordCheck } from './index.ts';

describeEachEngine('sign-in under attack', ({ db, url }) => {
  let one: TestSteward;
  let two: TestSteward;
  let second: Database;
  let org: SeededOrg;
  let checked = 0;
  const counting = (check: PasswordCheck): PasswordCheck => ({
    name: check.name,
    async verifyCredentials(credentials) {
      checked++;
      return check.verifyCredentials(credentials);
    },
  });

  beforeAll(async () => {
    // On PostgreSQL the second server has connections of its own, as another process would.
    const postgresUrl = url();
    second = postgresUrl ? await openDatabase({ url: postgresUrl, poolSize: 5 }) : db();
    one = await startTestSteward(db(), { wrapPasswordCheck: counting });
    two = await startTestSteward(second, { wrapPasswordCheck: counting });
    org = await seedOrg(one);
    const admin = { token: org.tokens.admin };
    await one.call('PATCH', '/api/v1/users/sam', { ...admin, body: { password: 'sam real passphrase' } });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    if (second !== db()) await second?.close();
  });

  const signIn = (steward: TestSteward, handle: string, password: string, from: string) =>
    steward.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: from,
      payload: { handle, password },
    });
  const statuses = (answers: LightMyRequestResponse[]) => {
    const counts: Record<number, number> = {};
    for (const a of answers) counts[a.statusCode] = (counts[a.statusCode] ?? 0) + 1;
    return counts;
  };

  it('checks at most 10 of 500 parallel wrong passwords; the rest get 429 with Retry-After', async () => {
    checked = 0;
    const answers = await Promise.all(
      Array.from({ length: 500 }, (_, i) => signIn(one, 'mia', `guess ${i}`, '203.0.113.7')),
    );
    expect(checked).toBe(10);
    expect(statuses(answers)).toEqual({ 401: 10, 429: 490 });
    for (const answer of answers.filter((a) => a.statusCode === 429)) {
      const retryAfter = Number(answer.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(answer.json().detail).toMatch(
        /^too many failed sign-ins for mia from 203\.0\.113\.7; try again in 15 minutes/,
      );
    }
  });

  it('still lets the owner in from another address, and keeps the attacker out even with the right password', async () => {
    expect((await signIn(one, 'mia', miaPassword, '198.51.100.20')).statusCode).toBe(200);
    expect((await signIn(one, 'mia', miaPassword, '203.0.113.7')).statusCode).toBe(429);
  });

  it('audits each checked failure with the address, once the budget is spent naming until when', async () => {
    // Sign-ins are for admins (and the person) to read.
    const audit = await one.call('GET', '/api/v1/audit?limit=100&subjectType=user', {
      token: org.tokens.adminRead,
    });
    const entries = (audit.json().items as AuditEntry[]).filter(
      (e) => e.subjectId === 'mia' && e.action.startsWith('auth.'),
    );
    const failed = entries.filter((e) => e.action === 'auth.sign-in-failed');
    expect(failed).toHaveLength(10);
    for (const entry of failed) {
      expect(entry).toMatchObject({
        actor: 'anonymous',
        after: { method: 'password', address: '203.0.113.7', outcome: 'wrong password' },
      });
    }
    const filling = failed.filter((e) => (e.after as { refusedUntil?: unknown }).refusedUntil);
    expect(filling).toHaveLength(1);
    expect((filling[0]?.after as { refusedUntil?: unknown } | undefined)?.refusedUntil).toEqual([
      { budget: 'this handle from this address', until: expect.stringMatching(/^\d{4}-/) },
    ]);
    expect(entries.find((e) => e.action === 'auth.sign-in')).toMatchObject({
      actor: 'mia',
      after: { method: 'password', address: '198.51.100.20', outcome: 'signed in' },
    });
    expect(JSON.stringify(audit.json())).not.toContain('guess ');
  });

  it('shares one count between two servers on the same database', async () => {
    checked = 0;
    const answers = await Promise.all(
      Array.from({ length: 400 }, (_, i) =>
        signIn(i % 2 === 0 ? one : two, 'sam', `guess ${i}`, '2001:db8:7:7::1'),
      ),
    );
    expect(checked).toBe(10);
    expect(statuses(answers)).toEqual({ 401: 10, 429: 390 });
    // Another address in the same IPv6 /64 is the same client.
    expect((await signIn(two, 'sam', 'sam real passphrase', '2001:db8:7:7::beef')).statusCode).toBe(429);
    expect((await signIn(two, 'sam', 'sam real passphrase', '2001:db8:7:8::1')).statusCode).toBe(200);
  });
});
