import { describe, expect, it } from 'vitest';
import { firstUnstorable, nextLoneSurrogate } from './unstorable-text.ts';

describe('unstorable text', () => {
  it('finds lone surrogates, high or low, and steps over whole pairs', () => {
    expect(nextLoneSurrogate('a\ud83d\udd25b')).toBe(-1);
    expect(nextLoneSurrogate('\ud83d\udd25\ud83d')).toBe(2);
    expect(nextLoneSurrogate('\udd25\ud83d')).toBe(0);
    expect(nextLoneSurrogate('x\udd25y\ud83dz', 2)).toBe(3);
  });

  it('names the first NUL or lone surrogate, whichever comes first', () => {
    expect(firstUnstorable('plain é 🔥')).toBeUndefined();
    expect(firstUnstorable('ab\0c\ud800')).toEqual({ index: 2, name: 'a NUL character (U+0000)' });
    expect(firstUnstorable('a\udc00b\0')).toEqual({
      index: 1,
      name: 'a lone surrogate (U+DC00, half of a UTF-16 pair, not a character)',
    });
  });
});
