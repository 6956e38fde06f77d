import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import {
  type AuditEntryRecord,
  type AuditQuery,
  type AuditTables,
  listAuditEntries,
  recordAudit,
} from './audit-log.ts';

describeEachEngine('audit log', ({ db }) => {
  const kysely = () => db().kysely<AuditTables>();

  it('records entries in the caller transaction and lists them newest first', async () => {
    await kysely()
      .transaction()
      .execute(async (trx) => {
        await recordAudit(trx, {
          actor: 'ada',
          action: 'team.update',
          subjectType: 'team',
          subjectId: 'payments',
          before: { displayName: 'Payments', tags: ['a', 'b'] },
          after: { displayName: 'Payments & Billing', tags: ['a'] },
        });
        await recordAudit(trx, {
          actor: 'system:demo',
          action: 'user.create',
          subjectType: 'user',
          subjectId: 'bo',
          after: { handle: 'bo' },
        });
      });
    const entries = await listAuditEntries(kysely(), { limit: 10 });
    expect(entries.map((e) => e.action)).toEqual(['user.create', 'team.update']);
    expect(entries[1]).toMatchObject({
      actor: 'ada',
      subjectType: 'team',
      subjectId: 'payments',
      before: { displayName: 'Payments', tags: ['a', 'b'] },
      after: { displayName: 'Payments & Billing', tags: ['a'] },
    });
    expect(entries[0]?.before).toBeNull();
    expect(entries[0]?.at).toBeInstanceOf(Date);
    expect(entries[0]?.id).toMatch(/^\d+$/);
  });

  it('writes nothing when the change it belongs to rolls back', async () => {
    const before = (await listAuditEntries(kysely(), { limit: 500 })).length;
    await expect(
      kysely()
        .transaction()
        .execute(async (trx) => {
          await recordAudit(trx, {
            actor: 'ada',
            action: 'team.create',
            subjectType: 'team',
            subjectId: 'x',
            after: {},
          });
          throw new Error('the change failed');
        }),
    ).rejects.toThrow('the change failed');
    expect((await listAuditEntries(kysely(), { limit: 500 })).length).toBe(before);
  });

  it('never stores a secret, even when a snapshot carries one by mistake', async () => {
    await recordAudit(kysely(), {
      actor: 'ada',
      action: 'user.update',
      subjectType: 'user',
      subjectId: 'leaky',
      after: {
        handle: 'leaky',
        password: 'hunter2hunter2',
        passwordHash: 'scrypt$1',
        nested: { secret: 'stw_abc', tokenHash: 'ff' },
      },
    });
    const [entry] = await listAuditEntries(kysely(), { limit: 1 });
    const text = JSON.stringify(entry?.after);
    for (const secret of ['hunter2hunter2', 'scrypt$1', 'stw_abc', '"ff"'])
      expect(text).not.toContain(secret);
    expect(entry?.after).toMatchObject({
      handle: 'leaky',
      password: '[redacted]',
      nested: { secret: '[redacted]' },
    });
  });

  it('filters by actor and subject type and pages backwards', async () => {
    const all = await listAuditEntries(kysely(), { limit: 500 });
    const byAda = await listAuditEntries(kysely(), { limit: 500, actor: 'ada' });
    expect(byAda.length).toBe(all.filter((e) => e.actor === 'ada').length);
    expect(byAda.every((e) => e.actor === 'ada')).toBe(true);
    const users = await listAuditEntries(kysely(), { limit: 500, subjectType: 'user' });
    expect(users.map((e) => e.subjectId).sort()).toEqual(['bo', 'leaky']);
    const first = await listAuditEntries(kysely(), { limit: 1 });
    const next = await listAuditEntries(kysely(), { limit: 500, before: first[0]?.id });
    expect(next.map((e) => e.id)).toEqual(all.slice(1).map((e) => e.id));
    await expect(listAuditEntries(kysely(), { limit: 1, before: 'abc' })).rejects.toThrow(
      /querystring.before/,
    );
  });

  it('filters by action, subject and time range, each on its own and together', async () => {
    await recordAudit(kysely(), {
      actor: 'ada',
      action: 'team.delete',
      subjectType: 'team',
      subjectId: 'payments',
      before: { name: 'payments' },
    });
    const all = await listAuditEntries(kysely(), { limit: 500 });
    const list = (filters: Partial<AuditQuery>) => listAuditEntries(kysely(), { limit: 500, ...filters });
    expect((await list({ action: 'team.update' })).map((e) => e.subjectId)).toEqual(['payments']);
    expect((await list({ subjectId: 'payments' })).map((e) => e.action)).toEqual([
      'team.delete',
      'team.update',
    ]);
    expect((await list({ action: 'team.delete', subjectType: 'team', subjectId: 'payments' })).length).toBe(
      1,
    );
    expect(await list({ action: 'team.delete', subjectId: 'bo' })).toEqual([]);

    // The newest entry's time splits the log: since takes it and what shares its time, until the rest.
    const newest = all[0]?.at as Date;
    const at = (e: AuditEntryRecord) => e.at.getTime();
    const since = await list({ since: newest.toISOString() });
    expect(since.map((e) => e.id)).toEqual(all.filter((e) => at(e) >= newest.getTime()).map((e) => e.id));
    expect(since.map((e) => e.id)).toContain(all[0]?.id);
    const until = await list({ until: newest.toISOString() });
    expect(until.map((e) => e.id)).toEqual(all.filter((e) => at(e) < newest.getTime()).map((e) => e.id));
    const later = new Date(newest.getTime() + 60_000).toISOString();
    expect(await list({ since: later })).toEqual([]);
    const earlier = new Date(newest.getTime() - 3_600_000).toISOString();
    expect((await list({ since: earlier, until: later })).length).toBe(all.length);
  });

  it('refuses a time that is not a time, and a range that ends before it starts', async () => {
    const list = (filters: Partial<AuditQuery>) => listAuditEntries(kysely(), { limit: 1, ...filters });
    await expect(list({ since: 'yesterday' })).rejects.toThrow(
      /querystring.since must be a time in ISO 8601/,
    );
    await expect(list({ since: '2026-02-01T00:00:00Z', until: '2026-01-01T00:00:00Z' })).rejects.toThrow(
      /querystring.since .* must be before querystring.until/,
    );
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const count = async () =>
      Number((await sql<{ n: string }>`select count(*) as n from audit_log`.execute(kysely())).rows[0]?.n);
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await expect(sql`update audit_log set actor = 'mallory'`.execute(kysely())).rejects.toThrow(
      /the audit log is append-only: UPDATE is not allowed/,
    );
    await expect(sql`delete from audit_log`.execute(kysely())).rejects.toThrow(
      /the audit log is append-only: DELETE is not allowed/,
    );
    await expect(sql`truncate audit_log`.execute(kysely())).rejects.toThrow(
      /the audit log is append-only: TRUNCATE is not allowed/,
    );
    expect(await count()).toBe(before);
    const actors = await sql<{ actor: string }>`select distinct actor from audit_log`.execute(kysely());
    expect(actors.rows.map((r) => r.actor)).not.toContain('mallory');
  });
});
