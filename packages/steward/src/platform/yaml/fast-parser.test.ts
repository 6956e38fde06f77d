import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random.ts';
import { parseWithYamlPackage } from './fallback.ts';
import { parseFast } from './fast-parser.ts';
import type { YamlDocument, YamlMap, YamlSeq } from './nodes.ts';
import { mutate, randomYaml } from './random-yaml.test-support.ts';

/** Inside the subset: the fast parser must accept it and agree with `yaml` exactly. */
const inSubset = [
  'a: 1\n',
  'a: 1\n---\nb: 2\n---\n',
  '---\na: 1\n',
  '--- # first\na: 1\n',
  '# only a comment\n---\n---\n',
  'k: v # comment\n# own line\n  # indented comment\nj: 2',
  'a:\n  b:\n    c: 1\n  d: 2\ne: 3',
  'a:\n- 1\n- 2\nb: 3',
  'a:\n    - x\n    - y\nb:\n  - z',
  '- a\n-\n- # c\n  x: 1',
  '- a: 1\n  b: 2\n- c: 3',
  '- a:\n  - x\n',
  '-   key: v\n    other: w\n',
  'a: [x, \'y\', "z" ] # c',
  'a: []\nb: [ ]\nc: {}\nd: { }',
  'x: [a:b, c]',
  '\'a b\': 1\n"c": 2',
  'a : 1',
  "a: 'it''s'\nb: ''\nc: \"\"",
  'a: "\\u00e9\\t\\x41 \\"q\\" \\\\ \\/"',
  'k: http://x.y:80/z#w\nl: a#b\nm: dir:.',
  'n: ~\no: null\np: Null\nq: NULL\nr: nul',
  'b: true\nc: True\nd: TRUE\ne: false\nf: yes\ng: no',
  'i: 1\nj: -1\nk: +12\nl: 007\nm: 0x1F\nn: 0o17\no: 0o8\np: 1e3\nq: .5\nr: 1.\ns: 1.50\nt: 1_000',
  'u: .inf\nv: -.Inf\nw: .nan\nx: 12345678901234567890\ny: -0',
  'a: |\n  line one\n  line two\nb: 1',
  'a: |-\n  x\n\n\nb: 1',
  'a: |\n\n\nb: 1',
  'a: |\n  \n  x',
  'a: |\n x\n  y\n',
  'a: |\n  line\n  # not a comment\nb: 1',
  'a: >\n x\n\n\n y\n',
  'a: >-\n  folded\n  text\n\n  para\n',
  'a: >\n\n  x\n  y\n\n  z\n\n\nb: 1',
  '- a: |\n   text\n',
  'a:\n- |\n t\n',
  'é: café\n😀: emoji',
  '__proto__: 1\ntoString: 2\nconstructor: [a]',
];

/** Outside the subset: the fast parser must step aside (the fallback reads these). */
const outsideSubset = [
  'a: &x 1\nb: *x',
  'a: !!str 1',
  '%YAML 1.2\n---\na: 1',
  'a: 1\n...\n',
  '? complex\n: key',
  'a: {b: 1}',
  'a: [x, [y]]',
  'a: [x,\n  y]',
  'a: plain\n  continued',
  'a: "two\n  lines"',
  'a: |+\n  keep\n\n',
  'a: |2\n   indent',
  'a:\tb',
  'a: 1\r\nb: 2',
  '\ufeffa: 1',
  '- - a',
  'a: b: c',
  'a: -',
  'a: @x',
  '1: one',
  'true: yes',
  '  a: 1',
];

function expectSameAsYaml(text: string): YamlDocument[] | undefined {
  const fast = parseFast(text);
  if (fast !== undefined) expect(fast, JSON.stringify(text)).toEqual(parseWithYamlPackage(text));
  return fast;
}

