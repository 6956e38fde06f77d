// A small, exact validator for the JSON Schema subset kinds are declared in, run on the positioned
// YAML tree so every problem points at its key or value. Kinds using any other keyword are refused
// when they are registered, so nothing is silently unchecked.
import { compileLinearRegex, linearRegex } from '../../../platform/linear-regex.ts';
import {
  findPair,
  type YamlMap,
  type YamlNode,
  type YamlPair,
  type YamlPosition,
  type YamlScalar,
  type YamlSeq,
} from '../../../platform/yaml/nodes.ts';
import { formats } from './formats.ts';
import type { JsonSchema, JsonType, ProblemCode } from './model.ts';
import { quoteToken } from './quote-token.ts';

export type SchemaReport = (at: YamlPosition, code: ProblemCode, message: string) => void;

/** Backstage's placeholders (`$text: ./api.yaml`) stand for content read later; they satisfy any schema. */
/** `schema` is what the substituted value will have to be (its `type` only is checked, by the loader). */
export type PlaceholderSeen = (pair: YamlPair, path: string, schema: JsonSchema) => void;

const supportedKeywords = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'enum',
  'const',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'format',
  'description',
  'title',
  'examples',
  'default',
  'errorCode',
  'errorMessage',
]);

const placeholderKeys = new Set(['$text', '$json', '$yaml']);
/** Shared rather than made per value: walking where nothing is checked (placeholders may be anywhere). */
const anything: JsonSchema = Object.freeze({});
const noProperties: Readonly<Record<string, JsonSchema>> = Object.freeze({});
const noKeys: readonly string[] = Object.freeze([]);

/** Throws if `schema` uses anything this validator does not check. */
export function assertSupportedSchema(schema: JsonSchema, where: string): void {
  for (const keyword of Object.keys(schema)) {
    if (!supportedKeywords.has(keyword))
      throw new Error(`${where}: JSON Schema keyword "${keyword}" is not supported`);
  }
  if (schema.format !== undefined && !(schema.format in formats)) {
    throw new Error(`${where}: unknown format "${schema.format}"; known: ${Object.keys(formats).join(', ')}`);
  }
  if (schema.pattern !== undefined) {
    const compiled = compileLinearRegex(schema.pattern);
    if (!compiled.ok) throw new Error(`${where}: pattern: ${compiled.message}`);
  }
  for (const [key, sub] of Object.entries(schema.properties ?? {}))
    assertSupportedSchema(sub, `${where}.${key}`);
  if (typeof schema.additionalProperties === 'object')
    assertSupportedSchema(schema.additionalProperties, `${where}.*`);
  if (schema.propertyNames) assertSupportedSchema(schema.propertyNames, `${where} (keys)`);
  if (schema.items) assertSupportedSchema(schema.items, `${where}[]`);
}

interface Walk {
  report: SchemaReport;
  placeholder: PlaceholderSeen | undefined;
}

/** Validates `node` against `schema`; `path` names the node in messages (`spec.owners[0].role`). */
export function validateNode(
  node: YamlNode,
  schema: JsonSchema,
  path: string,
  report: SchemaReport,
  placeholder?: PlaceholderSeen,
): void {
  check(node, schema, path, undefined, { report, placeholder });
}

