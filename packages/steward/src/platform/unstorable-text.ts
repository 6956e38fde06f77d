// Text PostgreSQL cannot store: U+0000, and lone surrogates (half of a UTF-16 pair: valid in a
// JavaScript string and as a JSON escape, never a character of UTF-8 text). Request edges and the
// catalog's reader both refuse it, each saying where it is.

/** The index of the first lone surrogate at or after `from`, or -1. */
export function nextLoneSurrogate(text: string, from = 0): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
    else return i;
  }
  return -1;
}

export interface UnstorableCharacter {
  /** UTF-16 index in the text. */
  index: number;
  /** What it is, for a message: "a NUL character (U+0000)". */
  name: string;
}

/** The first NUL or lone surrogate in `text`, or undefined when PostgreSQL can store it all. */
export function firstUnstorable(text: string): UnstorableCharacter | undefined {
  const nul = text.indexOf('\0');
  const surrogate = text.isWellFormed() ? -1 : nextLoneSurrogate(text);
  if (nul === -1 && surrogate === -1) return undefined;
  const index = nul === -1 || (surrogate !== -1 && surrogate < nul) ? surrogate : nul;
  return { index, name: characterName(text.charCodeAt(index)) };
}

function characterName(code: number): string {
  if (code === 0) return 'a NUL character (U+0000)';
  return `a lone surrogate (U+${code.toString(16).toUpperCase()}, half of a UTF-16 pair, not a character)`;
}
