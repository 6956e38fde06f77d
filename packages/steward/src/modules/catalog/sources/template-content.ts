// What a scaffolder Template fetches (its `steps[].input.url`: `./skeleton`, `./content`) is the
// content of repositories to be, not this repository's catalog: a `skeleton/catalog-info.yaml` full of
// `${{ values.name }}` describes a service that does not exist yet. Such paths are not read.
import { dirname, resolve, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { maxNesting, tooDeepOffsets } from '../../../platform/yaml/nesting.ts';

const mentionsTemplate = /^kind:[ \t]*["']?Template\b/m;

/** The absolute paths a file's Templates fetch from, relative ones only (URLs name other places). */
export function templateContentPaths(file: string, text: string): string[] {
  if (!mentionsTemplate.test(text) || tooDeepOffsets(text, maxNesting).length > 0) return [];
  const paths: string[] = [];
  for (const document of safeDocuments(text)) {
    const entity = document as { kind?: unknown; spec?: { steps?: unknown } } | null;
    if (entity?.kind !== 'Template' || !Array.isArray(entity.spec?.steps)) continue;
    for (const step of entity.spec.steps as { input?: { url?: unknown } }[]) {
      const url = step?.input?.url;
      if (typeof url !== 'string' || url === '' || /^[a-z][a-z0-9+.-]+:/i.test(url) || url.includes('${{'))
        continue;
      paths.push(resolve(dirname(file), url));
    }
  }
  return paths;
}

function safeDocuments(text: string): unknown[] {
  try {
    return parseAllDocuments(text, { prettyErrors: false }).flatMap((d) =>
      'errors' in d && d.errors.length === 0 ? [d.toJS({ maxAliasCount: 100 })] : [],
    );
  } catch {
    return [];
  }
}

/** Whether `path` is one of `excluded` or inside one of them. */
export function isTemplateContent(path: string, excluded: readonly string[]): boolean {
  return excluded.some((dir) => path === dir || path.startsWith(`${dir}${sep}`));
}
