// The order in which Go's gopkg.in/yaml.v2 writes a map's keys (Sloth's labels and annotations):
// not plain string order but a "natural" one, where runs of digits compare as numbers and anything
// that is not a letter sorts before letters ("a_b" before "ab", "k2" before "k10").

const letter = /\p{L}/u;
const digit = /\p{Nd}/u;

export function yamlV2KeyOrder(a: string, b: string): number {
  if (a === b) return 0;
  return yamlV2Less(a, b) ? -1 : 1;
}

function yamlV2Less(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const x = ar[i] as string;
    const y = br[i] as string;
    if (x === y) continue;
    const xl = letter.test(x);
    const yl = letter.test(y);
    if (xl && yl) return codeOf(x) < codeOf(y);
    if (xl || yl) return yl;
    return digitsLess(ar, br, i);
  }
  return ar.length < br.length;
}

/** At the first difference, neither rune a letter: compare the digit runs starting there as numbers. */
function digitsLess(ar: string[], br: string[], i: number): boolean {
  let an = 0;
  let bn = 0;
  // A run that started before i with a non-zero digit makes leading zeros at i significant.
  if (ar[i] === '0' || br[i] === '0') {
    for (let j = i - 1; j >= 0 && digit.test(ar[j] as string); j--) {
      if (ar[j] !== '0') {
        an = 1;
        bn = 1;
        break;
      }
    }
  }
  let ai = i;
  for (; ai < ar.length && digit.test(ar[ai] as string); ai++) an = an * 10 + digitValue(ar[ai] as string);
  let bi = i;
  for (; bi < br.length && digit.test(br[bi] as string); bi++) bn = bn * 10 + digitValue(br[bi] as string);
  if (an !== bn) return an < bn;
  if (ai !== bi) return ai < bi;
  return codeOf(ar[i] as string) < codeOf(br[i] as string);
}

const codeOf = (char: string) => char.codePointAt(0) as number;
// Go subtracts '0' from the rune; for ASCII digits (the only ones in label names) that is the value.
const digitValue = (char: string) => codeOf(char) - 48;
