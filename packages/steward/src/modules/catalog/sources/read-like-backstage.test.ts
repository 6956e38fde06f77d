// Reading a repository the way Backstage does: Location targets (relative under type url and file,
// globs) followed once each, the files that hold entities and not the rest of the YAML, a Template's
// skeleton left alone, and $text/$json/$yaml substituted. The plugin monorepo fixture is shaped like
// backstage/community-plugins' workspaces; the counts below are counted by hand in its files.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCatalogConfig } from '../catalog-config.ts';
import { collectUpload } from './collect-upload.ts';
import { loadCatalog } from './load.ts';

const monorepo = resolve(import.meta.dirname, '../test-fixtures/plugin-monorepo');

const lines = (...text: string[]) => `${text.join('\n')}\n`;
const group = (name: string) =>
  lines(
    'apiVersion: backstage.io/v1alpha1',
    'kind: Group',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  type: team',
    '  children: []',
  );
const location = (type: string, ...targets: string[]) =>
  lines(
    'apiVersion: backstage.io/v1alpha1',
    'kind: Location',
    'metadata:',
    '  name: root',
    'spec:',
    `  type: ${type}`,
    '  targets:',
    ...targets.map((t) => `    - ${t}`),
  );

let root: string;
const write = (path: string, content: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
};
const found = (problems: { file: string; line: number; column: number; code: string }[]) =>
  problems.map(
    (p) =>
      `${p.file.startsWith(root) ? p.file.slice(root.length + 1) : p.file}:${p.line}:${p.column} ${p.code}`,
  );

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'catalog-backstage-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('a plugin monorepo whose root catalog-info.yaml is a Location with glob targets', () => {
  it("yields every plugin's entities, the team, and the Template, and nothing from skeletons, docs, CI or charts", async () => {
    const result = await loadCatalog([monorepo]);
    expect(result.errors).toEqual([]);
    expect(result.entities.map((e) => e.ref).sort()).toEqual([
      'api:default/events-api',
      'api:default/todo-api',
      'component:default/catalog-graph',
      'component:default/events',
      'component:default/jenkins',
      'component:default/kafka',
      'component:default/sonarqube',
      'component:default/tech-radar',
      'component:default/todo',
      'group:default/plugins-team',
      'location:default/plugins-monorepo',
      'resource:default/kafka-cluster',
      'template:default/new-plugin',
      'user:default/ada',
    ]);
    // 7 plugin files, org.yaml, template.yaml and the root: the skeleton's catalog-info.yaml is not read.
    expect(result.files).toBe(10);
    const [warning] = result.warnings;
    expect(result.warnings).toHaveLength(1);
    expect(warning).toMatchObject({
      file: join(monorepo, 'catalog-info.yaml'),
      line: 14,
      column: 7,
      code: 'url-not-read',
    });
    expect(warning?.message).toContain(
      '"https://github.com/backstage/backstage/blob/master/catalog-info.yaml"',
    );
  });

  it('substitutes $text, $json and $yaml with the files they name', async () => {
    const result = await loadCatalog([monorepo]);
    const spec = (ref: string) => result.entities.find((e) => e.ref === ref)?.spec;
    expect(spec('api:default/todo-api')?.definition).toBe(
      readFileSync(join(monorepo, 'plugins/todo/openapi.yaml'), 'utf8'),
    );
    expect(spec('resource:default/kafka-cluster')?.connection).toEqual({
      bootstrapServers: ['kafka-1.example.com:9092'],
      tls: true,
    });
    expect(spec('template:default/new-plugin')?.parameters).toEqual([
      { title: 'The plugin', required: ['name'], properties: { name: { title: 'Name', type: 'string' } } },
    ]);
  });

  it('uploads from a directory the files the server will read: targets, globs and placeholders, no skeleton', async () => {
    const upload = await collectUpload(monorepo);
    expect(upload.files.map((f) => f.path)).toEqual([
      'catalog-info.yaml',
      'org.yaml',
      'plugins/catalog-graph/catalog-info.yaml',
      'plugins/events/asyncapi.yaml',
      'plugins/events/catalog-info.yaml',
      'plugins/jenkins/catalog-info.yaml',
      'plugins/kafka/catalog-info.yaml',
      'plugins/kafka/connection.json',
      'plugins/sonarqube/catalog-info.yaml',
      'plugins/tech-radar/catalog-info.yaml',
      'plugins/todo/catalog-info.yaml',
      'plugins/todo/openapi.yaml',
      'templates/plugin/parameters.yaml',
      'templates/plugin/template.yaml',
    ]);
  });
});

