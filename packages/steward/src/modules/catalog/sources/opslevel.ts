// OpsLevel's `opslevel.yml` (version 1) as a Backstage Component, so teams leaving OpsLevel bring
// their services along: name and aliases, owner (a team alias → group), lifecycle and tier aliases,
// tags, tools (links; `runbooks` become the runbook link), language, dependencies.
import {
  asList,
  asRecord,
  EntityBuilder,
  entityName,
  fileProblem,
  type MappedFile,
  tagFrom,
  text,
} from './mapped-entity.ts';
import { readPositionedYaml } from './positioned-yaml.ts';

export const opslevelFileNames = ['opslevel.yml', 'opslevel.yaml'];

/** OpsLevel's default lifecycle aliases, onto Backstage's usual lifecycles; others are kept as written. */
const lifecycles: Record<string, string> = {
  pre_alpha: 'experimental',
  'pre-alpha': 'experimental',
  alpha: 'experimental',
  beta: 'experimental',
  generally_available: 'production',
  ga: 'production',
  end_of_life: 'deprecated',
  'end-of-life': 'deprecated',
};

export function mapOpslevel(content: string, file: string): MappedFile {
  const yaml = readPositionedYaml(content);
  const start = { line: 1, column: 1 };
  if (yaml.errors.length > 0) {
    return {
      entities: [],
      yaml,
      problems: yaml.errors.map((e) => fileProblem(file, e, 'error', e.code, e.message)),
    };
  }
  const root = asRecord(yaml.value);
  const key =
    root?.service !== undefined ? 'service' : root?.component !== undefined ? 'component' : undefined;
  const service = key ? asRecord(root?.[key]) : undefined;
  if (!key || !service) {
    const repositoryOnly = root?.repository !== undefined;
    const message = repositoryOnly
      ? 'this opslevel.yml describes a repository, not a service: there is nothing to import from it'
      : 'an opslevel.yml needs a `service:` (or `component:`) mapping with at least name and owner';
    const problem = fileProblem(
      file,
      start,
      repositoryOnly ? 'warning' : 'error',
      'invalid-document',
      message,
    );
    return { entities: [], yaml, problems: [problem] };
  }
  const b = new EntityBuilder('backstage.io/v1alpha1', 'Component');
  const aliases = asList(service.aliases);
  const nameFrom = text(aliases[0]) ? `${key}.aliases[0]` : `${key}.name`;
  b.set('metadata.name', entityName(text(aliases[0]) ?? text(service.name)), nameFrom);
  b.set('metadata.title', text(service.name), `${key}.name`);
  b.set('metadata.description', text(service.description), `${key}.description`);
  mapTags(b, key, service);
  mapAnnotations(b, key, service);
  asList(service.tools).forEach((tool, i) => {
    const t = asRecord(tool);
    if (!t || !text(t.url)) return;
    const category = text(t.category)?.toLowerCase();
    const link = {
      url: text(t.url),
      title: text(t.name) ?? category ?? 'tool',
      type: category === 'runbooks' ? 'runbook' : category,
    };
    b.push('metadata.links', JSON.parse(JSON.stringify(link)), `${key}.tools[${i}]`);
  });
  b.set('spec.type', text(service.type) ?? 'service', `${key}.type`);
  const lifecycle = text(service.lifecycle);
  b.set(
    'spec.lifecycle',
    lifecycle ? (lifecycles[lifecycle.toLowerCase()] ?? lifecycle) : 'unknown',
    `${key}.lifecycle`,
  );
  const owner = text(service.owner);
  if (owner) b.set('spec.owner', `group:${owner}`, `${key}.owner`);
  if (text(service.system)) b.set('spec.system', `system:${entityName(service.system)}`, `${key}.system`);
  asList(service.dependencies).forEach((dependency, i) => {
    const alias = text(asRecord(dependency)?.alias) ?? text(dependency);
    if (alias) b.push('spec.dependsOn', `component:${entityName(alias)}`, `${key}.dependencies[${i}]`);
  });
  return { entities: [{ entity: b.entity, origins: b.origins, root: key }], problems: [], yaml };
}

function mapTags(b: EntityBuilder, key: string, service: Record<string, unknown>): void {
  asList(service.tags).forEach((tag, i) => {
    const t = asRecord(tag);
    const written = t ? [text(t.key), text(t.value)].filter(Boolean).join(':') : text(tag);
    const value = written ? tagFrom(written) : undefined;
    if (value) b.push('metadata.tags', value, `${key}.tags[${i}]`);
  });
  const language = text(service.language);
  if (language && tagFrom(language)) b.push('metadata.tags', tagFrom(language), `${key}.language`);
}

function mapAnnotations(b: EntityBuilder, key: string, service: Record<string, unknown>): void {
  b.set(['metadata', 'annotations', 'steward.dev/imported-from'], 'opslevel', key);
  const tier = text(service.tier);
  if (tier) {
    b.set(['metadata', 'annotations', 'opslevel.com/tier'], tier, `${key}.tier`);
    const level = /(\d+)/.exec(tier)?.[1];
    if (level) b.set(['metadata', 'annotations', 'steward.dev/tier'], level, `${key}.tier`);
  }
  for (const field of ['product', 'framework'] as const) {
    const value = text(service[field]);
    if (value) b.set(['metadata', 'annotations', `opslevel.com/${field}`], value, `${key}.${field}`);
  }
  const aliases = asList(service.aliases).map(text).filter(Boolean);
  if (aliases.length > 1)
    b.set(['metadata', 'annotations', 'opslevel.com/aliases'], aliases.join(','), `${key}.aliases`);
}
