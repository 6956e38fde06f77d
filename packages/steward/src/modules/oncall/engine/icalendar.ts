// RFC 5545 calendar feeds: team and personal on-call shifts as VEVENTs that calendar apps subscribe to.
// Times are UTC ("Z") so no VTIMEZONE is needed; text is escaped and lines folded at 75 octets, CRLF.

export interface CalendarEvent {
  /** Stable across renders, so a subscribing app updates the event instead of duplicating it. */
  uid: string;
  summary: string;
  from: Date;
  until: Date;
  description?: string;
}

export interface CalendarFeed {
  name: string;
  url?: string;
  events: readonly CalendarEvent[];
  /** DTSTAMP of every event: when this copy was made (now unless given, e.g. by tests). */
  stamp?: Date;
}

/** How often subscribers should refetch: shifts change when overrides are added. */
const refreshInterval = 'PT15M';

export function renderCalendar(feed: CalendarFeed): string {
  const stamp = utc(feed.stamp ?? new Date());
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Steward//On-call//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(feed.name)}`,
    `X-WR-CALNAME:${escapeText(feed.name)}`,
    ...(feed.url ? [`URL:${uriValue(feed.url)}`, `SOURCE;VALUE=URI:${uriValue(feed.url)}`] : []),
    `REFRESH-INTERVAL;VALUE=DURATION:${refreshInterval}`,
    `X-PUBLISHED-TTL:${refreshInterval}`,
  ];
  for (const event of feed.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(event.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${utc(event.from)}`,
      `DTEND:${utc(event.until)}`,
      `SUMMARY:${escapeText(event.summary)}`,
      ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/** TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped; other control
 *  characters, which TEXT may not hold, dropped. */
export function escapeText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
  );
}

/** A URI value is not escaped, but a line break in it would end the property early. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const uriValue = (url: string) => url.replace(/[\u0000-\u001f\u007f]/g, '');

/** 20260329T010000Z: the UTC form of DATE-TIME (RFC 5545 §3.3.5, FORM #2). */
function utc(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}/, '')
    .replace(/[-:]/g, '');
}

/** Folds a content line so no physical line exceeds 75 octets (§3.1), never splitting a UTF-8
 *  character; each continuation starts with one space, which counts toward its 75. */
export function fold(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
