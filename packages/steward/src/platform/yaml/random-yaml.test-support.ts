// Random YAML texts for the fast parser's differential tests: mostly inside the subset, with the
// awkward corners (core-schema look-alikes, comments, same-indent sequences, block scalars) on purpose.
const plainValues = [
  'hello',
  'two words',
  'true',
  'True',
  'TRUE',
  'false',
  'yes',
  'no',
  'null',
  'Null',
  '~',
  'nul',
  '1',
  '-1',
  '+1',
  '-0',
  '007',
  '0x1F',
  '0X1F',
  '0o17',
  '0o8',
  '1e3',
  '1E-3',
  '.5',
  '1.',
  '1.50',
  '-.5e2',
  '.inf',
  '-.Inf',
  '+.INF',
  '.nan',
  '.NaN',
  '1_000',
  '12345678901234567890',
  '1.2.3',
  'v1.2',
  'http://example.com:8080/a?b=c#frag',
  'dir:.',
  'url:https://x/y',
  '-foo',
  'a#b',
  'a-#',
  'é café',
  'group:default/team-a',
  'x:y',
  'a,b',
  'a]b',
  'a}b',
  'a - b',
  'a ',
  '😀 emoji',
  'a[0]',
  'x|y',
  'x>y',
];
/** Values the fast parser must refuse (or read exactly as `yaml` does). */
const edgyValues = [
  '@x',
  '`x',
  '%x',
  '!x',
  '&x',
  '*x',
  '?x',
  ':x',
  'a: b',
  'ends:',
  '- x',
  '[x]',
  '{x}',
  '{a: 1}',
  '[a, [b]]',
];
const keys = [
  'a',
  'name',
  'kind',
  'metadata',
  'spec',
  'backstage.io/techdocs-ref',
  'key with space',
  'k:v',
  'x-y_z',
  '"quoted key"',
  "'single key'",
  '"a"',
  'é',
  '__proto__',
  'toString',
  'links',
  'tags',
  'owner',
];
const edgyKeys = ['true', '1', 'null', '~', '-k', '? k', '[k]', '&a k', '"long'];

