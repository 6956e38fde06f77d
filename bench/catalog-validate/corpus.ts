// A deterministic, realistic catalog on disk for the validation benchmark: service repositories with
// a catalog-info.yaml each, system files with many entities, and the organisation's teams and people,
// about 50,000 entities in about 3,200 files. Some carry planted problems whose exact positions are
// recorded as the text is written, so the benchmark can check every reported position independently.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { seededRandom } from '../../packages/steward/src/platform/seeded-random.ts';

export interface Planted {
  file: string;
  /** Null when only the parser knows where it will report (an unclosed flow sequence). */
  line: number | null;
  column: number | null;
  code: string;
}

export interface Corpus {
  files: string[];
  /** Entity documents written (valid or not). */
  entities: number;
  /** Of those, documents no parser can read as an entity (broken YAML, a file that is not UTF-8). */
  unreadable: number;
  planted: Planted[];
}

const words = [
  'payments',
  'orders',
  'search',
  'catalog',
  'checkout',
  'billing',
  'identity',
  'shipping',
  'pricing',
  'reviews',
  'inventory',
  'ledger',
  'fraud',
  'media',
  'notify',
];
const languages = ['go', 'java', 'typescript', 'python', 'kotlin', 'rust'];
const counts = {
  repos: 2_400,
  systemFiles: 500,
  perSystemFile: 40,
  teams: 1_000,
  teamsPerFile: 10,
  users: 20_000,
  usersPerFile: 100,
  systems: 200,
  domains: 20,
};

/** One file being written: its lines, and the problems planted in it. */
class FileText {
  readonly lines: string[] = [];
  readonly planted: Planted[] = [];
  readonly path: string;
  constructor(path: string) {
    this.path = path;
  }
  push(...lines: string[]): void {
    this.lines.push(...lines);
  }
  /** Plants a problem on the line about to be pushed, at `token`'s column. */
  plant(line: string, token: string, code: string): string {
    this.planted.push({
      file: this.path,
      line: this.lines.length + 1,
      column: line.indexOf(token) + 1,
      code,
    });
    return line;
  }
}

