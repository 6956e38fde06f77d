// Calendar feeds: created by a signed-in person, read with no bearer (the token in the URL is the
// credential; any other token is 404), RFC 5545 text whose events are the schedule's shifts, revoked.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { seedOncall } from './oncall.test-support.ts';

/** The VEVENTs of a calendar, folded lines joined back, as property maps. */
function eventsOf(text: string): Record<string, string>[] {
  const lines = text.split('\r\n').reduce<string[]>((all, line) => {
    if (line.startsWith(' ') && all.length > 0) all[all.length - 1] += line.slice(1);
    else all.push(line);
    return all;
  }, []);
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT' && current) {
      events.push(current);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      current[line.slice(0, colon).split(';')[0] as string] = line.slice(colon + 1);
    }
  }
  return events;
}

const icsTime = (text: string) =>
  new Date(text.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));

describeEachEngine('calendar feeds', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;

  beforeAll(async () => {
    steward = await startTestSteward(db());
    org = await seedOrg(steward);
    await seedOncall(steward);
  });
  afterAll(async () => {
    await steward?.close();
  });

  it("serves a schedule's shifts as text/calendar to whoever holds the URL, and 404 to anyone else", async () => {
    const created = await steward.call('POST', '/api/v1/calendar-feeds', {
      token: org.tokens.teammate,
      body: { schedule: 'payments-primary' },
      headers: { host: 'steward.acme.example' },
    });
    expect(created.statusCode).toBe(201);
    const { url, id, schedule } = created.json();
    expect(schedule).toBe('schedule:default/payments-primary');
    expect(url).toMatch(/^http:\/\/steward\.acme\.example\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const path = new URL(url).pathname;

    const feed = await steward.call('GET', path);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    expect(feed.body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    const events = eventsOf(feed.body);
    // Weekly shifts from a week back to twelve weeks ahead: about 14, each a week, mia and noah in turn.
    expect(events.length).toBeGreaterThanOrEqual(13);
    expect(events.length).toBeLessThanOrEqual(15);
    for (const event of events) {
      expect(event.SUMMARY).toMatch(/^On call: (mia|noah) \(payments-primary\)$/);
      expect(event.UID).toBeTruthy();
    }
    const inner = events.slice(1, -1);
    for (const event of inner) {
      const hours =
        (icsTime(event.DTEND as string).getTime() - icsTime(event.DTSTART as string).getTime()) / 3600_000;
      // A week in Berlin: 168 hours, or 167/169 across a daylight-saving change.
      expect([167, 168, 169]).toContain(hours);
    }

    // The token is the credential: any other one, or none, finds nothing.
    expect((await steward.call('GET', path.replace(/[A-Za-z0-9_-]{43}/, 'x'.repeat(43)))).statusCode).toBe(
      404,
    );
    expect((await steward.call('GET', path.replace('.ics', ''))).statusCode).toBe(404);

    // The audit log names the feed, never its token.
    const audit = await steward.call('GET', '/api/v1/audit?action=calendar-feed.create', {
      token: org.tokens.admin,
    });
    const token = path.split('/').pop()?.replace('.ics', '') as string;
    expect(audit.body).toContain(id);
    expect(audit.body).not.toContain(token);

    // Listed to its creator without its URL; not to others, who may not revoke it either.
    const mine = await steward.call('GET', '/api/v1/calendar-feeds', { token: org.tokens.teammate });
    expect(mine.json().items).toEqual([
      { id, schedule: 'schedule:default/payments-primary', user: null, createdBy: 'noah' },
    ]);
    expect(mine.body).not.toContain(token);
    expect(
      (await steward.call('GET', '/api/v1/calendar-feeds', { token: org.tokens.loner })).json().items,
    ).toEqual([]);
    expect(
      (await steward.call('DELETE', `/api/v1/calendar-feeds/${id}`, { token: org.tokens.loner })).statusCode,
    ).toBe(403);

    const revoked = await steward.call('DELETE', `/api/v1/calendar-feeds/${id}`, {
      token: org.tokens.teammate,
    });
    expect(revoked.statusCode).toBe(200);
    const gone = await steward.call('GET', path);
    expect(gone.statusCode).toBe(404);
    // The revoked token was a credential all the same: the answer does not repeat it.
    expect(gone.body).not.toContain(path.split('/').at(-1)?.replace('.ics', ''));
    expect(gone.json().instance).toBe('/api/v1/calendar-feeds/:file');
  });

  it("lets a person have a feed of their own shifts, not someone else's (admins: anyone's)", async () => {
    const own = await steward.call('POST', '/api/v1/calendar-feeds', {
      token: org.tokens.member,
      body: { user: 'mia' },
    });
    expect(own.statusCode).toBe(201);
    const events = eventsOf((await steward.call('GET', new URL(own.json().url).pathname)).body);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.SUMMARY?.startsWith('On call: mia'))).toBe(true);
    const others = await steward.call('POST', '/api/v1/calendar-feeds', {
      token: org.tokens.member,
      body: { user: 'noah' },
    });
    expect(others.statusCode).toBe(403);
    const admin = await steward.call('POST', '/api/v1/calendar-feeds', {
      token: org.tokens.admin,
      body: { user: 'noah' },
    });
    expect(admin.statusCode).toBe(201);
    const unknown = await steward.call('POST', '/api/v1/calendar-feeds', {
      token: org.tokens.member,
      body: { schedule: 'nope' },
    });
    expect(unknown.statusCode).toBe(404);
  });
});
