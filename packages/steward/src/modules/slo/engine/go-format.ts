// Numbers and strings printed the way Go prints them, so generated rules match Sloth's byte for byte.
// JavaScript numbers are IEEE-754 doubles like Go's float64 and give the same shortest round-trip
// digits; only the layout differs (Go's %g switches to exponents at 1e-5 and 1e6, JavaScript's not).

interface Digits {
  /** Shortest round-trip significant digits, no leading or trailing zeros ("9990000000000001"). */
  digits: string;
  /** Decimal exponent of the first digit (0.999 → -1). */
  exponent: number;
  negative: boolean;
}

function shortestDigits(value: number): Digits {
  const [mantissa = '0', exp = '0'] = Math.abs(value).toExponential().split('e');
  return {
    digits: mantissa.replace('.', ''),
    exponent: Number(exp),
    negative: value < 0 || Object.is(value, -0),
  };
}

function special(value: number): string | undefined {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return undefined;
}

/** Go's `%g` / `%v` of a float64 (`strconv.FormatFloat(v, 'g', -1, 64)`). */
export function goG(value: number): string {
  const text = special(value);
  if (text) return text;
  const { digits, exponent, negative } = shortestDigits(value);
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 6) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${mantissa}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return sign + fixed(digits, exponent);
}

/** Go's `strconv.FormatFloat(v, 'f', -1, 64)`: shortest digits, never an exponent. */
export function goF(value: number): string {
  const text = special(value);
  if (text) return text;
  const { digits, exponent, negative } = shortestDigits(value);
  return (negative ? '-' : '') + fixed(digits, exponent);
}

function fixed(digits: string, exponent: number): string {
  if (digits === '0') return '0';
  if (exponent < 0) return `0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return fraction ? `${whole}.${fraction}` : whole;
}

/** Go's `%q` of a string (`strconv.Quote`), as Prometheus prints label values in a selector. */
export function goQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (goEscapes[char]) out += goEscapes[char];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (isGoPrintable(code)) out += char;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

const goEscapes: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

/** Close to Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
function isGoPrintable(code: number): boolean {
  return /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(String.fromCodePoint(code));
}