export function writeCorpus(root: string, seed = 20_261_122): Corpus {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const chance = (p: number) => random() < p;
  const corpus: Corpus = { files: [], entities: 0, unreadable: 0, planted: [] };
  const componentCount = counts.repos + (counts.systemFiles * counts.perSystemFile) / 2;
  const apiCount = Math.floor(counts.repos / 2 + (counts.systemFiles * counts.perSystemFile) / 4);
  const component = (i: number) => `${words[i % words.length]}-svc-${i}`;
  const api = (i: number) => `${words[i % words.length]}-api-${i}`;
  const resource = (i: number) => `${words[i % words.length]}-db-${i}`;
  const team = () => `team-${Math.floor(random() * counts.teams)}`;
  const system = () => `sys-${Math.floor(random() * counts.systems)}`;
  let nextComponent = 0;
  let nextApi = 0;
  let nextResource = 0;
  let problemEvery = 0;
  // About one component in a hundred gets a planted problem, cycling through the kinds of mistake;
  // only odd-numbered ones, so that refs (always to even-numbered components) never dangle by accident.
  const problem = (i: number) => (i % 2 === 1 && chance(0.02) ? (problemEvery++ % 8) + 1 : 0);
  const safeComponent = () => component(2 * Math.floor(random() * componentCount * 0.45));
  const anyApi = () => api(Math.floor(random() * apiCount * 0.9));

  const writeComponent = (file: FileText): void => {
    const i = nextComponent++;
    const name = component(i);
    const p = problem(i);
    corpus.entities++;
    if (i % 8 === 3) {
      writeStewardService(file, name, p);
      return;
    }
    file.push('---', 'apiVersion: backstage.io/v1alpha1');
    file.push(p === 1 ? file.plant('kind: Componnet', 'Componnet', 'unknown-kind') : 'kind: Component');
    file.push('metadata:');
    file.push(p === 2 ? file.plant(`  name: ${name} v2`, name, 'invalid-name') : `  name: ${name}`);
    if (chance(0.5)) file.push(`  title: ${name.replace(/-/g, ' ')}`);
    if (chance(0.3))
      file.push(
        '  description: >',
        `    Handles ${pick(words)} for the web shop and the mobile apps,`,
        '    with retries and idempotency keys.',
      );
    else file.push(`  description: "Handles ${pick(words)} requests"`);
    const tags = [pick(languages), `tier-${1 + Math.floor(random() * 3)}`];
    if (p === 3) file.push(file.plant(`  tags: [${tags[0]}, Java]`, 'Java', 'invalid-tag'));
    else if (chance(0.5)) file.push(`  tags: [${tags.join(', ')}]`);
    else file.push('  tags:', ...tags.map((t) => `    - ${t}`));
    file.push(
      '  annotations:',
      `    github.com/project-slug: acme/${name}`,
      '    backstage.io/techdocs-ref: dir:.',
    );
    if (chance(0.5)) file.push(`    pagerduty.com/service-id: P${100000 + i}`);
    file.push(
      '  links:',
      `    - url: https://runbooks.acme.example/${name}`,
      '      title: Runbook',
      '      icon: book',
    );
    file.push('spec:');
    const specLine = '  type: service # deployable';
    if (p === 4) file.plant(specLine, 'type', 'missing-field');
    file.push(specLine, '  lifecycle: production');
    if (p === 5) file.push(file.plant('  owner: group:ghost-team', 'group:ghost-team', 'dangling-ref'));
    else if (p !== 4) file.push(`  owner: ${chance(0.5) ? 'group:' : ''}${team()}`);
    file.push(`  system: ${system()}`);
    if (chance(0.5)) file.push('  providesApis:', `    - ${anyApi()}`);
    if (chance(0.6)) file.push(`  consumesApis: [${anyApi()}, ${anyApi()}]`);
    if (p === 6) file.push(file.plant(`  dependsOn: [${resource(0)}]`, resource(0), 'invalid-ref'));
    else if (chance(0.7))
      file.push(
        '  dependsOn:',
        `    - component:${safeComponent()}`,
        `    - resource:${resource(Math.floor(random() * 1000))}`,
      );
  };

  const writeStewardService = (file: FileText, name: string, p: number): void => {
    file.push(
      '---',
      'apiVersion: steward.dev/v1',
      'kind: Service',
      'metadata:',
      `  name: ${name}`,
      '  tags: [go]',
      'spec:',
    );
    file.push('  lifecycle: production');
    file.push(
      p === 7 || p === 1
        ? file.plant('  tier: 5', '5', 'invalid-value')
        : `  tier: ${1 + Math.floor(random() * 4)}`,
    );
    file.push('  owners:', `    - ref: group:${team()}`, '      role: primary', `    - ref: ${team()}`);
    file.push(
      p === 8 || p === 2
        ? file.plant('      role: primary', 'primary', 'invalid-owners')
        : '      role: secondary',
    );
    file.push(
      `  runbook: https://runbooks.acme.example/${name}`,
      `  dashboard: https://grafana.acme.example/d/${name}`,
    );
    file.push(`  repository: https://github.com/acme/${name}`, `  path: services/${name}`, '  selectors:');
    file.push(
      '    kubernetes:',
      `      namespace: ${words[name.length % words.length]}`,
      '      labels:',
      `        app.kubernetes.io/name: ${name}`,
    );
    file.push('    alerts:', `      matchers: ['service=${name}', 'team=~"${words[0]}.*"']`);
    file.push('    urls:', `      hosts: [${name}.acme.example]`, '      pathPrefixes: [/api]');
  };

  const writeApi = (file: FileText): void => {
    if (nextApi >= apiCount) {
      writeResource(file);
      return;
    }
    const name = api(nextApi++);
    corpus.entities++;
    file.push(
      '---',
      'apiVersion: backstage.io/v1alpha1',
      'kind: API',
      'metadata:',
      `  name: ${name}`,
      `  description: The ${name} contract`,
    );
    file.push(
      'spec:',
      '  type: openapi',
      '  lifecycle: production',
      `  owner: ${team()}`,
      `  system: ${system()}`,
      '  definition: |',
    );
    file.push(
      '    openapi: 3.0.0',
      '    info:',
      `      title: ${name}`,
      `      version: 1.0.${nextApi % 20}`,
      '    paths:',
    );
    file.push(`      /v1/${pick(words)}:`, '        get:', '          summary: List them', '');
  };

  const writeResource = (file: FileText): void => {
    const name = resource(nextResource++);
    corpus.entities++;
    file.push('---', 'apiVersion: backstage.io/v1alpha1', 'kind: Resource', 'metadata:', `  name: ${name}`);
    file.push(
      `  description: 'PostgreSQL for ${pick(words)}'`,
      'spec:',
      `  type: ${pick(['database', 'queue', 's3-bucket'])}`,
    );
    file.push(`  owner: group:${team()}`, `  system: ${system()}`);
  };

  const save = (file: FileText, content?: Buffer): void => {
    const full = join(root, file.path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content ?? `${file.lines.join('\n')}\n`);
    corpus.files.push(full);
    corpus.planted.push(...file.planted.map((p) => ({ ...p, file: full })));
  };

  for (let r = 0; r < counts.repos; r++) {
    const file = new FileText(`repos/${component(nextComponent)}/catalog-info.yaml`);
    file.push(`# ${component(nextComponent)}: owned by the team in spec.owner`);
    writeComponent(file);
    if (chance(0.5)) writeApi(file);
    if (chance(0.5)) writeResource(file);
    save(file);
  }
  for (let s = 0; s < counts.systemFiles; s++) {
    const file = new FileText(`catalog/systems/system-${s}.yaml`);
    for (let e = 0; e < counts.perSystemFile; e++) {
      const r = random();
      if (r < 0.5) writeComponent(file);
      else if (r < 0.75) writeApi(file);
      else writeResource(file);
    }
    if (s % 100 === 7) {
      // A duplicate of an entity defined in a repository, and a broken document the others survive.
      const duplicate = component(2 * s);
      corpus.entities += 2;
      corpus.unreadable++;
      file.push('---', 'apiVersion: backstage.io/v1alpha1', 'kind: Component', 'metadata:');
      file.push(file.plant(`  name: ${duplicate}`, duplicate, 'duplicate-entity'));
      file.push('spec:', '  type: library', '  lifecycle: experimental', `  owner: ${team()}`);
      file.push(
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: Resource',
        'metadata:',
        `  name: broken-${s}`,
      );
      file.push(
        file.plant('  name: again', 'name', 'duplicate-key'),
        'spec:',
        '  type: queue',
        `  owner: ${team()}`,
      );
    }
    save(file);
  }
  writeOrganisation(save, corpus, random);
  return corpus;
}

