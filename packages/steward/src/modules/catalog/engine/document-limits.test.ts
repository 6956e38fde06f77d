// Nesting and character limits: the same position whether the tree was composed (up to ~1,500
// levels) or the `yaml` package ran out of stack and the syntax tree was searched instead.
import { describe, expect, it } from 'vitest';
import { tooDeepPath } from './document-limits.ts';
import { validateCatalog } from './validate-catalog.ts';

const head = 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: deep\n';
const spec = '  type: service\n  lifecycle: production\n  owner: group:x\n';

function problemsOf(text: string) {
  const result = validateCatalog([{ file: 'deep.yaml', content: text }]);
  return [...result.errors, ...result.warnings]
    .filter((p) => p.code !== 'dangling-ref')
    .map((p) => `${p.line}:${p.column} ${p.code}`);
}

/** Four shapes of nesting `n` levels under spec.deep, on line 9 (the first of them is level 3). */
const shapes: Record<string, (n: number) => string> = {
  'flow sequences': (n) => `${head}spec:\n${spec}  deep: ${'['.repeat(n)}${']'.repeat(n)}\n`,
  'flow mappings': (n) => `${head}spec:\n${spec}  deep: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`,
  'compact sequences': (n) => `${head}spec:\n${spec}  deep:\n    ${'- '.repeat(n)}x\n`,
  'block mappings': (n) => {
    let text = `${head}spec:\n${spec}  deep:\n`;
    for (let i = 0; i < n - 1; i++) text += `${' '.repeat(4 + i)}a:\n`;
    return `${text}${' '.repeat(3 + n)}b: 1\n`;
  },
};

/** Where level 65 starts: the 63rd collection under spec (the entity is 1, spec 2). */
const expected: Record<string, string> = {
  'flow sequences': `9:${9 + 62} too-deep`,
  'flow mappings': `9:${9 + 62 * 4} too-deep`,
  'compact sequences': `10:${5 + 62 * 2} too-deep`,
  'block mappings': `${10 + 62}:${5 + 62} too-deep`,
};

describe('nesting past 64 levels', () => {
  for (const [shape, write] of Object.entries(shapes)) {
    it(`is one too-deep problem at level 65 for ${shape}, at any depth`, () => {
      expect(problemsOf(write(62))).toEqual([]);
      for (const depth of [63, 200, 1000, 5000]) {
        expect(problemsOf(write(depth)), `${depth} levels`).toEqual([expected[shape]]);
      }
    });
  }

  it('is found in data not yet written as YAML (an API body), by field path', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = [{ a: deep }];
    // The entity is level 1, spec 2, the list deep 3; each [0].a goes down two: level 65 is 31 more.
    expect(tooDeepPath({ spec: { deep } })).toBe(`spec.deep${'[0].a'.repeat(31)}`);
    expect(tooDeepPath({ spec: { list: [1, [2]], deep: [[]] } })).toBeUndefined();
  });

  it('reports whichever comes first in the document: a character a catalog cannot store, or the nesting', () => {
    const deep = `  deep: ${'['.repeat(100)}${']'.repeat(100)}\n`;
    const nul = '  "a\\0b": 1\n';
    // The NUL key on line 9, before the nesting on line 10; then the other way round.
    expect(problemsOf(`${head}spec:\n${spec}${nul}${deep}`)).toEqual(['9:3 invalid-character']);
    expect(problemsOf(`${head}spec:\n${spec}${deep}${nul}`)).toEqual([`9:${9 + 62} too-deep`]);
  });

  it('names the limit in its message', () => {
    const result = validateCatalog([{ file: 'deep.yaml', content: shapes['flow sequences']?.(100) ?? '' }]);
    expect(result.errors[0]?.message).toContain('more than 64 levels');
    expect(result.entities).toEqual([]);
  });
});

describe('characters a catalog cannot store', () => {
  const described = (value: string) => `${head}  description: ${value}\nspec:\n${spec}`;

  it('points at a NUL in the file itself, and reads none of that file', () => {
    expect(problemsOf(described('ab\u0000cd'))).toEqual(['5:18 invalid-character']);
    expect(problemsOf(`# a comment\n\u0000${described('x')}`)).toEqual(['2:1 invalid-character']);
  });

  it('points at a lone surrogate in text, a raw one and one encoded in the bytes', () => {
    expect(problemsOf(described('ab\ud800cd'))).toEqual(['5:18 invalid-character']);
    // U+D800 as three bytes of its own (WTF-8), at the start of line 10.
    const bytes = Buffer.concat([Buffer.from(described('ab')), Buffer.from([0xed, 0xa0, 0x80])]);
    const result = validateCatalog([{ file: 'wtf8.yaml', content: bytes }]);
    expect(result.errors.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual(['10:1 invalid-character']);
    expect(result.errors[0]?.message).toContain('U+D800');
  });

  it('points at the value or key an escape puts one in; a surrogate pair is fine', () => {
    expect(problemsOf(described('"ab\\0cd"'))).toEqual(['5:16 invalid-character']);
    expect(problemsOf(described('"ab\\x00cd"'))).toEqual(['5:16 invalid-character']);
    expect(problemsOf(described('"ab\\udc00cd"'))).toEqual(['5:16 invalid-character']);
    expect(problemsOf(`${head}  annotations:\n    "a\\u0000b": x\nspec:\n${spec}`)).toEqual([
      '6:5 invalid-character',
    ]);
    expect(problemsOf(described('"ab\\ud83d\\ude00cd"'))).toEqual([]);
  });

  it('keeps the file’s other documents', () => {
    const result = validateCatalog([
      {
        file: 'two.yaml',
        content: `${described('"\\0"')}---\n${head.replace('deep', 'fine')}spec:\n${spec}`,
      },
    ]);
    expect(result.entities.map((e) => e.name)).toEqual(['fine']);
    expect(result.errors.map((p) => p.entity)).toEqual(['component:default/deep']);
  });
});
