// Catalog files shaped like real Backstage repositories (the create-app template's e-mail owner, a
// plugin repository's display-name system and owner of kind Component, refs in odd case): they
// validate with warnings only, and once ingested the entities are served and who-owns answers for them.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { startTestSteward, type TestSteward } from '../../server/test-steward.ts';

const fixture = join(import.meta.dirname, 'fixtures/backstage-shaped');
const binary = join(import.meta.dirname, '../../../bin/steward.js');

/** Where each warning is, counted by hand in the fixture's files. */
const expectedWarnings = [
  'app/catalog-info.yaml:12:10 nonstandard-ref', // owner: john@example.com
  'plugins/todo/catalog-info.yaml:15:10 unusual-ref-kind', // owner: component:backstage
  'plugins/todo/catalog-info.yaml:16:11 nonstandard-ref', // system: Developer Portal
  'plugins/todo/catalog-info.yaml:28:10 nonstandard-ref', // owner: Platform Team
];

describe('steward catalog validate on Backstage-shaped repositories', () => {
  it('exits 0 with warnings, each naming file:line:col and what would be right', () => {
    const run = spawnSync(process.execPath, [binary, 'catalog', 'validate', '.', '--format', 'json'], {
      cwd: fixture,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.entities).toBe(6);
    expect(result.errors).toEqual([]);
    const at = (p: { file: string; line: number; column: number; code: string }) =>
      `${p.file}:${p.line}:${p.column} ${p.code}`;
    expect(result.warnings.map(at)).toEqual(expectedWarnings);
    expect(result.warnings[0].message).toContain('e.g. user:john');
    expect(result.warnings[2].message).toContain('e.g. system:developer-portal');
  });
});

function fixtureFiles(dir = fixture): { path: string; content: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return fixtureFiles(path);
    return [{ path: relative(fixture, path), content: readFileSync(path, 'utf8') }];
  });
}

describeEachEngine('Backstage-shaped repositories on the server', ({ db }) => {
  let steward: TestSteward;
  const get = (url: string) => steward.call('GET', url, { token: steward.adminToken });
  const whoOwns = async (thing: string) => {
    const response = await get(`/api/v1/who-owns?thing=${encodeURIComponent(thing)}`);
    expect(response.statusCode).toBe(200);
    return response.json().items[0];
  };

  beforeAll(async () => {
    steward = await startTestSteward(db());
    const upload = await steward.call('POST', '/api/v1/catalog/sources', {
      token: steward.adminToken,
      body: { kind: 'upload', name: 'backstage-shaped', files: fixtureFiles() },
    });
    expect(upload.statusCode).toBe(202);
    const job = await steward.jobOf(upload);
    expect(job).toMatchObject({ state: 'succeeded', result: { errorCount: 0 } });
  });
  afterAll(async () => {
    await steward?.close();
  });

  it('serves every entity, with its owner as the ref Backstage makes of it and the warning', async () => {
    const refs = (await get('/api/v1/entities?limit=100')).json().items.map((i: { ref: string }) => i.ref);
    expect(refs).toEqual([
      'api:default/todo-api',
      'component:default/backstage',
      'component:default/backstage-plugin-todo',
      'group:default/maintainers',
      'system:default/developer-portal',
      'user:default/guest',
    ]);
    const app = (await get('/api/v1/entities/component/default/backstage')).json();
    expect(app).toMatchObject({
      owner: 'group:default/john@example.com',
      entity: { spec: { owner: 'john@example.com' } },
      relations: {
        outgoing: [{ type: 'ownedBy', targetRef: 'group:default/john@example.com', targetExists: false }],
      },
      problems: [expect.objectContaining({ severity: 'warning', code: 'nonstandard-ref', line: 12 })],
    });
    const owned = await get(`/api/v1/entities?owner=${encodeURIComponent('john@example.com')}`);
    expect(owned.json().items.map((i: { ref: string }) => i.ref)).toEqual(['component:default/backstage']);
  });

  it('resolves refs ignoring case: the plugin owned by a component, a user in a group, a system owned by it', async () => {
    const plugin = (await get('/api/v1/entities/Component/Default/Backstage-Plugin-Todo')).json();
    expect(plugin.relations.outgoing).toEqual(
      expect.arrayContaining([
        { type: 'ownedBy', targetRef: 'component:default/backstage', targetExists: true },
        { type: 'providesApi', targetRef: 'api:default/todo-api', targetExists: true },
        { type: 'partOf', targetRef: 'system:default/developer portal', targetExists: false },
      ]),
    );
    const team = (await get('/api/v1/entities/group/default/maintainers')).json();
    expect(team.relations.incoming).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'memberOf', sourceRef: 'user:default/guest' }),
        expect.objectContaining({ type: 'ownedBy', sourceRef: 'system:default/developer-portal' }),
      ]),
    );
  });

  it('who-owns answers for each entity, with the owner as the file gives it', async () => {
    await vi.waitFor(async () => expect((await whoOwns('backstage')).decidedBy).not.toBeNull());
    const app = await whoOwns('backstage');
    expect(app.decidedBy).toMatchObject({
      source: 'entity',
      entity: 'component:default/backstage',
      file: 'app/catalog-info.yaml',
      line: 12,
      rule: 'spec.owner: john@example.com',
    });
    expect(app.explanation).toContain('group:default/john@example.com');
    const plugin = await whoOwns('Component:Default/Backstage-Plugin-Todo');
    expect(plugin).toMatchObject({
      owned: true,
      owners: [{ ref: 'component:default/backstage', role: 'primary' }],
      decidedBy: { rule: 'spec.owner: component:backstage', line: 15 },
    });
    const api = await whoOwns('api:todo-api');
    expect(api.decidedBy).toMatchObject({ rule: 'spec.owner: Platform Team', line: 28 });
    const portal = await whoOwns('system:developer-portal');
    expect(portal).toMatchObject({ owned: true, owners: [{ ref: 'group:default/maintainers' }] });
  });
});