/** A random text; with `edgy` false it stays (almost always) inside the fast subset. */
export function randomYaml(random: () => number, edgy = random() < 0.3): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const chance = (p: number) => random() < p;
  const rare = (p: number) => edgy && random() < p;
  const out: string[] = [];
  const key = () => (rare(0.02) ? pick(edgyKeys) : pick(keys));
  // Keys of one mapping are distinct (by value: `"a"` and `a` are the same key) unless edgy.
  const keyPicker = () => {
    const used = new Set<string>();
    return () => {
      let picked = key();
      while (used.has(picked.replace(/^["']|["']$/g, '')) && !rare(0.3)) picked = key();
      used.add(picked.replace(/^["']|["']$/g, ''));
      return picked;
    };
  };
  const comment = () => (chance(0.15) ? ` # ${pick(['c', 'note: x', '#', "it's"])}` : '');

  const scalar = (): string => {
    const r = random();
    if (rare(0.1)) return pick(edgyValues);
    if (r < 0.6) return pick(plainValues);
    if (r < 0.75)
      return `"${pick(['', 'plain', 'say \\"hi\\"', 'tab\\tx', '\\u00e9\\x41', 'back\\\\slash', '\\/', 'a: b', '# no', "it's", rare(0.2) ? '\\e' : 'é'])}"`;
    if (r < 0.9) return `'${pick(['', 'plain', "it''s", 'a: b', '"dq"', '# no', '\\n'])}'`;
    if (r < 0.95) return chance(0.5) ? '[]' : '{}';
    return `[${Array.from({ length: 1 + Math.floor(random() * 3) }, () => (rare(0.2) ? pick(['', ' ', 'x: y', '- x', '[a]']) : pick(['a', 'b c', '1', 'true', '"q"', "'s'", 'x:y', '-1']))).join(pick([', ', ',', ' , ']))}]`;
  };

  const blockScalar = (indent: number): void => {
    const header = `${pick(['|', '>'])}${rare(0.2) ? pick(['+', '2', '-2']) : pick(['', '-'])}`;
    out[out.length - 1] += ` ${header}${comment()}`;
    const content = indent + pick([1, 2, 2, 4]);
    const count = 1 + Math.floor(random() * 4);
    for (let i = 0; i < count; i++) {
      if (chance(0.2)) out.push(' '.repeat(Math.floor(random() * (content + (rare(0.2) ? 3 : 1)))));
      else
        out.push(
          `${' '.repeat(content + (rare(0.1) ? 2 : 0))}${pick(['line', 'two words', '# not a comment', 'x: y', '- z', ''])}`,
        );
    }
  };

  const node = (indent: number, depth: number, inSeq: boolean): void => {
    const r = random();
    if (depth > 3 || r < 0.3) {
      if (chance(0.15)) blockScalar(indent);
      else if (!chance(0.05)) out[out.length - 1] += ` ${scalar()}${comment()}`;
      return;
    }
    const childIndent = indent + pick([1, 2, 2, 4]);
    if (r < 0.6) {
      // A sequence: at the key's own indentation sometimes, as YAML allows for mapping values.
      const at = !inSeq && chance(0.3) ? indent : childIndent;
      out[out.length - 1] += comment();
      const count = 1 + Math.floor(random() * 3);
      for (let i = 0; i < count; i++) {
        if (chance(0.1)) out.push(`${' '.repeat(Math.floor(random() * 6))}# own line`);
        out.push(`${' '.repeat(at)}-`);
        if (chance(0.4)) compactMapping(at + 2, depth);
        else node(at, depth + 1, true);
      }
      return;
    }
    out[out.length - 1] += comment();
    const count = 1 + Math.floor(random() * 3);
    const nextKey = keyPicker();
    for (let i = 0; i < count; i++) {
      if (chance(0.05)) out.push('');
      out.push(`${' '.repeat(childIndent)}${nextKey()}:`);
      node(childIndent, depth + 1, false);
    }
  };

  const compactMapping = (indent: number, depth: number): void => {
    const count = 1 + Math.floor(random() * 3);
    const nextKey = keyPicker();
    for (let i = 0; i < count; i++) {
      if (i === 0) out[out.length - 1] += ` ${nextKey()}:`;
      else out.push(`${' '.repeat(indent)}${nextKey()}:`);
      node(indent, depth + 1, false);
    }
  };

  const documents = 1 + Math.floor(random() * 3);
  for (let d = 0; d < documents; d++) {
    if (d > 0 || chance(0.3))
      out.push(rare(0.1) ? pick(['---x', '...', '--- a']) : pick(['---', '--- # doc']));
    if (chance(0.2)) out.push('# leading comment');
    const count = 1 + Math.floor(random() * 4);
    const nextKey = keyPicker();
    for (let i = 0; i < count; i++) {
      out.push(`${nextKey()}:`);
      node(0, 0, false);
    }
  }
  return `${out.join('\n')}${chance(0.8) ? '\n' : ''}`;
}

/** Small edits that push a text across the subset's edges. */
export function mutate(text: string, random: () => number): string {
  const edits = 1 + Math.floor(random() * 3);
  let out = text;
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (out.length + 1));
    const r = random();
    const piece = [
      ' ',
      '  ',
      ':',
      ': ',
      '-',
      '- ',
      '#',
      ' #',
      '\n',
      '"',
      "'",
      '|',
      '>',
      '[',
      ']',
      ',',
      '{',
      '}',
      'a',
      '\t',
      '\r\n',
      '\\',
      '&a',
      '*a',
      '!x',
      '?',
      '---\n',
    ][Math.floor(random() * 27)] as string;
    if (r < 0.4) out = out.slice(0, at) + out.slice(at + 1);
    else if (r < 0.8) out = out.slice(0, at) + piece + out.slice(at);
    else out = out.slice(0, at) + piece + out.slice(at + piece.length);
  }
  return out;
}
