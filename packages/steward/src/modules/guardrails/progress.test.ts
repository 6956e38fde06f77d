// The progress line: nothing for a quick scan, rewritten in place on a terminal at most five times a
// second, and at most one line every five seconds in a log.
import { describe, expect, it } from 'vitest';
import { progressLine } from './progress.ts';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return {
    written,
    stream: { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream,
  };
}

describe('progress line', () => {
  it('says nothing in the first second', () => {
    let now = 0;
    const out = stream(true);
    const progress = progressLine(out.stream, 'reading', () => now);
    for (now = 0; now < 1000; now += 50) progress.tick(now, 5000);
    progress.end();
    expect(out.written).toEqual([]);
  });

  it('rewrites one line on a terminal, and clears it at the end', () => {
    let now = 0;
    const out = stream(true);
    const progress = progressLine(out.stream, 'reading', () => now);
    for (now = 0; now <= 2000; now += 50) progress.tick(now / 10, 500);
    progress.end();
    // From 1 s to 2 s at most one update every 200 ms: six, then the clearing.
    expect(out.written.length - 1).toBeLessThanOrEqual(6);
    expect(out.written[0]).toMatch(/^\rreading: \d+\/500 files$/);
    expect(out.written.at(-1)).toBe('\r\u001b[K');
  });

  it('writes whole lines, rarely, when stderr is not a terminal', () => {
    let now = 0;
    const out = stream(false);
    const progress = progressLine(out.stream, 'reading', () => now);
    for (now = 0; now <= 12_000; now += 100) progress.tick(now, 12_000);
    progress.end();
    expect(out.written).toEqual(['reading: 5000/12000 files\n', 'reading: 10000/12000 files\n']);
  });
});
