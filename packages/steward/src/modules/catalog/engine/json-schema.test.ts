import { describe, expect, it } from 'vitest';
import type { YamlNode, YamlPosition } from '../../../platform/yaml/nodes.ts';
import { assertSupportedSchema, validateNode } from './json-schema.ts';
import { createKindRegistry } from './kinds/registry.ts';
import type { JsonSchema, ProblemCode } from './model.ts';
import { parseYamlText } from './parse.ts';

function problems(yaml: string, schema: JsonSchema): string[] {
  const root = parseYamlText(yaml).documents[0]?.contents as YamlNode;
  const found: string[] = [];
  const report = (at: YamlPosition, code: ProblemCode, message: string) =>
    found.push(`${at.line}:${at.column} ${code} ${message}`);
  validateNode(root, schema, 'spec', report);
  return found;
}

describe('the JSON Schema subset validator', () => {
  it('checks required, additionalProperties and types, at the mapping, the key and the value', () => {
    const schema: JsonSchema = {
      type: 'object',
      required: ['a', 'b'],
      additionalProperties: false,
      properties: { a: { type: 'integer' }, b: { type: ['string', 'null'] } },
    };
    expect(problems('a: 1.5\nc: x\n', schema)).toEqual([
      '1:1 missing-field spec is missing the required field "b": a string or empty',
      '1:4 invalid-type spec.a must be a whole number; found 1.5',
      '2:1 unknown-field spec.c is not a known field; spec may have: a, b',
    ]);
    expect(problems('a: 2\nb:\n', schema)).toEqual([]);
  });

  it('checks lists: minItems, maxItems and each item with its index', () => {
    const schema: JsonSchema = {
      type: 'array',
      minItems: 2,
      maxItems: 3,
      items: { type: 'string', pattern: '^[a-z]+$' },
    };
    expect(problems('- ok\n', schema)).toEqual(['1:1 invalid-value spec must have at least 2 items']);
    expect(problems('- ok\n- Not\n- x\n- y\n', schema)).toEqual([
      '1:1 invalid-value spec must have at most 3 items',
      '2:3 invalid-value spec[1] must be a string matching /^[a-z]+$/; found "Not"',
    ]);
  });

  it('checks enum, const, minimum, maximum and lengths in code points', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        e: { enum: ['x', 'y'] },
        c: { const: 'primary' },
        n: { type: 'number', minimum: 1, maximum: 4 },
        s: { type: 'string', minLength: 2, maxLength: 2 },
      },
    };
    expect(problems('e: z\nc: other\nn: 5\ns: "😀"\n', schema)).toEqual([
      '1:4 invalid-value spec.e must be one of x, y; found "z"',
      '2:4 invalid-value spec.c must be primary; found "other"',
      '3:4 invalid-value spec.n must be a number from 1 to 4; found 5',
      '4:4 invalid-value spec.s must be a string of 2 to 2 characters; found "😀"',
    ]);
    expect(problems('s: "😀😀"\n', schema)).toEqual([]);
    expect(problems('e: [x]\n', schema)).toEqual([
      '1:4 invalid-value spec.e must be one of x, y; found a list',
    ]);
  });

  it('checks keys with propertyNames and values with additionalProperties, using the errorCode given', () => {
    const schema: JsonSchema = {
      type: 'object',
      propertyNames: { type: 'string', format: 'label-key', errorCode: 'invalid-label' },
      additionalProperties: { type: 'string', errorCode: 'invalid-label' },
    };
    expect(
      problems('good: x\n"bad key": y\nother: 3\n', schema).map((p) => p.split(' ').slice(0, 2).join(' ')),
    ).toEqual(['2:1 invalid-label', '3:8 invalid-label']);
  });

  it('lets Backstage placeholders stand for any value, and reports one that names nothing', () => {
    const schema: JsonSchema = { type: 'object', properties: { definition: { type: 'string' } } };
    expect(problems('definition:\n  $text: ./api.yaml\n', schema)).toEqual([]);
    expect(problems('definition:\n  $json: [1]\n', schema)).toEqual([
      '2:10 invalid-value spec.definition.$json must be a string naming what to read (a path or URL)',
    ]);
  });

  it('refuses schemas using keywords it does not check, and unknown formats', () => {
    expect(() =>
      assertSupportedSchema({ type: 'object', properties: { x: { oneOf: [] } as JsonSchema } }, 'k'),
    ).toThrow('k.x: JSON Schema keyword "oneOf" is not supported');
    expect(() => assertSupportedSchema({ type: 'string', format: 'email' }, 'k')).toThrow(
      'unknown format "email"',
    );
    const kind = {
      apiVersions: ['x.io/v1'],
      kind: 'X',
      description: '',
      relations: [],
      spec: { anyOf: [] } as JsonSchema,
    };
    expect(() => createKindRegistry([kind])).toThrow(
      'kind X spec: JSON Schema keyword "anyOf" is not supported',
    );
  });
});
