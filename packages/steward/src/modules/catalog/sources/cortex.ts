// Cortex's entity descriptor (`cortex.yaml`, an OpenAPI document whose `info` carries `x-cortex-*`)
// as a Backstage entity, so teams leaving Cortex bring their catalog along: services become
// Components, domains Systems, teams Groups; owners, groups (tags), links, dependencies and the
// domain parent carry over.
import {
  asList,
  asRecord,
  EntityBuilder,
  entityName,
  fileProblem,
  type MappedEntity,
  type MappedFile,
  tagFrom,
  text,
} from './mapped-entity.ts';
import { readPositionedYaml } from './positioned-yaml.ts';

export const cortexFileNames = ['cortex.yaml', 'cortex.yml'];

export function mapCortex(content: string, file: string): MappedFile {
  const yaml = readPositionedYaml(content);
  if (yaml.errors.length > 0) {
    return {
      entities: [],
      yaml,
      problems: yaml.errors.map((e) => fileProblem(file, e, 'error', e.code, e.message)),
    };
  }
  const info = asRecord(asRecord(yaml.value)?.info);
  if (!info) {
    const message = 'a cortex.yaml needs an `info:` mapping with x-cortex-tag and title';
    return {
      entities: [],
      yaml,
      problems: [fileProblem(file, { line: 1, column: 1 }, 'error', 'invalid-document', message)],
    };
  }
  const type = (text(info['x-cortex-type']) ?? 'service').toLowerCase();
  const b =
    type === 'team'
      ? new EntityBuilder('backstage.io/v1alpha1', 'Group')
      : new EntityBuilder('backstage.io/v1alpha1', type === 'domain' ? 'System' : 'Component');
  b.set('metadata.name', entityName(info['x-cortex-tag']), 'info.x-cortex-tag');
  b.set('metadata.title', text(info.title), 'info.title');
  b.set('metadata.description', text(info.description), 'info.description');
  b.set(['metadata', 'annotations', 'steward.dev/imported-from'], 'cortex', 'info');
  mapGroupsAndLinks(b, info);
  if (type === 'team') {
    b.set('spec.type', 'team', 'info.x-cortex-type');
    b.set('spec.children', [], 'info');
    if (text(info.title)) b.set('spec.profile', { displayName: text(info.title) }, 'info.title');
  } else {
    if (type !== 'domain') {
      b.set('spec.type', type, 'info.x-cortex-type');
      b.set('spec.lifecycle', 'unknown', 'info');
    }
    mapOwners(b, info);
    mapDependencies(b, info, type);
  }
  const entity: MappedEntity = { entity: b.entity, origins: b.origins, root: 'info' };
  return { entities: [entity], problems: [], yaml };
}

function mapGroupsAndLinks(b: EntityBuilder, info: Record<string, unknown>): void {
  asList(info['x-cortex-groups']).forEach((group, i) => {
    const tag = text(group) ? tagFrom(text(group) as string) : undefined;
    if (tag) b.push('metadata.tags', tag, `info.x-cortex-groups[${i}]`);
  });
  asList(info['x-cortex-link']).forEach((link, i) => {
    const l = asRecord(link);
    if (!l || !text(l.url)) return;
    const value = JSON.parse(
      JSON.stringify({ url: text(l.url), title: text(l.name), type: text(l.type)?.toLowerCase() }),
    );
    b.push('metadata.links', value, `info.x-cortex-link[${i}]`);
  });
  const repository = text(asRecord(asRecord(info['x-cortex-git'])?.github)?.repository);
  if (repository)
    b.set(
      ['metadata', 'annotations', 'github.com/project-slug'],
      repository,
      'info.x-cortex-git.github.repository',
    );
  const pagerduty = asRecord(asRecord(info['x-cortex-oncall'])?.pagerduty);
  if (text(pagerduty?.id)) {
    b.set(
      ['metadata', 'annotations', 'pagerduty.com/service-id'],
      text(pagerduty?.id),
      'info.x-cortex-oncall.pagerduty.id',
    );
  }
}

/** The first group owner is the owner; other groups and e-mail owners are kept as annotations. */
function mapOwners(b: EntityBuilder, info: Record<string, unknown>): void {
  const groups: { name: string; at: string }[] = [];
  const emails: string[] = [];
  asList(info['x-cortex-owners']).forEach((owner, i) => {
    const o = asRecord(owner);
    const kind = text(o?.type)?.toLowerCase();
    if (kind === 'group' && text(o?.name))
      groups.push({ name: text(o?.name) as string, at: `info.x-cortex-owners[${i}].name` });
    else if (kind === 'email' && text(o?.email)) emails.push(text(o?.email) as string);
  });
  const [first, ...others] = groups;
  if (first) b.set('spec.owner', `group:${entityName(first.name)}`, first.at);
  if (others.length > 0) {
    const names = others.map((g) => `group:${entityName(g.name)}`).join(',');
    b.set(['metadata', 'annotations', 'steward.dev/other-owners'], names, 'info.x-cortex-owners');
  }
  if (emails.length > 0)
    b.set(['metadata', 'annotations', 'cortex.io/owner-emails'], emails.join(','), 'info.x-cortex-owners');
}

function mapDependencies(b: EntityBuilder, info: Record<string, unknown>, type: string): void {
  if (type === 'domain') return;
  asList(info['x-cortex-dependency']).forEach((dependency, i) => {
    const tag = text(asRecord(dependency)?.tag);
    if (tag) b.push('spec.dependsOn', `component:${entityName(tag)}`, `info.x-cortex-dependency[${i}].tag`);
  });
  const domain = text(asRecord(asList(info['x-cortex-domain-parents'])[0])?.tag);
  if (domain) b.set('spec.system', `system:${entityName(domain)}`, 'info.x-cortex-domain-parents[0].tag');
}