describe('Location targets', () => {
  it('are relative to the Location file under type url as under type file; ** spans directories', async () => {
    write('catalog-info.yaml', location('url', './teams/**/*.yaml'));
    write('teams/a.yaml', group('a'));
    write('teams/deep/er/b.yaml', group('b'));
    write('teams/.draft.yaml', group('hidden')); // a wildcard does not match a hidden file, as in Backstage
    write('services/catalog-info.yaml', location('file', '../people/c.yaml').replace('root', 'services'));
    write('people/c.yaml', group('c'));
    const result = await loadCatalog([root]);
    expect(result.errors).toEqual([]);
    expect(result.entities.map((e) => e.name).sort()).toEqual(['a', 'b', 'c', 'root', 'services']);
  });

  it('that point at each other are each read once', async () => {
    write('catalog-info.yaml', location('file', './more/catalog-info.yaml', './*.yaml'));
    write(
      'more/catalog-info.yaml',
      location('url', '../catalog-info.yaml', './x.yaml').replace('root', 'more'),
    );
    write('more/x.yaml', group('x'));
    const result = await loadCatalog([root]);
    expect(result.files).toBe(3);
    expect(result.errors).toEqual([]);
    expect(result.entities.map((e) => e.name).sort()).toEqual(['more', 'root', 'x']);
  });

  it('a glob matching nothing is an error unless the Location is optional; one leaving the root is refused', async () => {
    write('catalog-info.yaml', location('url', './plugins/*/catalog-info.yaml', '../elsewhere/*.yaml'));
    const result = await loadCatalog([root]);
    expect(found(result.errors)).toEqual([
      'catalog-info.yaml:8:7 target-not-found',
      'catalog-info.yaml:9:7 path-escapes-root',
    ]);
    expect(result.errors[0]?.message).toBe(
      'no file matches "./plugins/*/catalog-info.yaml" (looked for plugins/*/catalog-info.yaml); correct the pattern, or mark the Location presence: optional',
    );
    write('catalog-info.yaml', `${location('url', './plugins/*/catalog-info.yaml')}  presence: optional\n`);
    expect((await loadCatalog([root])).errors).toEqual([]);
  });

  it('a file a glob matches through a link leading out of the source is refused at the target', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'catalog-outside-'));
    writeFileSync(join(outside, 'team.yaml'), group('secret'));
    write('catalog-info.yaml', location('url', './teams/*.yaml'));
    write('teams/ok.yaml', group('ok'));
    symlinkSync(join(outside, 'team.yaml'), join(root, 'teams/linked.yaml'));
    const result = await loadCatalog([root]);
    rmSync(outside, { recursive: true, force: true });
    expect(found(result.errors)).toEqual(['catalog-info.yaml:8:7 path-escapes-root']);
    expect(result.errors[0]?.message).toMatch(
      /^"teams\/linked.yaml" is a symbolic link to a file outside the source/,
    );
    expect(result.entities.map((e) => e.name).sort()).toEqual(['ok', 'root']);
  });

  it('a glob written to backtrack matches in linear time (RE2), and each folder is listed once', async () => {
    const pattern = `./${'**/'.repeat(40)}${'a*'.repeat(30)}b.yaml`;
    write('catalog-info.yaml', location('url', ...Array.from({ length: 200 }, () => pattern)));
    for (let i = 0; i < 20; i++) write(`d${i}/${'a'.repeat(60)}.yaml`, group(`g${i}`));
    const started = performance.now();
    const result = await loadCatalog([root]);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result.errors.map((e) => e.code)).toEqual(Array.from({ length: 200 }, () => 'target-not-found'));
  });

  it('of a type Backstage reads with a provider (github-discovery) are reported at the type, not read', async () => {
    write(
      'catalog-info.yaml',
      location('github-discovery', 'https://github.com/org/*/blob/main/catalog-info.yaml'),
    );
    const result = await loadCatalog([root]);
    expect(result.errors).toEqual([]);
    expect(found(result.warnings)).toEqual(['catalog-info.yaml:6:9 url-not-read']);
    expect(result.warnings[0]?.message).toMatch(
      /^a Location of type "github-discovery" is for a Backstage provider/,
    );
  });

  it('that are URLs are reported with the URL, credentials left out, and not followed', async () => {
    write(
      'catalog-info.yaml',
      location('url', 'https://ci:s3cret@git.example.com/org/repo/blob/main/catalog-info.yaml?token=abc'),
    );
    const result = await loadCatalog([root]);
    expect(result.errors).toEqual([]);
    expect(found(result.warnings)).toEqual(['catalog-info.yaml:8:7 url-not-read']);
    expect(result.warnings[0]?.message).toMatch(
      /^"https:\/\/git.example.com\/org\/repo\/blob\/main\/catalog-info.yaml\?…" is a URL to elsewhere, not followed/,
    );
    expect(result.warnings[0]?.message).not.toMatch(/s3cret|abc/);
  });
});

