import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, fold } from './icalendar.ts';
import { renderCalendar } from './index.ts';

const at = (iso: string) => new Date(iso);
const feed = {
  name: 'Payments, primary; on-call',
  url: 'https://steward.example/api/v1/oncall/calendars/payments.ics?token=abc',
  stamp: at('2026-12-05T10:00:00Z'),
  events: [
    {
      uid: 'schedule:default/payments/2026-03-28T08:00:00Z@steward',
      summary: 'On call: alice (primary)',
      from: at('2026-03-28T08:00:00Z'),
      until: at('2026-03-29T07:00:00Z'),
      description: `Back\\slash; semi, comma\nsecond line — ${'long text with ünïcödé '.repeat(6)}`,
    },
    {
      uid: 'second',
      summary: 'Override: dave',
      from: at('2026-03-29T07:00:00Z'),
      until: at('2026-03-29T09:30:00Z'),
    },
  ],
};

describe('renderCalendar (RFC 5545)', () => {
  const text = renderCalendar(feed);

  it('ends every line with CRLF and folds none longer than 75 octets', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
  });

  it('writes the calendar header and UTC event times', () => {
    const lines = text.split('\r\n');
    expect(lines.slice(0, 3)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Steward//On-call//EN']);
    expect(lines).toContain('X-WR-CALNAME:Payments\\, primary\\; on-call');
    expect(lines).toContain('DTSTART:20260328T080000Z');
    expect(lines).toContain('DTEND:20260329T070000Z');
    expect(lines.filter((line) => line === 'DTSTAMP:20261205T100000Z')).toHaveLength(2);
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });

  it('reads back through ical.js with the same names, times and text', () => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    // ical.js keeps the values of properties it has no type for (X-WR-CALNAME, RFC 7986's NAME) raw,
    // showing the TEXT escapes that calendar apps undo; SUMMARY and DESCRIPTION below are unescaped.
    for (const name of ['name', 'x-wr-calname']) {
      expect(calendar.getFirstPropertyValue(name)).toBe('Payments\\, primary\\; on-call');
    }
    const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
    expect(events.map((event) => [event.uid, event.summary, event.description])).toEqual(
      feed.events.map((event) => [event.uid, event.summary, event.description ?? null]),
    );
    expect(events.map((event) => [event.startDate.toJSDate(), event.endDate.toJSDate()])).toEqual(
      feed.events.map((event) => [event.from, event.until]),
    );
    expect(events[0]?.startDate.zone?.tzid).toBe('UTC');
  });

  it('renders an empty calendar that still parses', () => {
    const empty = renderCalendar({ name: 'Nobody', events: [], stamp: feed.stamp });
    const calendar = new ICAL.Component(ICAL.parse(empty));
    expect(calendar.getAllSubcomponents('vevent')).toEqual([]);
    expect(empty).not.toContain('URL:');
  });
});

describe('TEXT escaping and folding', () => {
  it('escapes backslash, semicolon, comma and newlines, and drops other control characters', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\u0007g\th')).toBe('a\\\\b\\;c\\,d\\ne\\nfg\th');
  });

  it('never splits a multi-byte character and puts one space before each continuation', () => {
    const line = `SUMMARY:${'€'.repeat(40)}`; // 8 + 120 octets
    const folded = fold(line).split('\r\n');
    expect(folded.map((part) => Buffer.byteLength(part))).toEqual([74, 55]);
    expect(folded[1]?.startsWith(' ')).toBe(true);
    expect(folded.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(line);
  });
});
