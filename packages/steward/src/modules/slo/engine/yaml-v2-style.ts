// Which style gopkg.in/yaml.v2 (the YAML writer Sloth uses) picks for a string: literal block when
// it holds a newline, plain when that reads back as the same string, else single or double quotes.
// The rules are yaml.v2's encoder and its libyaml-derived emitter analysis, restated.

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

/** The style of a mapping value (`key` false) or key (`key` true). */
export function scalarStyle(value: string, key: boolean): ScalarStyle {
  const facts = analyse(value);
  let style: ScalarStyle = value.includes('\n') ? 'literal' : readsBackAsString(value) ? 'plain' : 'double';
  if (key && facts.multiline) style = 'double';
  if (style === 'plain' && !facts.blockPlainAllowed) style = 'single';
  if (style === 'plain' && value === '' && key) style = 'single';
  if (style === 'single' && !facts.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!facts.blockAllowed || key)) style = 'double';
  return style;
}

const yamlV2Words = new Set(
  [
    'y Y yes Yes YES on On ON n N no No NO off Off OFF true True TRUE false False FALSE',
    '~ null Null NULL .nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF <<',
  ]
    .join(' ')
    .split(' '),
);
const yamlFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const base60Float = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const goInteger = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]*|0[bB][01]+|[1-9][0-9]*)$/;
const timestamp =
  /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]| +)\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d*)?(?:Z|[-+]\d{1,2}(?::\d{2})?)?)?$/;

/** Whether yaml.v2 would read `value`, written plain, back as this string (not null, bool, number). */
function readsBackAsString(value: string): boolean {
  if (value === '' || yamlV2Words.has(value) || base60Float.test(value)) return false;
  const first = value[0] as string;
  if (first === '.') return !/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(value);
  if (!/[-+0-9]/.test(first)) return true;
  if (timestamp.test(value)) return false;
  const plain = value.replaceAll('_', '');
  return !(goInteger.test(plain) || yamlFloat.test(plain) || /^-?0[bB][01]+$/.test(plain));
}

interface Facts {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const isBreak = (c: string) => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

/** yaml.v2's printable set: what it writes as is; anything else forces double quotes and an escape. */
export function isPrintable(code: number): boolean {
  return (
    code === 0x0a ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff)
  );
}

function analyse(value: string): Facts {
  const chars = [...value];
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let special = false;
  let lineBreaks = false;
  let leading = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  chars.forEach((c, i) => {
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || isBlank(next) || isBreak(next);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if (c === ':' && followedByWhitespace) blockIndicators = true;
    else if (c === '#' && precededByWhitespace) blockIndicators = true;
    if (!isPrintable(c.codePointAt(0) as number)) special = true;
    const last = i === chars.length - 1;
    if (c === ' ') {
      if (i === 0) leading = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leading = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(c) || isBreak(c);
  });
  const plainBlocked =
    leading || trailingSpace || trailingBreak || breakSpace || spaceBreak || special || lineBreaks;
  return {
    multiline: lineBreaks,
    blockPlainAllowed: !plainBlocked && !blockIndicators,
    singleQuotedAllowed: !(breakSpace || spaceBreak || special),
    blockAllowed: !(trailingSpace || spaceBreak || special),
  };
}