/** The path is built from `parent` and `key` only when needed: most values are valid leaves. */
function check(
  node: YamlNode,
  schema: JsonSchema,
  parent: string,
  key: string | number | undefined,
  walk: Walk,
) {
  if (node.kind === 'map' && isPlaceholder(node)) {
    const pair = node.pairs[0] as YamlPair;
    const path = pathOf(parent, key);
    if (pair.value.kind !== 'scalar' || typeof pair.value.value !== 'string') {
      walk.report(
        pair.value,
        'invalid-value',
        `${path}.${pair.key} must be a string naming what to read (a path or URL)`,
      );
    } else walk.placeholder?.(pair, path, schema);
    return;
  }
  if (schema.type !== undefined && !hasType(node, schema.type)) {
    const message = `${pathOf(parent, key)} must be ${expectation(schema)}; found ${describe(node)}`;
    walk.report(node, schema.errorCode ?? 'invalid-type', message);
    return;
  }
  if (node.kind !== 'scalar' && (schema.enum !== undefined || schema.const !== undefined)) {
    // Kinds only list scalars as allowed values: a mapping or list is never one of them.
    const message = `${pathOf(parent, key)} must be ${expectation(schema)}; found ${describe(node)}`;
    walk.report(node, schema.errorCode ?? 'invalid-value', message);
  } else if (node.kind === 'scalar') {
    const problem = scalarProblem(node.value, schema);
    if (problem) {
      const message = `${pathOf(parent, key)} must be ${problem}; found ${describe(node)}${formatReason(node.value, schema)}`;
      walk.report(node, schema.errorCode ?? 'invalid-value', message);
    }
  } else if (node.kind === 'seq') {
    checkSeq(node, schema, pathOf(parent, key), walk);
  } else {
    checkMap(node, schema, pathOf(parent, key), walk);
  }
}

function checkSeq(seq: YamlSeq, schema: JsonSchema, path: string, walk: Walk): void {
  const { minItems, maxItems, items } = schema;
  const code = schema.errorCode ?? 'invalid-value';
  if (minItems !== undefined && seq.items.length < minItems) {
    const what = schema.errorMessage ? `: ${schema.errorMessage}` : '';
    walk.report(seq, code, `${path} must have at least ${minItems} item${minItems === 1 ? '' : 's'}${what}`);
  }
  if (maxItems !== undefined && seq.items.length > maxItems) {
    walk.report(seq, code, `${path} must have at most ${maxItems} item${maxItems === 1 ? '' : 's'}`);
  }
  const each = items ?? (walk.placeholder ? anything : undefined);
  if (each) for (let i = 0; i < seq.items.length; i++) check(seq.items[i] as YamlNode, each, path, i, walk);
}

function checkMap(map: YamlMap, schema: JsonSchema, path: string, walk: Walk): void {
  const properties = schema.properties ?? noProperties;
  for (const key of schema.required ?? noKeys) {
    if (findPair(map, key)) continue;
    const sub = properties[key];
    const what = sub ? `: ${expectation(sub)}` : '';
    walk.report(
      map,
      'missing-field',
      `${path || 'the entity'} is missing the required field "${key}"${what}`,
    );
  }
  const { propertyNames, additionalProperties } = schema;
  for (const pair of map.pairs) {
    if (propertyNames) {
      const problem = typeof pair.key === 'string' ? scalarProblem(pair.key, propertyNames) : undefined;
      if (problem) {
        const message = `${path || 'the entity'} key ${quoteToken(pair.key)} must be ${problem}`;
        walk.report(pair, propertyNames.errorCode ?? 'invalid-value', message);
      }
    }
    const sub = Object.hasOwn(properties, pair.key) ? properties[pair.key] : undefined;
    if (sub) {
      check(pair.value, sub, path, pair.key, walk);
    } else if (additionalProperties === false) {
      const known = Object.keys(properties).join(', ');
      walk.report(
        pair,
        'unknown-field',
        `${pathOf(path, pair.key)} is not a known field; ${path || 'an entity'} may have: ${known}`,
      );
    } else if (typeof additionalProperties === 'object') {
      check(pair.value, additionalProperties, path, pair.key, walk);
    } else if (walk.placeholder && pair.value.kind !== 'scalar') {
      // Nothing to check here, but a placeholder may be anywhere (Backstage substitutes them all).
      check(pair.value, anything, path, pair.key, walk);
    }
  }
}

