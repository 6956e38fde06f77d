// An organisation's catalog configuration as a YAML file: its rules (required annotations, allowed
// lifecycles, owners must be teams), any kinds of its own, and which files of a directory hold
// entities beyond catalog-info.yaml (`files.include`, `files.exclude`). Problems point at file:line:col.
import { readFile } from 'node:fs/promises';
import { isMap, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { invalid } from '../../platform/errors.ts';
import { createKindRegistry } from './engine/kinds/registry.ts';
import type { CatalogOptions, KindDefinition } from './engine/model.ts';
import { compileGlob } from './sources/globs.ts';

const severity = z.enum(['error', 'warning'], { error: 'must be error or warning' });

const relationField = z.strictObject({
  path: z.string().min(1),
  relation: z.string().min(1),
  inverse: z.string().min(1),
  defaultKind: z.string().optional(),
  allowedKinds: z.array(z.string()).optional(),
  acyclic: z.boolean().optional(),
});

const kindDefinition = z.strictObject({
  apiVersions: z.array(z.string().min(1)).min(1),
  kind: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'must be a PascalCase kind name, e.g. Pipeline'),
  description: z.string().default(''),
  spec: z.record(z.string(), z.unknown()),
  relations: z.array(relationField).default([]),
  owners: z.string().optional(),
});

const glob = z.string().superRefine((pattern, context) => {
  const compiled = compileGlob(pattern);
  if (!compiled.ok)
    context.addIssue({ code: 'custom', message: `is not a glob Steward can read: ${compiled.message}` });
});

const configSchema = z.strictObject({
  files: z
    .strictObject({ include: z.array(glob).default([]), exclude: z.array(glob).default([]) })
    .default({ include: [], exclude: [] }),
  rules: z
    .strictObject({
      requiredAnnotations: z
        .strictObject({
          severity,
          keys: z.array(z.string().min(1)).min(1),
          kinds: z.array(z.string()).optional(),
        })
        .optional(),
      allowedLifecycles: z.strictObject({ severity, values: z.array(z.string().min(1)).min(1) }).optional(),
      ownerMustBeGroup: z.strictObject({ severity }).optional(),
    })
    .default({}),
  kinds: z.array(kindDefinition).default([]),
});

export async function readCatalogConfig(file: string): Promise<CatalogOptions> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw invalid(`cannot read the catalog configuration ${file}: ${(error as Error).message}`);
  }
  return parseCatalogConfig(file, text);
}

export function parseCatalogConfig(file: string, text: string): CatalogOptions {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const at = (offset: number | undefined) => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return `${file}:${line}:${col}`;
  };
  const syntax = document.errors[0];
  if (syntax) throw invalid(`${at(syntax.pos[0])}: ${syntax.message.split('\n')[0]}`);
  const parsed = configSchema.safeParse(document.toJS() ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.path.map(String);
      const node = document.getIn(path, true) as { range?: [number, number] } | undefined;
      const where = node?.range ? at(node.range[0]) : at(nearestRange(document, path));
      const keys =
        issue.code === 'unrecognized_keys'
          ? `: unknown ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`
          : '';
      return { field: `${where} ${path.join('.') || '(top)'}`, message: `${issue.message}${keys}` };
    });
    throw invalid(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
  const kinds = parsed.data.kinds as unknown as KindDefinition[];
  try {
    createKindRegistry(kinds);
  } catch (error) {
    throw invalid(`${file}: ${(error as Error).message}`);
  }
  return { rules: parsed.data.rules, kinds, files: parsed.data.files };
}

/** The closest enclosing node that exists, for a key that is missing. */
function nearestRange(document: ReturnType<typeof parseDocument>, path: string[]): number | undefined {
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
    if (isMap(node) && node.range) return node.range[0];
    const range = (node as { range?: [number, number] } | undefined)?.range;
    if (range) return range[0];
  }
  return undefined;
}
