// A hostile catalog, through the real server: a repository whose links lead to the server's secrets,
// files with NUL bytes, lone surrogates and nesting 5,000 deep, and uploads that cannot be written.
// Whatever it tries, no answer holds a secret, every good entity is stored, nothing is a 500, and a
// failed upload leaves the one before it in place. Add each new hostile source here.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { startTestSteward, type TestSteward } from '../../../server/test-steward.ts';
import { collectUpload } from './collect-upload.ts';
import {
  badCharactersTree,
  badFiles,
  component,
  deepMapping,
  entity,
  goodFiles,
  type HostileTree,
  hostileTree,
  longRuns,
} from './hostile-catalog.test-support.ts';

const binary = join(import.meta.dirname, '../../../../bin/steward.js');

interface Problem {
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
  entity: string | null;
}

/** Strings that must never appear in an answer: file contents from outside the source. */
function secretsOf(steward: TestSteward, tree: HostileTree): string[] {
  const environ = readFileSync('/proc/self/environ', 'latin1')
    .split('\0')
    .filter((v) => v.length > 12);
  return [tree.secret, steward.adminToken, 'root:x:0:0', ...environ.slice(0, 5)];
}

describeEachEngine('a hostile catalog repository', ({ db }) => {
  let steward: TestSteward;
  let tree: HostileTree;
  let bad: { dir: string; cleanup(): void };
  let created: { statusCode: number; body: string }[];
  let problems: Problem[];

  const admin = (method: string, url: string, body?: unknown) =>
    steward.call(method, url, { token: steward.adminToken, body });

  beforeAll(async () => {
    steward = await startTestSteward(db(), { gitAllowLocal: true });
    tree = hostileTree();
    bad = badCharactersTree();
    created = [];
    for (const url of [tree.dir, bad.dir]) {
      const response = await admin('POST', '/api/v1/catalog/sources', { kind: 'git', url });
      const job = await steward.jobOf(response);
      created.push({ statusCode: job.state === 'succeeded' ? 201 : 500, body: JSON.stringify(job) });
    }
    problems = (await admin('GET', '/api/v1/catalog/problems?limit=5000')).json().items;
  }, 60_000);
  afterAll(async () => {
    await steward?.close();
    tree?.cleanup();
    bad?.cleanup();
  });

  // The Location and the API pointing out are not kept either, as with a path written to leave the root.
  it('is read (no 500), storing every good entity, in-root links included, and nothing from outside', async () => {
    for (const { statusCode, body } of created) expect(statusCode, body).toBe(201);
    const refs = (await admin('GET', '/api/v1/entities?limit=100'))
      .json()
      .items.map((e: { ref: string }) => e.ref);
    expect(refs.sort()).toEqual([
      'component:default/also-good',
      'component:default/good-service',
      'group:default/good-team',
      'group:default/linked-team',
    ]);
  });

  it('reports each Location target leading out as a positioned problem, without opening it', () => {
    const escapes = problems.filter((p) => p.file === 'catalog-info.yaml' && p.code === 'path-escapes-root');
    expect(escapes.map((p) => `${p.line}:${p.column}`)).toEqual([
      '7:7',
      '8:7',
      '9:7',
      '10:7',
      '11:7',
      '22:24',
    ]);
    for (const problem of escapes) {
      expect(problem.message).toContain('is a symbolic link to a file outside the source');
      expect(problem.message).toContain('Steward reads only files inside');
    }
  });

  it('reports links found by walking the tree, the catalog file itself and CODEOWNERS', () => {
    const files = problems.filter((p) => p.code === 'path-escapes-root').map((p) => p.file);
    expect(files).toEqual(
      expect.arrayContaining([
        'services/linked/catalog-info.yaml',
        'CODEOWNERS',
        'services/ops/opslevel.yml',
      ]),
    );
  });

  it('names file:line:col of a NUL byte, and of escapes making a NUL or a lone surrogate', () => {
    const at = (file: string) =>
      problems.filter((p) => p.file === file).map((p) => `${p.line}:${p.column} ${p.code}`);
    expect(at('bad/nul/catalog-info.yaml')).toEqual(['5:18 invalid-character']);
    expect(at('bad/nul-escape/catalog-info.yaml')).toEqual(['5:16 invalid-character']);
    expect(at('bad/surrogate/catalog-info.yaml')).toEqual(['5:16 invalid-character']);
    expect(at('bad/nul-opslevel/opslevel.yml')).toEqual(['5:18 invalid-character']);
    const nul = problems.find((p) => p.file === 'bad/nul/catalog-info.yaml');
    expect(nul?.message).toContain('NUL');
  });

  it('gives nesting 5,000 deep one problem naming the limit where it is passed', () => {
    for (const file of ['bad/deep-spec/catalog-info.yaml', 'bad/deep-annotations/catalog-info.yaml']) {
      const found = problems.filter((p) => p.file === file);
      expect(found, file).toHaveLength(1);
      expect(found[0]?.code).toBe('too-deep');
      expect(found[0]?.message).toContain('64 levels');
    }
    // The entity is level 1 and spec level 2, so the 63rd `[` (from column 9) is level 65.
    const spec = problems.find((p) => p.file === 'bad/deep-spec/catalog-info.yaml');
    expect([spec?.line, spec?.column]).toEqual([9, 9 + 62]);
    // metadata is level 2, annotations 3: the 62nd `{a: ` (from column 8, 4 wide) is level 65.
    const annotations = problems.find((p) => p.file === 'bad/deep-annotations/catalog-info.yaml');
    expect([annotations?.line, annotations?.column]).toEqual([6, 8 + 61 * 4]);
    // In opslevel.yml, service is level 2: the 63rd `{a: ` (from column 9) is level 65.
    const ops = problems.filter((p) => p.file === 'bad/deep-opslevel/opslevel.yml');
    expect(ops.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual([`5:${9 + 62 * 4} too-deep`]);
  });

  it('shows no secret in any answer: sources, problems, entities, export, who-owns', async () => {
    const bodies = created.map((c) => c.body);
    expect(problems.filter((p) => p.code === 'path-escapes-root').length).toBeGreaterThan(5);
    for (const url of [
      '/api/v1/catalog/sources',
      '/api/v1/catalog/problems?limit=5000',
      '/api/v1/entities?limit=100',
      '/api/v1/catalog/export',
      '/api/v1/who-owns?thing=good/main.go',
      '/api/v1/entities/api/default/leaky-api',
    ]) {
      bodies.push((await admin('GET', url)).body);
    }
    const everything = bodies.join('\n');
    for (const secret of secretsOf(steward, tree)) expect(everything).not.toContain(secret);
    // Nor where the links lead, nor the server's data directory (a problem once named the real path).
    expect(everything).not.toContain(tree.outside);
    expect(everything).not.toContain(steward.dataDir);
  });

  it('quotes no more of a file than the offending token', () => {
    const long = problems.filter((p) => p.file.startsWith('bad/long-'));
    expect(long.map((p) => `${p.file} ${p.code}`).sort()).toEqual([
      'bad/long-header/catalog-info.yaml yaml-syntax',
      'bad/long-values/catalog-info.yaml invalid-annotation',
      // The 3000-character dependsOn names no kind (an error, as in Backstage); the owner of 3000
      // characters is a ref Backstage reads but no entity can have (a warning).
      'bad/long-values/catalog-info.yaml invalid-ref',
      'bad/long-values/catalog-info.yaml invalid-type',
      'bad/long-values/catalog-info.yaml nonstandard-ref',
    ]);
    for (const problem of problems) {
      expect(problem.message.length, problem.message).toBeLessThan(400);
      for (const run of longRuns) expect(problem.message).not.toContain(run);
    }
  });
});

describeEachEngine('hostile uploads', ({ db }) => {
  let steward: TestSteward;
  const admin = (method: string, url: string, body?: unknown) =>
    steward.call(method, url, { token: steward.adminToken, body });
  /** The ingest's result as the answer's JSON, once its job has run; a refusal as it came. */
  const upload = async (files: Record<string, string>) => {
    const response = await admin('POST', '/api/v1/catalog/sources', {
      kind: 'upload',
      name: 'hostile',
      files: Object.entries(files).map(([path, content]) => ({ path, content })),
    });
    if (response.statusCode !== 202) return response;
    const job = await steward.jobOf(response);
    return { statusCode: response.statusCode, body: JSON.stringify(job), json: () => job.result };
  };
  const refs = async () =>
    (await admin('GET', '/api/v1/entities?limit=100'))
      .json()
      .items.map((e: { ref: string }) => e.ref)
      .sort();

  beforeAll(async () => {
    steward = await startTestSteward(db());
  });
  afterAll(async () => {
    await steward?.close();
  });

  it('stores the good files of an upload with escapes making bad characters or deep nesting in others', async () => {
    const response = await upload({
      ...goodFiles,
      'surrogate/catalog-info.yaml': component('surrogate', '  description: "ab\\ud800cd"\n'),
      'nul-escape/catalog-info.yaml': component('nul-escape', '  description: "ab\\0cd"\n'),
      'deep/catalog-info.yaml': component('deep', `  annotations:\n    a: ${deepMapping}\n`),
    });
    // One bad file is that file's problem, not the upload's: the rest is stored.
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toMatchObject({ errorCount: 3 });
    expect(await refs()).toEqual(['component:default/good-service', 'group:default/good-team']);
    const problems: Problem[] = (await admin('GET', '/api/v1/catalog/problems')).json().items;
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.code}`).sort()).toEqual([
      'deep/catalog-info.yaml:6:252 too-deep',
      'nul-escape/catalog-info.yaml:5:16 invalid-character',
      'surrogate/catalog-info.yaml:5:16 invalid-character',
    ]);
  });

  // A raw NUL or lone surrogate in a file's content is one in the JSON body too: the upload route
  // declares its file contents as file text, so the catalog reports it in that file and stores the rest.
  it('takes a raw NUL or lone surrogate in a file as a problem of that file, storing the rest', async () => {
    const response = await upload({
      ...goodFiles,
      // Line 5, column 18: the character itself.
      'nul/catalog-info.yaml': component('nul-service', '  description: ab\u0000cd\n'),
      'raw-surrogate/catalog-info.yaml': component('raw-surrogate', '  description: ab\ud800cd\n'),
      'fine/catalog-info.yaml': component('also-good'),
    });
    expect(response.statusCode, response.body).toBe(202);
    expect(await refs()).toEqual([
      'component:default/also-good',
      'component:default/good-service',
      'group:default/good-team',
    ]);
    const problems: Problem[] = (await admin('GET', '/api/v1/catalog/problems')).json().items;
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.code}`).sort()).toEqual([
      'nul/catalog-info.yaml:5:18 invalid-character',
      'raw-surrogate/catalog-info.yaml:5:18 invalid-character',
    ]);
  });

  it('refuses an over-long path segment with a 400 naming the field, keeping the upload before', async () => {
    const good = await upload({
      'catalog-info.yaml': entity('Group', 'kept', '  type: team\n  children: []\n'),
    });
    expect(good.statusCode).toBeLessThan(300);
    const long = `${'x'.repeat(300)}.yaml`;
    const refused = await upload({
      'catalog-info.yaml': badFiles['bad/nul-escape/catalog-info.yaml'] as string,
      [`a/${long}`]: 'x',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      { field: 'body.files[1].path', message: expect.stringContaining('255 bytes') },
    ]);
    expect(await refs()).toEqual(['group:default/kept']);
    // The files before are still in the database: reading the source again finds the same entity.
    const id = (await admin('GET', '/api/v1/catalog/sources'))
      .json()
      .items.find((s: { kind: string }) => s.kind === 'upload').id;
    const refreshed = await steward.jobOf(await admin('POST', `/api/v1/catalog/sources/${id}/refresh`));
    expect(refreshed.result).toMatchObject({ errorCount: 0, removed: 0, unchanged: 1 });
  });

  it('refuses a path that is both a file and a directory, keeping the upload before', async () => {
    const refused = await upload({ 'x.yaml': 'a: 1\n', 'x.yaml/catalog-info.yaml': 'a: 1\n' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('body.files[1].path');
    expect(await refs()).toEqual(['group:default/kept']);
  });
});