function writeOrganisation(
  save: (file: FileText, content?: Buffer) => void,
  corpus: Corpus,
  random: () => number,
): void {
  for (let f = 0; f < counts.teams / counts.teamsPerFile; f++) {
    const file = new FileText(`org/teams/teams-${f}.yaml`);
    file.push('# Teams, as Backstage groups');
    for (let t = 0; t < counts.teamsPerFile; t++) {
      const i = f * counts.teamsPerFile + t;
      corpus.entities++;
      file.push(
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: Group',
        'metadata:',
        `  name: team-${i}`,
        'spec:',
        '  type: team',
      );
      file.push(
        '  profile:',
        `    displayName: Team ${i}`,
        `    email: team-${i}@acme.example`,
        '  children: []',
      );
    }
    save(file);
  }
  for (let f = 0; f < counts.users / counts.usersPerFile; f++) {
    const file = new FileText(`org/people/people-${f}.yaml`);
    for (let u = 0; u < counts.usersPerFile; u++) {
      const i = f * counts.usersPerFile + u;
      corpus.entities++;
      file.push(
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: User',
        'metadata:',
        `  name: person.${i}`,
        'spec:',
      );
      file.push('  profile:', `    displayName: "Person ${i}"`, `    email: person.${i}@acme.example`);
      file.push(`  memberOf: [team-${Math.floor(random() * counts.teams)}]`);
    }
    save(file);
  }
  const domains = new FileText('catalog/domains.yaml');
  for (let d = 0; d < counts.domains; d++) {
    corpus.entities++;
    domains.push(
      '---',
      'apiVersion: backstage.io/v1alpha1',
      'kind: Domain',
      'metadata:',
      `  name: dom-${d}`,
      'spec:',
      `  owner: team-${d}`,
    );
  }
  for (let s = 0; s < counts.systems; s++) {
    corpus.entities++;
    domains.push(
      '---',
      'apiVersion: backstage.io/v1alpha1',
      'kind: System',
      'metadata:',
      `  name: sys-${s}`,
      'spec:',
    );
    domains.push(`  owner: team-${s % counts.teams}`, `  domain: dom-${s % counts.domains}`);
  }
  save(domains);
  // One file saved in Latin-1: é is byte 0xE9.
  const latin1 = new FileText('org/people/legacy.yaml');
  latin1.push(
    'apiVersion: backstage.io/v1alpha1',
    'kind: User',
    'metadata:',
    '  name: rene',
    'spec:',
    '  profile:',
  );
  latin1.push(latin1.plant('    displayName: Ren\u00e9', '\u00e9', 'not-utf8'), '  memberOf: []');
  save(latin1, Buffer.from(`${latin1.lines.join('\n')}\n`, 'latin1'));
  corpus.entities++;
  corpus.unreadable++;
}
