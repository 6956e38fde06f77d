import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type AuditTables, listAuditEntries, recordAudit } from './audit-log.ts';

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
