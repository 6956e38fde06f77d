// Uploads live in the database: every server on it refreshes and reads an upload another received,
// no server's disk holds one, a refused upload leaves the files before as they were, a bad character
// in one file is still that file's problem, and an upload an older Steward kept on disk moves in on start.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../../platform/db/database.ts';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { startTestSteward, type TestSteward } from '../../../server/test-steward.ts';
import type { CatalogTables } from '../store/tables.ts';
import { component, entity } from './hostile-catalog.test-support.ts';
import { sourceDirectory } from './read-source.ts';
import { adoptUploadsOnDisk } from './uploads-on-disk.ts';

const team = (name: string) => entity('Group', name, '  type: team\n  children: []\n');

describeEachEngine('uploads kept in the database', ({ db, url }) => {
  let second: Database;
  let one: TestSteward;
  let two: TestSteward;

  beforeAll(async () => {
    // On PostgreSQL the second server has connections of its own, as another process would.
    const postgresUrl = url();
    second = postgresUrl ? await openDatabase({ url: postgresUrl, poolSize: 3 }) : db();
    one = await startTestSteward(db());
    two = await startTestSteward(second);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    if (second !== db()) await second?.close();
  });

  /** Answers as the route does; for a started job (202), once it has run, with its result as the JSON. */
  const call = async (server: TestSteward, method: string, path: string, body?: unknown) => {
    const response = await server.call(method, path, { token: one.adminToken, body });
    if (response.statusCode !== 202) return response;
    const job = await server.jobOf(response, one.adminToken);
    expect(job.state, job.lastError ?? '').toBe('succeeded');
    return { statusCode: 202, body: JSON.stringify(job), json: () => job.result };
  };
  const upload = (server: TestSteward, name: string, files: Record<string, string>) =>
    call(server, 'POST', '/api/v1/catalog/sources', {
      kind: 'upload',
      name,
      files: Object.entries(files).map(([path, content]) => ({ path, content })),
    });
  const stored = async (sourceId: string) =>
    (
      await db()
        .kysely<CatalogTables>()
        .selectFrom('catalog_upload_files')
        .select(['path', 'content'])
        .where('source_id', '=', sourceId)
        .orderBy('path')
        .execute()
    ).map((row) => ({ path: row.path, content: Buffer.from(row.content) }));
  const refsOf = async (server: TestSteward, sourceId: string) =>
    (await call(server, 'GET', '/api/v1/entities?limit=100'))
      .json()
      .items.filter((e: { sourceId: string }) => e.sourceId === sourceId)
      .map((e: { ref: string }) => e.ref)
      .sort();
  const problemsOf = async (server: TestSteward, sourceId: string) =>
    (await call(server, 'GET', `/api/v1/catalog/problems?source=${sourceId}`))
      .json()
      .items.map(
        (p: { file: string; line: number; column: number; code: string }) =>
          `${p.file}:${p.line}:${p.column} ${p.code}`,
      )
      .sort();

  it('refreshes and reads an upload on the other server, with no copy on either disk', async () => {
    const created = await upload(one, 'shared', {
      'catalog-info.yaml': component('shared-service'),
      'team/catalog-info.yaml': team('good-team'),
      // A raw NUL: the file's problem at line 5, column 18, the character itself.
      'nul/catalog-info.yaml': component('nul-service', '  description: ab\u0000cd\n'),
    });
    expect(created.statusCode, created.body).toBe(202);
    const id: string = created.json().source.id;
    for (const server of [one, two]) {
      expect(existsSync(sourceDirectory(server.dataDir, id))).toBe(false);
      rmSync(join(server.dataDir, 'sources'), { recursive: true, force: true });
    }
    const refreshed = await call(two, 'POST', `/api/v1/catalog/sources/${id}/refresh`);
    expect(refreshed.statusCode, refreshed.body).toBe(202);
    expect(refreshed.json()).toMatchObject({ unchanged: 2, added: 0, removed: 0, errorCount: 1 });
    expect(await refsOf(two, id)).toEqual(['component:default/shared-service', 'group:default/good-team']);
    expect(await problemsOf(two, id)).toEqual(['nul/catalog-info.yaml:5:18 invalid-character']);
    // Stored as the bytes uploaded: the NUL is in the file, for every read to report.
    const nul = (await stored(id)).find((f) => f.path === 'nul/catalog-info.yaml');
    expect(nul?.content.includes(Buffer.from('ab\0cd'))).toBe(true);
  });

  it('keeps a lone surrogate as its own bytes, a problem at its place on every server', async () => {
    const created = await upload(two, 'surrogate', {
      'catalog-info.yaml': entity(
        'Component',
        'fine-service',
        '  type: service\n  lifecycle: production\n  owner: fine-team\n',
      ),
      'team/catalog-info.yaml': team('fine-team'),
      'raw/catalog-info.yaml': component('raw-surrogate', '  description: ab\ud800cd\n'),
    });
    expect(created.statusCode, created.body).toBe(202);
    const id: string = created.json().source.id;
    const raw = (await stored(id)).find((f) => f.path === 'raw/catalog-info.yaml');
    expect(raw?.content.includes(Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80, 0x63, 0x64]))).toBe(true);
    expect((await call(one, 'POST', `/api/v1/catalog/sources/${id}/refresh`)).statusCode).toBe(202);
    expect(await problemsOf(one, id)).toEqual(['raw/catalog-info.yaml:5:18 invalid-character']);
    expect(await refsOf(one, id)).toEqual(['component:default/fine-service', 'group:default/fine-team']);
  });

  it('replaces the files before whole, and keeps them when a new upload is refused', async () => {
    const first = await upload(one, 'replaced', {
      'catalog-info.yaml': team('old-team'),
      'old/x.txt': 'old',
    });
    const id: string = first.json().source.id;
    const second = await upload(two, 'replaced', {
      'catalog-info.yaml': team('kept-team'),
      'new/y.txt': 'new',
    });
    expect(second.statusCode, second.body).toBe(202);
    const kept = [
      { path: 'catalog-info.yaml', content: Buffer.from(team('kept-team')) },
      { path: 'new/y.txt', content: Buffer.from('new') },
    ];
    expect(await stored(id)).toEqual(kept);
    const tooLong = await upload(one, 'replaced', {
      'catalog-info.yaml': team('never-team'),
      [`a/${'x'.repeat(300)}.yaml`]: 'x',
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors).toEqual([
      { field: 'body.files[1].path', message: expect.stringContaining('255 bytes') },
    ]);
    const clash = await upload(two, 'replaced', { 'x.yaml': 'a: 1\n', 'x.yaml/catalog-info.yaml': 'a: 1\n' });
    expect(clash.statusCode).toBe(400);
    expect(await stored(id)).toEqual(kept);
    const refreshed = await call(two, 'POST', `/api/v1/catalog/sources/${id}/refresh`);
    expect(refreshed.json()).toMatchObject({ unchanged: 1, added: 0, removed: 0 });
    expect(await refsOf(one, id)).toEqual(['group:default/kept-team']);
  });

  it('removes the files with the source', async () => {
    const created = await upload(one, 'removed', { 'catalog-info.yaml': team('gone-team') });
    const id: string = created.json().source.id;
    expect(await stored(id)).toHaveLength(1);
    expect((await call(two, 'DELETE', `/api/v1/catalog/sources/${id}`)).statusCode).toBeLessThan(300);
    expect(await stored(id)).toEqual([]);
  });

  it('moves an upload an older Steward kept on disk into the database once, and removes the copy', async () => {
    const created = await upload(one, 'older', { 'catalog-info.yaml': team('older-team') });
    const id: string = created.json().source.id;
    // As before the upgrade: the database has none of its files; a server's disk has them, left by a
    // crash between the two renames of the old swap (under the waiting name, with a half-written one).
    await db()
      .kysely<CatalogTables>()
      .deleteFrom('catalog_upload_files')
      .where('source_id', '=', id)
      .execute();
    const dir = sourceDirectory(two.dataDir, id);
    mkdirSync(join(`${dir}.previous`, 'teams'), { recursive: true });
    writeFileSync(join(`${dir}.previous`, 'teams', 'catalog-info.yaml'), team('disk-team'));
    mkdirSync(`${dir}.incoming-x1`);
    const logged: { msg: string }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => logged.push(JSON.parse(line)) });
    await adoptUploadsOnDisk(second.kysely<CatalogTables>(), two.dataDir, logger);
    expect(await stored(id)).toEqual([
      { path: 'teams/catalog-info.yaml', content: Buffer.from(team('disk-team')) },
    ]);
    expect(logged.map((l) => l.msg)).toEqual([expect.stringContaining('"older" moved from')]);
    expect(existsSync(`${dir}.previous`) || existsSync(`${dir}.incoming-x1`) || existsSync(dir)).toBe(false);
    const refreshed = await call(one, 'POST', `/api/v1/catalog/sources/${id}/refresh`);
    expect(refreshed.json()).toMatchObject({ added: 1, removed: 1 });
    expect(await refsOf(one, id)).toEqual(['group:default/disk-team']);

    // Once the database has the source's files, a copy on disk is older: removed, not taken in.
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'catalog-info.yaml'), team('stale-team'));
    await adoptUploadsOnDisk(second.kysely<CatalogTables>(), two.dataDir, logger);
    expect((await stored(id)).map((f) => f.path)).toEqual(['teams/catalog-info.yaml']);
    expect(existsSync(dir)).toBe(false);
  });
});
