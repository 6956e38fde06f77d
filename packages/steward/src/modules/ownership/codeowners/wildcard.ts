// Segment globs with `*`, `?`, bracket classes and escapes, matched without backtracking. A V8 RegExp
// for `a*a*a*…b` tries every way of splitting the text between the stars: exponential in the stars,
// and a CODEOWNERS line is anyone's to write. Here every atom but `*` takes exactly one UTF-16 unit,
// so the classic two-pointer walk is exact: on a mismatch, only the last `*` passed needs to take one
// unit more (an earlier one could only take what the last one can). At worst text × glob steps.

export const STAR = 0;
export const UNIT = 1;
/** `?`: any one unit (a segment holds no `/`). */
export const ANY_UNIT = 2;
export const CLASS = 3;

export interface GlobAtom {
  kind: number;
  /** UNIT: the UTF-16 unit it must be. */
  unit: number;
  /** CLASS: inclusive ranges of units, [lo, hi, lo, hi, …]; a reversed range holds nothing. */
  ranges: number[] | null;
  negate: boolean;
}

export const starAtom: GlobAtom = { kind: STAR, unit: 0, ranges: null, negate: false };
export const anyUnitAtom: GlobAtom = { kind: ANY_UNIT, unit: 0, ranges: null, negate: false };

export function unitAtom(unit: number): GlobAtom {
  return { kind: UNIT, unit, ranges: null, negate: false };
}

/** Whether the whole text matches the atoms. */
export function matchAtoms(atoms: readonly GlobAtom[], text: string): boolean {
  const count = atoms.length;
  const length = text.length;
  let a = 0;
  let t = 0;
  let lastStar = -1;
  let starFrom = 0;
  while (t < length) {
    const atom = atoms[a];
    const kind = atom === undefined ? -1 : atom.kind;
    if (kind === STAR) {
      lastStar = a++;
      starFrom = t;
    } else if (
      kind === ANY_UNIT ||
      (kind === UNIT && (atom as GlobAtom).unit === text.charCodeAt(t)) ||
      (kind === CLASS && inClass(atom as GlobAtom, text.charCodeAt(t)))
    ) {
      a++;
      t++;
    } else if (lastStar >= 0) {
      a = lastStar + 1;
      t = ++starFrom;
    } else {
      return false;
    }
  }
  while (a < count && (atoms[a] as GlobAtom).kind === STAR) a++;
  return a === count;
}

function inClass(atom: GlobAtom, unit: number): boolean {
  const ranges = atom.ranges as number[];
  let inside = false;
  for (let i = 0; i < ranges.length && !inside; i += 2) {
    inside = (ranges[i] as number) <= unit && unit <= (ranges[i + 1] as number);
  }
  return inside !== atom.negate;
}

/**
 * Star-separated literals (`head*m1*m2*tail`): each middle piece at its leftmost place after the one
 * before. Leftmost is never worse, as a `*` follows every piece; so no placement is ever revisited.
 */
export function matchPieces(head: string, middle: readonly string[], tail: string, text: string): boolean {
  const end = text.length - tail.length;
  if (end < head.length || !text.startsWith(head) || !text.endsWith(tail)) return false;
  let at = head.length;
  for (const piece of middle) {
    const found = text.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

const dash = -1;

/**
 * A POSIX bracket expression as Ruby's fnmatch reads it, from the `[` at `start`: `[abc]`, `[a-z]`,
 * `[!x]` / `[^x]`, `]` first taken literally, `\x` for x. Null when it never closes (then `[` is literal).
 */
export function parseBracket(glob: string, start: number): { atom: GlobAtom; end: number } | null {
  let i = start + 1;
  let negate = false;
  if (glob[i] === '!' || glob[i] === '^') {
    negate = true;
    i++;
  }
  // Units, and `dash` for an unescaped `-` between two of them: a range.
  const items: number[] = [];
  let first = true;
  while (i < glob.length && (glob[i] !== ']' || first)) {
    const escaped = glob[i] === '\\' && i + 1 < glob.length;
    if (escaped) i++;
    const isRange = !escaped && glob[i] === '-' && !first && glob[i + 1] !== ']';
    items.push(isRange ? dash : glob.charCodeAt(i));
    first = false;
    i++;
  }
  if (i >= glob.length) return null;
  const ranges: number[] = [];
  let k = 0;
  while (k < items.length) {
    const low = unitOf(items[k] as number);
    if (items[k + 1] === dash && k + 2 < items.length) {
      ranges.push(low, unitOf(items[k + 2] as number));
      k += 3;
    } else {
      ranges.push(low, low);
      k++;
    }
  }
  return { atom: { kind: CLASS, unit: 0, ranges, negate }, end: i + 1 };
}

function unitOf(item: number): number {
  return item === dash ? 45 : item;
}
