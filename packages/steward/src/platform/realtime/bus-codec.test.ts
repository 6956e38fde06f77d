import { describe, expect, it } from 'vitest';
import { decodePayload, encodeLine, eventJson, fitsInPayload, packPayloads, refLine } from './bus-codec.ts';

describe('the NOTIFY payload codec', () => {
  it('round-trips events and stored references, keeping their order', () => {
    const json = eventJson('team:a', 12, 'team.updated', JSON.stringify({ note: 'two\nlines @ here' }));
    expect(JSON.parse(json)).toEqual({
      topic: 'team:a',
      seq: 12,
      type: 'team.updated',
      data: { note: 'two\nlines @ here' },
    });
    const payload = [encodeLine({ topic: 'team:a', seq: 12, json }), refLine('99')].join('\n');
    expect(decodePayload(payload)).toEqual([{ topic: 'team:a', seq: 12, json }, { ref: '99' }]);
  });

  it('packs lines into payloads under the limit, in order, counting bytes not characters', () => {
    const line = (n: number) => `${n} team:a ${'é'.repeat(30)}`; // 60 bytes of é
    const lines = Array.from({ length: 10 }, (_, i) => line(i));
    const payloads = packPayloads(lines, 200);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(200);
    expect(payloads.length).toBe(5); // 69 bytes a line: two fit (139), a third would not (209)
    expect(payloads.join('\n')).toBe(lines.join('\n'));
  });

  it('says a line of 8000 bytes does not fit a NOTIFY payload', () => {
    expect(fitsInPayload('x'.repeat(7_900))).toBe(true);
    expect(fitsInPayload('x'.repeat(8_000))).toBe(false);
  });

  it('refuses a line that is not an event', () => {
    expect(() => decodePayload('hello')).toThrow(/not a realtime event line/);
  });
});