describeEachEngine('hostile entities through the API', ({ db }) => {
  let steward: TestSteward;
  beforeAll(async () => {
    steward = await startTestSteward(db());
  });
  afterAll(async () => {
    await steward?.close();
  });

  /** A Group whose spec holds `extra`, sent as raw JSON text (no serialiser in the way). */
  const post = (name: string, extra: string) =>
    steward.app.inject({
      method: 'POST',
      url: '/api/v1/entities',
      headers: { authorization: `Bearer ${steward.adminToken}`, 'content-type': 'application/json' },
      payload: `{"apiVersion":"backstage.io/v1alpha1","kind":"Group","metadata":{"name":"${name}"},"spec":{"type":"team","children":[],${extra}}}`,
    });

  it('refuses JSON nested 5,000 deep with a 400, not a stack overflow', async () => {
    for (const [name, deep] of [
      ['deep-map', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
      ['deep-list', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ]) {
      const response = await post(name as string, `"deep":${deep}`);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().errors[0].field).toMatch(/^body/);
    }
  });

  it('names the field where the nesting goes too deep', async () => {
    const response = await post('deep-200', `"deep":${'['.repeat(200)}${']'.repeat(200)}`);
    expect(response.statusCode).toBe(400);
    // The body is level 1, spec 2, deep 3 and its k-th nested list 3 + k: the edge refuses level 65,
    // deep's 62nd nested list (document-limits.test.ts checks the catalog's own count for files).
    expect(response.json().errors[0].field).toBe(`body.spec.deep${'.0'.repeat(62)}`);
  });

  it('refuses a NUL or a lone surrogate in a value with a 400, storing nothing', async () => {
    for (const [name, note] of [
      ['nul', 'a\\u0000b'],
      ['surrogate', 'a\\ud800b'],
    ]) {
      const response = await post(name as string, `"note":"${note}"`);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().errors[0].field).toMatch(/^body/);
    }
    const list = await steward.call('GET', '/api/v1/entities?kind=group', { token: steward.adminToken });
    expect(list.json().items).toEqual([]);
  });
});

