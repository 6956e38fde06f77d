// Hostile catalog sources for the hostile-catalog suite: a tree whose links lead to secrets outside
// it, and files with NUL bytes, lone surrogates and nesting thousands deep, next to good entities
// that must still be read. Each secret is a unique string the suite looks for in every answer.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { git } from '../fixture.test-support.ts';

export const depth = 5000;
/** `[[[…]]]`, 5,000 levels. */
export const deepSequence = `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** `{a: {a: …}}`, 5,000 levels. */
export const deepMapping = `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;

export const entity = (kind: string, name: string, spec: string, metadata = '') =>
  `apiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${metadata}spec:\n${spec}`;

const opslevel = (name: string, rest: string) =>
  `version: 1\nservice:\n  name: ${name}\n  owner: good-team\n${rest}`;

export const component = (name: string, metadata = '', spec = '') =>
  entity(
    'Component',
    name,
    `  type: service\n  lifecycle: production\n  owner: good-team\n${spec}`,
    metadata,
  );

/** Files with one bad character or too much nesting each; every line and column is counted in the suite. */
export const badFiles: Record<string, string> = {
  // Line 5, column 18: the NUL byte.
  'bad/nul/catalog-info.yaml': component('nul-service', '  description: ab\u0000cd\n'),
  // Line 5, column 16: the quoted scalar holding the escape.
  'bad/nul-escape/catalog-info.yaml': component('nul-escape', '  description: "ab\\0cd"\n'),
  'bad/surrogate/catalog-info.yaml': component('surrogate', '  description: "ab\\ud800cd"\n'),
  // Line 9: `  deep: ` then the brackets from column 9.
  'bad/deep-spec/catalog-info.yaml': component('deep-spec', '', `  deep: ${deepSequence}\n`),
  // Line 6: `    a: ` then the mappings from column 8.
  'bad/deep-annotations/catalog-info.yaml': component(
    'deep-annotations',
    `  annotations:\n    a: ${deepMapping}\n`,
  ),
};

/** Values thousands of characters long where problems quote what was written. */
export const longFiles: Record<string, string> = {
  'bad/long-values/catalog-info.yaml': entity(
    'Component',
    'long-values',
    `  type: service\n  lifecycle: production\n  owner: ${'o'.repeat(3000)}\n  dependsOn: [${'d'.repeat(3000)}]\n`,
    `  title: [${'t'.repeat(3000)}]\n  annotations:\n    ${'k'.repeat(1000)}/a: v\n`,
  ),
  // The `yaml` package quotes a block scalar header's extra characters in its message.
  // opslevel.yml files, mapped to catalog entities: line 5, the NUL at column 18, the mappings from column 9.
  'bad/nul-opslevel/opslevel.yml': opslevel('nul-ops', '  description: ab\u0000cd\n'),
  'bad/deep-opslevel/opslevel.yml': opslevel('deep-ops', `  tags: ${deepMapping}\n`),
  'bad/long-header/catalog-info.yaml': component(
    'long-header',
    `  description: |2${'g'.repeat(3000)}\n    x\n`,
  ),
};

/** Characters the long values above repeat: no problem may quote a run of 61 of any of them. */
export const longRuns = ['o', 'd', 't', 'k', 'g'].map((c) => c.repeat(61));

export const goodFiles: Record<string, string> = {
  'good/catalog-info.yaml': `${entity('Group', 'good-team', '  type: team\n  children: []\n')}---\n${component('good-service')}`,
  // Read only through the in-root link inside-link.yaml (a walk skips .txt files).
  'teams/linked.txt': entity('Group', 'linked-team', '  type: team\n  children: []\n'),
};

export interface HostileTree {
  /** The source: a git repository. */
  dir: string;
  /** Outside it: admin.token, catalog-info.yaml, CODEOWNERS and opslevel.yml, each holding `secret`. */
  outside: string;
  secret: string;
  cleanup(): void;
}

/**
 * The repository's catalog-info.yaml is a Location whose targets are links leading out: to a
 * secret file, to ../../admin.token (the data directory's, once cloned under sources/<id>), to
 * /etc/passwd and /proc/self/environ, and into a linked directory; plus one link that stays inside.
 * Its other files are good ones and ones with very long values.
 */
export function hostileTree(): HostileTree {
  const secret = `hostile-secret-${randomUUID()}`;
  const outside = mkdtempSync(join(tmpdir(), 'steward-secret-'));
  writeFileSync(join(outside, 'admin.token'), `${secret}\n`);
  writeFileSync(
    join(outside, 'catalog-info.yaml'),
    component('leaked-from-outside', `  description: ${secret}\n`),
  );
  writeFileSync(join(outside, 'CODEOWNERS'), `* @acme/${secret}\n`);
  writeFileSync(join(outside, 'opslevel.yml'), opslevel('leaked-ops', `  description: ${secret}\n`));
  const dir = gitRepository(
    { 'catalog-info.yaml': hostileLocation, ...goodFiles, ...longFiles },
    {
      'leaks/token.yaml': join(outside, 'admin.token'),
      'admin.yaml': '../../admin.token',
      'leaks/passwd.yaml': '/etc/passwd',
      'leaks/environ.yaml': '/proc/self/environ',
      'outside-dir': outside,
      'services/linked/catalog-info.yaml': join(outside, 'catalog-info.yaml'),
      CODEOWNERS: join(outside, 'CODEOWNERS'),
      'services/ops/opslevel.yml': join(outside, 'opslevel.yml'),
      'inside-link.yaml': 'teams/linked.txt',
    },
  );
  return {
    dir,
    outside,
    secret,
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    },
  };
}

/** A repository of the bad files, and one good entity that must still be stored. */
export function badCharactersTree(): { dir: string; cleanup(): void } {
  const dir = gitRepository({ ...badFiles, 'fine/catalog-info.yaml': component('also-good') }, {});
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function gitRepository(files: Record<string, string>, links: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-hostile-'));
  const place = (path: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    return join(dir, path);
  };
  for (const [path, content] of Object.entries(files)) writeFileSync(place(path), content);
  for (const [path, target] of Object.entries(links)) symlinkSync(target, place(path));
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '.');
  git(dir, 'commit', '--quiet', '-m', 'hostile catalog');
  return dir;
}

/** Targets on lines 7 to 12, each at column 7; the API's $text placeholder's path on line 22, column 24. */
const hostileLocation = `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: hostile
spec:
  targets:
    - ./leaks/token.yaml
    - ./admin.yaml
    - ./leaks/passwd.yaml
    - ./leaks/environ.yaml
    - ./outside-dir/catalog-info.yaml
    - ./inside-link.yaml
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: leaky-api
spec:
  type: openapi
  lifecycle: production
  owner: good-team
  definition: { $text: ./leaks/token.yaml }
`;
