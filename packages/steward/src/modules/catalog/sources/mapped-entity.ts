// What a mapper from another product's file (opslevel.yml, cortex.yaml) produces: Backstage entities
// as data, each field remembering the path in the original file its value came from.
import { joinPath } from '../engine/entity-yaml.ts';
import type { CatalogProblem } from '../engine/model.ts';
import type { PositionedYaml } from './positioned-yaml.ts';

export interface MappedEntity {
  entity: Record<string, unknown>;
  /** Path in the entity → path in the original file. Paths not listed inherit their parent's. */
  origins: Map<string, string>;
  /** Path in the original file of what the entity was made from (`service`, `info`). */
  root: string;
}

export interface MappedFile {
  entities: MappedEntity[];
  /** Problems in the original file itself (syntax, a shape that cannot be mapped). */
  problems: CatalogProblem[];
  yaml: PositionedYaml;
}

/** A Backstage entity name from free text: `Shopping Cart` → `shopping-cart` (invalid stays invalid, to be reported). */
export function entityName(text: unknown): string {
  if (typeof text !== 'string') return '';
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, 63);
}

/** A Backstage tag from free text: lower-case runs of `a-z0-9:+#` joined by single dashes. */
export function tagFrom(text: string): string | undefined {
  const tag = text
    .toLowerCase()
    .replace(/[^a-z0-9:+#]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return tag === '' ? undefined : tag;
}

export function fileProblem(
  file: string,
  at: { line: number; column: number },
  severity: CatalogProblem['severity'],
  code: CatalogProblem['code'],
  message: string,
): CatalogProblem {
  return { file, line: at.line, column: at.column, severity, code, message, entity: null };
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Builds an entity field by field, noting where each value came from. */
export class EntityBuilder {
  readonly entity: Record<string, unknown>;
  readonly origins = new Map<string, string>();

  constructor(apiVersion: string, kind: string) {
    this.entity = { apiVersion, kind, metadata: {}, spec: {} };
  }

  /** Sets the field at `path` (dotted, or the keys when one holds a dot) when `value` is defined. */
  set(path: string | string[], value: unknown, from: string): void {
    if (value === undefined) return;
    const keys = typeof path === 'string' ? path.split('.') : path;
    this.parentOf(keys)[keys.at(-1) as string] = value;
    this.origins.set(keys.reduce(joinPath, ''), from);
  }

  /** Appends to the list at `path`, noting the origin of the new item. */
  push(path: string, value: unknown, from: string): void {
    const keys = path.split('.');
    const parent = this.parentOf(keys);
    const key = keys.at(-1) as string;
    parent[key] ??= [];
    const list = parent[key] as unknown[];
    list.push(value);
    this.origins.set(joinPath(path, list.length - 1), from);
  }

  private parentOf(keys: string[]): Record<string, unknown> {
    let target = this.entity;
    for (const key of keys.slice(0, -1)) {
      target[key] ??= {};
      target = target[key] as Record<string, unknown>;
    }
    return target;
  }
}