describe('the fast YAML parser', () => {
  it.each(inSubset)('reads %j exactly as yaml does', (text) => {
    expect(expectSameAsYaml(text)).toBeDefined();
  });

  it.each(outsideSubset)('steps aside for %j', (text) => {
    expect(parseFast(text)).toBeUndefined();
  });

  it('records positions as 1-based line and column, values at their first character', () => {
    const [document] = parseFast('a:\n  b: "x"\n  c:\n  - d\n  e: |\n    t\n') as YamlDocument[];
    expect(document?.contents).toEqual({
      kind: 'map',
      line: 1,
      column: 1,
      pairs: [
        {
          key: 'a',
          line: 1,
          column: 1,
          value: {
            kind: 'map',
            line: 2,
            column: 3,
            pairs: [
              { key: 'b', line: 2, column: 3, value: { kind: 'scalar', value: 'x', line: 2, column: 6 } },
              {
                key: 'c',
                line: 3,
                column: 3,
                value: {
                  kind: 'seq',
                  line: 4,
                  column: 3,
                  items: [{ kind: 'scalar', value: 'd', line: 4, column: 5 }],
                },
              },
              { key: 'e', line: 5, column: 3, value: { kind: 'scalar', value: 't\n', line: 5, column: 6 } },
            ],
          },
        },
      ],
    });
  });

  it('points an empty value at its key, and an empty item at its dash, as the fallback does', () => {
    const text = 'owner:\nlist:\n  -\n  - x\n';
    const expected = [
      { key: 'owner', value: { kind: 'scalar', value: null, line: 1, column: 1 } },
      { key: 'list', value: { kind: 'seq', line: 3, column: 3 } },
    ];
    const [fast] = expectSameAsYaml(text) as YamlDocument[];
    const contents = fast?.contents as YamlMap;
    expect(contents).toMatchObject({ pairs: expected });
    const list = contents.pairs[1]?.value as YamlSeq;
    expect(list.items[0]).toEqual({
      kind: 'scalar',
      value: null,
      line: 3,
      column: 3,
    });
  });

  it('reports repeated keys as yaml does, in mappings of any size, wherever the repeat is', () => {
    // Up to 16 keys are compared in place, past that they are kept in a set: both must see a repeat.
    for (const size of [2, 15, 16, 17, 40]) {
      const keys = Array.from({ length: size }, (_, i) => `key${i}: ${i}`);
      const clean = `${keys.join('\n')}\n`;
      expect(expectSameAsYaml(clean), `${size} keys`).toBeDefined();
      for (const repeat of [0, size - 1]) {
        const text = `${clean}key${repeat}: again\n"key${repeat}": thrice\n---\nnext: 1\n`;
        const [first, next] = expectSameAsYaml(text) ?? [];
        // Each repeat at its key (lines size+1 and size+2, column 1), no contents; the next document intact.
        expect(first, `${size} keys, key${repeat} again`).toEqual({
          contents: null,
          errors: [size + 1, size + 2].map((line) => ({
            code: 'duplicate-key',
            message: 'Map keys must be unique',
            line,
            column: 1,
          })),
        });
        expect(next?.contents).toMatchObject({ kind: 'map', pairs: [{ key: 'next', line: size + 4 }] });
      }
      // The same key at another level is no repeat.
      expect(expectSameAsYaml(`${clean}nested:\n  key0: 1\n`), `${size} keys, nested`).toBeDefined();
    }
  });

  it.each([
    'a: 1\na: 2',
    '"a": 1\na: 2',
    "- k: 1\n  'k': 2\n",
    'x: 0\nb:\n  c: 1\n  c: 2\n  c: 3\nx: 2\n',
    'a: 1\na:\n  - x\n  - y: 1\n    y: 2\n',
  ])('reads the repeated keys in %j exactly as yaml does', (text) => {
    expect(expectSameAsYaml(text)?.[0]?.errors[0]?.code).toBe('duplicate-key');
  });

  it('agrees with yaml on the demo organisation', () => {
    const root = join(import.meta.dirname, '../../../../../examples/acme');
    const files = ['catalog', 'org'].flatMap((dir) =>
      readdirSync(join(root, dir)).map((f) => join(root, dir, f)),
    );
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) expect(expectSameAsYaml(readFileSync(file, 'utf8')), file).toBeDefined();
  });

  it('agrees with yaml on thousands of generated documents, and reads most of them itself', () => {
    const random = seededRandom(1);
    let fast = 0;
    for (let i = 0; i < 1_000; i++) if (expectSameAsYaml(randomYaml(random, false))) fast++;
    // Clean documents are the subset's home ground: nearly all must take the fast path.
    expect(fast).toBeGreaterThan(970);
  });

  it('agrees with yaml on edgy and mutated documents whenever it does not step aside', () => {
    const random = seededRandom(2);
    let fast = 0;
    for (let i = 0; i < 2_000; i++) {
      const text = i % 2 === 0 ? randomYaml(random, true) : mutate(randomYaml(random), random);
      if (expectSameAsYaml(text)) fast++;
    }
    expect(fast).toBeGreaterThan(250);
  });
});