describe('the offline CLI on a hostile directory', () => {
  let tree: HostileTree;
  beforeAll(() => {
    tree = hostileTree();
  });
  afterAll(() => tree?.cleanup());

  const validate = (...args: string[]) => {
    const result = spawnSync(process.execPath, [binary, 'catalog', 'validate', ...args], {
      cwd: tree.dir,
      encoding: 'utf8',
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('steward catalog validate reports each link leading out, reads none, and exits 1', () => {
    const { code, stdout, stderr } = validate('--format', 'json');
    expect(code, stderr).toBe(1);
    const result = JSON.parse(stdout);
    const escapes = result.errors.filter((p: Problem) => p.code === 'path-escapes-root');
    // ./admin.yaml leads to ../../admin.token, which is not there outside a clone: not found instead.
    expect(escapes.map((p: Problem) => `${p.file}:${p.line}:${p.column}`)).toEqual([
      'catalog-info.yaml:7:7',
      'catalog-info.yaml:9:7',
      'catalog-info.yaml:10:7',
      'catalog-info.yaml:11:7',
      'catalog-info.yaml:22:24',
    ]);
    const walked = result.warnings
      .filter((p: Problem) => p.code === 'path-escapes-root')
      .map((p: Problem) => p.file);
    expect(walked).toEqual(expect.arrayContaining(['outside-dir', 'services/linked/catalog-info.yaml']));
    for (const secret of [tree.secret, 'root:x:0:0', 'PATH=', tree.outside])
      expect(stdout + stderr).not.toContain(secret);
  });

  it('steward catalog import collects no file from outside the directory, and says which it left out', async () => {
    const upload = await collectUpload(tree.dir);
    const paths = upload.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['catalog-info.yaml', 'good/catalog-info.yaml', 'inside-link.yaml']),
    );
    for (const file of upload.files) expect(file.content).not.toContain(tree.secret);
    expect(
      paths.filter((p) => p.startsWith('leaks/') || p === 'CODEOWNERS' || p.startsWith('services/linked')),
    ).toEqual([]);
    expect(upload.leftOut).toEqual(
      expect.arrayContaining([
        'CODEOWNERS',
        'leaks/token.yaml',
        'leaks/passwd.yaml',
        'leaks/environ.yaml',
        'outside-dir',
      ]),
    );
  });
});