describe('which files of a directory hold entities', () => {
  it('configured globs add files and take them away', async () => {
    write('catalog-info.yaml', group('a'));
    write('docs/entities/b.yaml', group('b'));
    write('legacy/catalog-info.yaml', group('c'));
    const files = parseCatalogConfig(
      'catalog.yaml',
      lines('files:', '  include: [docs/entities/*.yaml]', '  exclude: ["legacy/**"]'),
    ).files;
    const result = await loadCatalog([root], { files });
    expect(result.entities.map((e) => e.name).sort()).toEqual(['a', 'b']);
  });

  it('a malformed glob in the configuration is pointed at', () => {
    expect(() =>
      parseCatalogConfig('catalog.yaml', lines('files:', '  include: ["docs/{a,b.yaml"]')),
    ).toThrow(/^catalog\.yaml:2:13 files\.include\.0: is not a glob Steward can read: "\{" is never closed/);
  });
});

describe('placeholders', () => {
  const api = (definition: string) =>
    lines(
      'apiVersion: backstage.io/v1alpha1',
      'kind: API',
      'metadata:',
      '  name: pay',
      'spec:',
      '  type: openapi',
      '  lifecycle: production',
      '  owner: group:a',
      '  definition:',
      `    ${definition}`,
    );

  it('a missing file is an error at the placeholder, naming the substitution and the file', async () => {
    write('catalog-info.yaml', api('$text: ./openapi.yaml'));
    const result = await loadCatalog([root]);
    expect(found(result.errors)).toEqual(['catalog-info.yaml:10:12 target-not-found']);
    expect(result.errors[0]?.message).toBe(
      '$text "./openapi.yaml" is not a file (looked for openapi.yaml); create it or correct the path',
    );
  });

  it('$json of a file that is not JSON is an error at the placeholder, and the entity is not kept', async () => {
    write('catalog-info.yaml', api('$json: ./spec.json'));
    write('spec.json', '{ "openapi": ');
    const result = await loadCatalog([root]);
    expect(found(result.errors)).toEqual(['catalog-info.yaml:10:12 invalid-value']);
    expect(result.errors[0]?.message).toMatch(/^\$json "\.\/spec\.json" is not valid JSON \(/);
    expect(result.entities).toEqual([]);
  });

  it('what one read substitutes in all is bounded: past the budget, an error at the placeholder', async () => {
    write(
      'catalog-info.yaml',
      `${api('$text: ./openapi.yaml')}---\n${api('$text: ./openapi.yaml').replace('name: pay', 'name: pay-v2')}`,
    );
    write('team.yaml', group('a'));
    write('openapi.yaml', 'x'.repeat(600));
    const result = await loadCatalog([root, join(root, 'team.yaml')], { substitutionBudgetBytes: 1000 });
    expect(found(result.errors)).toEqual(['catalog-info.yaml:21:12 file-too-large']);
    expect(result.errors[0]?.message).toMatch(
      /^\$text "\.\/openapi\.yaml" was not substituted: this source's placeholders already substituted/,
    );
    expect(result.entities.map((e) => e.name).sort()).toEqual(['a', 'pay']);
  });

  it('what a placeholder gives must be what the field takes: $yaml for an API definition is refused, as in Backstage', async () => {
    write('catalog-info.yaml', api('$yaml: ./openapi.yaml'));
    write('openapi.yaml', 'openapi: 3.0.3\n');
    const result = await loadCatalog([root]);
    expect(found(result.errors)).toEqual(['catalog-info.yaml:10:12 invalid-value']);
    expect(result.errors[0]?.message).toBe(
      'spec.definition must be a string, but $yaml "./openapi.yaml" gives a mapping; $text gives the file as text',
    );
  });

  it('a URL is reported and kept as written', async () => {
    write('catalog-info.yaml', api('$text: https://example.com/openapi.yaml'));
    write('team.yaml', group('a'));
    const result = await loadCatalog([root, join(root, 'team.yaml')]);
    expect(found(result.warnings)).toEqual(['catalog-info.yaml:10:12 url-not-read']);
    expect(result.entities[0]?.spec.definition).toEqual({ $text: 'https://example.com/openapi.yaml' });
  });
});
