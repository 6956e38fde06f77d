// A deterministic generated organisation for the catalog-scale benchmark: teams, people, domains,
// systems, components, APIs and resources, about three relations each, written as multi-document
// catalog-info.yaml files (one folder per team), the way a large monorepo of services would hold them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../../packages/steward/src/platform/seeded-random.ts';

export interface GeneratedOrganisation {
  entities: number;
  files: number;
  /** The size of the files written. */
  bytes: number;
  /** Every entity ref, for lookups. */
  refs: string[];
  /** Every team's owner ref (`group:default/team-0042`), for owner-filtered lists. */
  owners: string[];
}

/** Park–Miller: the same sequence on every machine, so every run measures the same organisation. */
const docsPerFile = 100;
/** Each team owns 54 entities (45 components, 6 APIs, 2 resources, its system): a full first page of 50. */
const componentsPerTeam = 45;

/** Writes about `total` entities under `dir`; per team: 10 people, 1 system, 45 components, 6 APIs, 2 resources. */
export function writeOrganisation(dir: string, total: number, seed = 20_260_301): GeneratedOrganisation {
  const random = seededRandom(seed);
  const perTeam = 1 + 10 + 1 + componentsPerTeam + 6 + 2;
  const teams = Math.max(1, Math.round((total - 10) / perTeam));
  const domains = Math.max(1, Math.ceil(teams / 50));
  const pick = (n: number) => Math.floor(random() * n);
  const refs: string[] = [];
  const owners: string[] = [];
  let files = 0;
  let bytes = 0;

  const writeFolder = (folder: string, docs: string[]) => {
    for (let i = 0; i < docs.length; i += docsPerFile) {
      // Every file a catalog-info.yaml, as a directory source reads them: the rest in part-N/ folders.
      const where = i === 0 ? join(dir, folder) : join(dir, folder, `part-${i / docsPerFile}`);
      mkdirSync(where, { recursive: true });
      const text = docs.slice(i, i + docsPerFile).join('');
      writeFileSync(join(where, 'catalog-info.yaml'), text);
      bytes += Buffer.byteLength(text);
      files++;
    }
  };

  const top: string[] = [group('engineering', 'department', undefined)];
  refs.push('group:default/engineering');
  for (let d = 0; d < domains; d++) {
    top.push(entity('Domain', `domain-${d}`, ['owner: engineering']));
    refs.push(`domain:default/domain-${d}`);
  }
  writeFolder('org', top);

  for (let t = 0; t < teams; t++) {
    const team = `team-${pad(t)}`;
    const docs: string[] = [group(team, 'team', 'engineering')];
    refs.push(`group:default/${team}`);
    owners.push(`group:default/${team}`);
    for (let u = 0; u < 10; u++) {
      docs.push(entity('User', `${team}-person-${u}`, [`memberOf: [${team}]`]));
      refs.push(`user:default/${team}-person-${u}`);
    }
    const system = `${team}-system`;
    docs.push(entity('System', system, [`owner: ${team}`, `domain: domain-${t % domains}`]));
    refs.push(`system:default/${system}`);
    for (let a = 0; a < 6; a++) {
      const name = `${team}-api-${a}`;
      docs.push(
        entity('API', name, [
          'type: openapi',
          'lifecycle: production',
          `owner: ${team}`,
          `system: ${system}`,
          'definition: "openapi: 3.1.0"',
        ]),
      );
      refs.push(`api:default/${name}`);
    }
    for (let r = 0; r < 2; r++) {
      const name = `${team}-db-${r}`;
      docs.push(entity('Resource', name, ['type: database', `owner: ${team}`, `system: ${system}`]));
      refs.push(`resource:default/${name}`);
    }
    for (let c = 0; c < componentsPerTeam; c++) {
      const name = `${team}-svc-${c}`;
      const other = `team-${pad(pick(teams))}`;
      const lines = [
        'type: service',
        `lifecycle: ${['production', 'production', 'experimental', 'deprecated'][pick(4)]}`,
        `owner: ${team}`,
        `system: ${system}`,
        `dependsOn: [component:${other}-svc-${pick(componentsPerTeam)}]`,
      ];
      if (c % 3 === 0) lines.push(`providesApis: [${team}-api-${c % 6}]`);
      if (c % 4 === 1) lines.push(`consumesApis: [${other}-api-${pick(6)}]`);
      docs.push(
        entity('Component', name, lines, [
          `tier-${1 + pick(4)}`,
          ['go', 'java', 'typescript'][pick(3)] as string,
        ]),
      );
      refs.push(`component:default/${name}`);
    }
    writeFolder(`teams/${team}`, docs);
  }
  return { entities: refs.length, files, bytes, refs, owners };
}

function pad(n: number): string {
  return String(n).padStart(4, '0');
}

function group(name: string, type: string, parent: string | undefined): string {
  const lines = [`type: ${type}`, 'children: []', `profile:\n    displayName: ${name}`];
  if (parent) lines.push(`parent: ${parent}`);
  return entity('Group', name, lines);
}

function entity(kind: string, name: string, spec: string[], tags: string[] = []): string {
  const tagLine = tags.length > 0 ? `  tags: [${tags.join(', ')}]\n` : '';
  return `---\napiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  description: ${kind} ${name} of the generated organisation\n${tagLine}spec:\n${spec.map((l) => `  ${l}\n`).join('')}`;
}
