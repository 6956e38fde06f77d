// Backstage's placeholders, substituted as its PlaceholderProcessor does: `{$text: ./openapi.yaml}`
// becomes the file's text, `$json` and `$yaml` its parsed value, so an API's `spec.definition` holds
// the document itself. Paths resolve from the entity's file and are read only inside the source (links
// followed); a URL stays as written (the engine reports it); a file that is missing or leaves the
// source was reported when references were followed, and its placeholder stays too.
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { maxNesting, tooDeepOffsets } from '../../../platform/yaml/nesting.ts';
import type { CatalogEntity, CatalogProblem, JsonSchema } from '../engine/model.ts';
import { quoteToken } from '../engine/quote-token.ts';
import type { FileCheck } from '../engine/validate-catalog.ts';
import type { FoundFile } from './find-files.ts';
import { readInside } from './source-root.ts';

const placeholderKeys = new Set(['$text', '$json', '$yaml']);

type Problem = { problem: string; code?: CatalogProblem['code'] };
type Read = (key: string, target: string) => Promise<{ value: unknown } | Problem | undefined>;

/**
 * What one read of a source may substitute in all: a file is at most the file size limit, but a
 * thousand entities naming the same large file would otherwise store it a thousand times.
 */
export interface SubstitutionBudget {
  remainingBytes: number;
}

export const substitutionBudgetBytes = 256 * 1024 * 1024;

export async function substitutePlaceholders(
  check: FileCheck,
  from: FoundFile,
  maxBytes: number,
  budget: SubstitutionBudget,
) {
  if (!check.references.some((r) => r.substitution)) return;
  const directory = dirname(resolve(check.file));
  for (const candidate of check.candidates) {
    const referenceOf = (key: string, target: string) =>
      check.references.find(
        (r) => r.entity === candidate.entity.ref && r.substitution?.key === key && r.target === target,
      );
    const read: Read = async (key, target) => {
      if (/^[a-z][a-z0-9+.-]+:/i.test(target)) return undefined;
      const content = await readInside(from.realRoot, resolve(directory, target), maxBytes);
      if (!('content' in content)) return undefined;
      if (content.content.length > budget.remainingBytes) {
        const limit = `${Math.round(substitutionBudgetBytes / 1024 / 1024)} MiB`;
        return {
          code: 'file-too-large',
          problem: `${key} ${quoteToken(target)} was not substituted: this source's placeholders already substituted ${limit}, all one read takes; name large documents by URL, or split the source`,
        };
      }
      budget.remainingBytes -= content.content.length;
      const decoded = decode(key, target, content.content.toString('utf8'));
      const expected = referenceOf(key, target)?.substitution;
      if ('problem' in decoded || !expected || isOfType(decoded.value, expected.type)) return decoded;
      return {
        problem: `${expected.at} must be ${describeTypes(expected.type)}, but ${key} ${quoteToken(target)} gives ${describeValue(decoded.value)}${key === '$text' ? '' : '; $text gives the file as text'}`,
      };
    };
    const problems = await substituteIn(candidate.entity, read);
    for (const { key, target, message, code } of problems) {
      const at = referenceOf(key, target)?.position ?? candidate.entity.source;
      check.problems.push({
        severity: 'error',
        file: at.file,
        line: at.line,
        column: at.column,
        entity: candidate.entity.ref,
        code: code ?? 'invalid-value',
        message,
      });
      candidate.valid = false;
    }
  }
}

async function substituteIn(entity: CatalogEntity, read: Read) {
  const problems: { key: string; target: string; message: string; code?: CatalogProblem['code'] }[] = [];
  const visit = async (value: unknown): Promise<unknown> => {
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) value[i] = await visit(item);
      return value;
    }
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [first] = entries;
    if (entries.length === 1 && first && placeholderKeys.has(first[0]) && typeof first[1] === 'string') {
      const [key, target] = first as [string, string];
      const result = await read(key, target);
      if (result === undefined) return value;
      if ('problem' in result) {
        problems.push({
          key,
          target,
          message: result.problem,
          ...(result.code ? { code: result.code } : {}),
        });
        return value;
      }
      return result.value;
    }
    for (const [key, item] of entries) (value as Record<string, unknown>)[key] = await visit(item);
    return value;
  };
  await visit(entity.metadata);
  await visit(entity.spec);
  return problems;
}

function decode(key: string, target: string, text: string): { value: unknown } | { problem: string } {
  const named = `${key} ${quoteToken(target)}`;
  try {
    let value: unknown = text;
    if (key !== '$text' && tooDeepOffsets(text, maxNesting).length > 0)
      return { problem: `${named} nests deeper than ${maxNesting} levels; Steward does not read it` };
    if (key === '$json') value = JSON.parse(text);
    if (key === '$yaml') value = parseYaml(text, { prettyErrors: false, maxAliasCount: 100 });
    // What no database can store: a NUL, or (written as an escape) a lone surrogate.
    if (/\\u0000|\\ud[89a-f][0-9a-f]{2}/i.test(JSON.stringify(value) ?? ''))
      return {
        problem: `${named} holds a NUL character or a lone surrogate, which cannot be stored; remove it`,
      };
    return { value };
  } catch (error) {
    const what = key === '$json' ? 'JSON' : 'YAML';
    const reason = (error as Error).message.split('\n')[0];
    return {
      problem: `${named} is not valid ${what} (${reason}); correct the file, or use $text to take it as text`,
    };
  }
}

function isOfType(value: unknown, type: JsonSchema['type']): boolean {
  if (type === undefined) return true;
  const types = typeof type === 'string' ? [type] : type;
  return types.some((t) => {
    if (t === 'object') return value !== null && typeof value === 'object' && !Array.isArray(value);
    if (t === 'array') return Array.isArray(value);
    if (t === 'integer') return Number.isInteger(value);
    if (t === 'null') return value === null;
    return typeof value === t;
  });
}

function describeTypes(type: JsonSchema['type']): string {
  const names: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string' };
  const types = typeof type === 'string' ? [type] : (type ?? []);
  return types.map((t) => names[t] ?? `a ${t}`).join(' or ');
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
}