function pathOf(parent: string, key: string | number | undefined): string {
  if (key === undefined) return parent;
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** What is wrong with a scalar of the right type, as "must be …" completion, or undefined. */
function scalarProblem(value: YamlScalar['value'], schema: JsonSchema): string | undefined {
  if (schema.enum && !schema.enum.includes(value))
    return schema.errorMessage ?? `one of ${schema.enum.join(', ')}`;
  if (schema.const !== undefined && value !== schema.const)
    return schema.errorMessage ?? String(schema.const);
  if (typeof value === 'string') {
    if (!lengthWithin(value, schema.minLength, schema.maxLength)) return expectation(schema);
    // A kind's patterns were compiled when it was registered: linearRegex cannot throw here.
    if (schema.pattern !== undefined && !linearRegex(schema.pattern).foundIn(value))
      return expectation(schema);
    if (schema.format !== undefined && !formats[schema.format]?.check(value)) return expectation(schema);
  } else if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return expectation(schema);
    if (schema.maximum !== undefined && value > schema.maximum) return expectation(schema);
  }
  return undefined;
}

/** JSON Schema counts code points; they are only counted when UTF-16 units could disagree. */
function lengthWithin(value: string, min = 0, max = Number.POSITIVE_INFINITY): boolean {
  const units = value.length;
  if (units >= 2 * min && units <= max) return true;
  const codePoints = /[\ud800-\udfff]/.test(value) ? [...value].length : units;
  return codePoints >= min && codePoints <= max;
}

/** What the format says about this value beyond "must be …", as `: reason`, or nothing. */
function formatReason(value: YamlScalar['value'], schema: JsonSchema): string {
  if (typeof value !== 'string' || schema.format === undefined) return '';
  const reason = formats[schema.format]?.reason?.(value);
  return reason === undefined ? '' : `: ${reason}`;
}

function hasType(node: YamlNode, type: JsonSchema['type']): boolean {
  if (typeof type === 'string') return isOfType(node, type);
  for (const t of type ?? []) if (isOfType(node, t)) return true;
  return false;
}

function isOfType(node: YamlNode, type: JsonType): boolean {
  if (type === 'object') return node.kind === 'map';
  if (type === 'array') return node.kind === 'seq';
  if (node.kind !== 'scalar') return false;
  const value = node.value;
  if (type === 'integer') return typeof value === 'number' && Number.isInteger(value);
  if (type === 'null') return value === null;
  return typeof value === type;
}

const typeNames: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
  object: 'a mapping',
  array: 'a list',
};

/** "a whole number from 1 to 4", "a non-empty string", or the schema's own errorMessage. */
export function expectation(schema: JsonSchema): string {
  if (schema.errorMessage) return schema.errorMessage;
  if (schema.enum) return `one of ${schema.enum.join(', ')}`;
  if (schema.const !== undefined) return String(schema.const);
  const types = typeof schema.type === 'string' ? [schema.type] : (schema.type ?? []);
  if (schema.format) return formats[schema.format]?.expectation ?? schema.format;
  let text = types.map((t) => typeNames[t]).join(' or ') || 'a value';
  if (schema.minLength === 1 && schema.maxLength === undefined)
    text = text.replace('a string', 'a non-empty string');
  else if (schema.minLength !== undefined || schema.maxLength !== undefined) {
    text += ` of ${schema.minLength ?? 0} to ${schema.maxLength ?? 'any number of'} characters`;
  }
  if (schema.minimum !== undefined && schema.maximum !== undefined)
    text += ` from ${schema.minimum} to ${schema.maximum}`;
  else if (schema.minimum !== undefined) text += ` of at least ${schema.minimum}`;
  else if (schema.maximum !== undefined) text += ` of at most ${schema.maximum}`;
  if (schema.pattern) text += ` matching /${schema.pattern}/`;
  return text;
}

export function describe(node: YamlNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  const { value } = node;
  if (value === null) return 'an empty value';
  if (typeof value !== 'string') return String(value);
  return quoteToken(value);
}

function isPlaceholder(map: YamlMap): boolean {
  return map.pairs.length === 1 && placeholderKeys.has((map.pairs[0] as YamlPair).key);
}
