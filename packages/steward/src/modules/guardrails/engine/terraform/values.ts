// Reading hcl2json's values: literals come as JSON, expressions as "${…}" strings, nested blocks as
// arrays of objects.
import type { Body } from './parse-file.ts';

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** true / false when written as a literal; undefined when absent or an expression. */
export function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

export function blocks(body: Body, key: string): Body[] {
  return list(body[key]).filter((b): b is Body => typeof b === 'object' && b !== null && !Array.isArray(b));
}

export function num(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** Whether `value` refers to `type.name` (`${aws_s3_bucket.logs.id}`). */
export function refersTo(value: unknown, type: string, name: string): boolean {
  const written = text(value);
  return written !== undefined && new RegExp(`\\b${type}\\.${name}\\.(id|bucket|arn)\\b`).test(written);
}
