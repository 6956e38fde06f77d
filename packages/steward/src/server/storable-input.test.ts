// The edge check for text PostgreSQL cannot store and JSON nested too deep: exact limits, document
// order, and a walk that neither recurses nor costs more than a pass over the parsed body.
import { describe, expect, it } from 'vitest';
import { describeUnstorable, findUnstorable, maxJsonDepth } from './storable-input.ts';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

describe('findUnstorable', () => {
  it(`accepts ${maxJsonDepth} levels of arrays and objects and refuses one more`, () => {
    expect(findUnstorable(nested(maxJsonDepth), 'body')).toBeUndefined();
    const problem = findUnstorable(nested(maxJsonDepth + 1), 'body');
    expect(problem?.message).toContain(`at most ${maxJsonDepth} levels`);
    expect(problem?.field.split('.')).toHaveLength(maxJsonDepth + 1);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(findUnstorable(deep, 'body')?.field).toMatch(/^body(\.0){64}$/);
  });

  it('leaves file text a route checks itself alone, and nothing else', () => {
    const files = /^body\.files\.\d+\.content$/;
    const upload = { name: 'x', files: [{ path: 'a.yaml', content: 'a\u0000b\ud800' }] };
    expect(findUnstorable(upload, 'body', files)).toBeUndefined();
    expect(findUnstorable({ ...upload, name: 'x\u0000' }, 'body', files)?.field).toBe('body.name');
    const badPath = { files: [{ path: 'a\u0000.yaml', content: 'fine' }] };
    expect(findUnstorable(badPath, 'body', files)?.field).toBe('body.files.0.path');
    expect(findUnstorable(upload, 'body')?.field).toBe('body.files.0.content');
  });

  it('names the first problem in document order, values and keys', () => {
    const body = { a: 'fine', b: [{ c: 'x\u0000' }], d: '\ud800' };
    expect(findUnstorable(body, 'body')).toEqual({
      field: 'body.b.0.c',
      message: expect.stringContaining('U+0000'),
    });
    expect(findUnstorable({ ok: { 'k\udfff': 1 } }, 'body')).toEqual({
      field: 'body.ok',
      message: expect.stringContaining('the key "k\\udfff" contains a lone surrogate \\udfff at character 2'),
    });
    expect(findUnstorable('\u0000', 'body')?.field).toBe('body');
  });

  it('accepts text with whole surrogate pairs, numbers, booleans and nulls', () => {
    expect(findUnstorable({ a: '🔥 é 日本', b: [1, true, null, 2.5], c: {} }, 'body')).toBeUndefined();
  });
});

describe('describeUnstorable', () => {
  it('finds a lone surrogate wherever it is, high or low, and passes whole pairs', () => {
    expect(describeUnstorable('ab\ud83d')).toMatch(/\\ud83d at character 3/);
    expect(describeUnstorable('\udd25ab')).toMatch(/\\udd25 at character 1/);
    expect(describeUnstorable('\ud83d\udd25\ud83d')).toMatch(/at character 3/);
    expect(describeUnstorable('\ud83d\udd25')).toBeUndefined();
  });
});
