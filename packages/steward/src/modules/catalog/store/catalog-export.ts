// The catalog back out as one multi-document YAML file that validates on its own, in Steward and in
// Backstage: each entity as it came in, keys in the order people write them (apiVersion, kind,
// metadata, spec), placeholders already replaced by what they named (they were substituted when the
// source was read). A Location's relative targets are dropped: the files they named are inlined
// here, and from wherever the export is put they would dangle. A Location left with no target (all
// were relative) is dropped too; targets that are URLs to elsewhere stay, as Backstage would read them.
import { stringify } from 'yaml';
import type { EntityBody } from './entity-record.ts';
import type { CatalogDb } from './tables.ts';

export interface ExportQuery {
  /** Only the entities of this source (its id). */
  source?: string | undefined;
  /** Only entities of this kind (any case). */
  kind?: string | undefined;
}

export async function exportCatalogYaml(db: CatalogDb, query: ExportQuery): Promise<string> {
  let select = db.selectFrom('catalog_entities').select('body').orderBy('ref');
  if (query.source) select = select.where('source_id', '=', query.source);
  if (query.kind) select = select.where('kind', '=', query.kind.toLowerCase());
  const rows = await select.execute();
  const documents: string[] = [];
  for (const row of rows) {
    const body = exportedBody(row.body as EntityBody);
    if (body) documents.push(`---\n${stringify(body, { lineWidth: 0 })}`);
  }
  return documents.join('');
}

const metadataOrder = ['name', 'namespace', 'title', 'description', 'labels', 'annotations', 'tags', 'links'];
const specOrder = ['type', 'lifecycle', 'owner', 'system'];

/** The body as written, or undefined for a Location that only pointed at files inlined in the export. */
export function exportedBody(body: EntityBody): Record<string, unknown> | undefined {
  const { namespace, ...rest } = body.metadata;
  // The default namespace is implied, as in the files people write.
  const metadata = ordered(namespace === 'default' ? rest : body.metadata, metadataOrder);
  let spec = body.spec;
  if (body.kind === 'Location') {
    spec = withoutRelativeTargets(spec) as Record<string, unknown>;
    if (spec === undefined) return undefined;
  }
  return { apiVersion: body.apiVersion, kind: body.kind, metadata, spec: ordered(spec, specOrder) };
}

const isUrl = (target: unknown) => typeof target === 'string' && /^[a-z][a-z0-9+.-]+:/i.test(target);

function withoutRelativeTargets(spec: Record<string, unknown>): Record<string, unknown> | undefined {
  const { target, targets, ...rest } = spec;
  const kept = [target, ...(Array.isArray(targets) ? targets : [])].filter(isUrl);
  if (kept.length === 0) return undefined;
  if (isUrl(target) && !Array.isArray(targets)) return { ...rest, target };
  return { ...rest, targets: kept };
}

function ordered(value: Record<string, unknown>, first: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of first) if (Object.hasOwn(value, key)) out[key] = value[key];
  for (const key of Object.keys(value).sort()) if (!Object.hasOwn(out, key)) out[key] = value[key];
  return out;
}
