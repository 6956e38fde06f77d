// `steward serve` as an operator meets it: a real process, real signals, real exit codes.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from './test-serve.ts';

const bin = resolve(import.meta.dirname, '../../bin/steward.js');
const env = { ...process.env, STEWARD_LOG_FORMAT: 'json', STEWARD_LOG_LEVEL: 'info' };
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function steward(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 30_000 });
}

/** Starts `steward serve` (under the given umask, if any) and resolves once /readyz answers 200. */
async function startServe(
  dataDir: string,
  port: number,
  umask?: string,
): Promise<{ child: ChildProcess; output: () => string }> {
  const args = [bin, 'serve', '--data-dir', dataDir, '--port', String(port)];
  const child = umask
    ? spawn('/bin/sh', ['-c', `umask ${umask} && exec "$0" "$@"`, process.execPath, ...args], { env })
    : spawn(process.execPath, args, { env });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return { child, output: () => output };
    if (child.exitCode !== null) throw new Error(`steward serve exited early:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`steward serve was not ready within 30 s:\n${output}`);
}

function listTree(root: string): string[] {
  const entries = readdirSync(root, { recursive: true, withFileTypes: false }) as string[];
  return [root, ...entries.map((entry) => join(root, entry))];
}

const catalogFile = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: checkout }
spec: { type: service, lifecycle: production, owner: payments }
`;

describe('steward serve', () => {
  it('rejects an unknown flag with exit code 2 and says how to get help', () => {
    const result = steward(['serve', '--bogus']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown option '--bogus'");
    expect(result.stderr).toContain('--help');
  });

  it('reports every invalid setting at once with exit code 2', () => {
    const result = steward(['serve', '--port', 'abc', '--database-url', 'mysql://x']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--port \/ STEWARD_PORT must be a number \(got "abc"\)/);
    expect(result.stderr).toMatch(/--database-url \/ DATABASE_URL must start with postgres:\/\//);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says plainly when PostgreSQL cannot be reached, with exit code 2', () => {
    const result = steward(['serve', '--database-url', 'postgres://nobody@127.0.0.1:1/none', '--port', '0']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'cannot reach PostgreSQL at postgres://nobody@127.0.0.1:1/none: connection refused',
    );
  });

  it('starts, writes the admin token privately, refuses a second process and a busy port, and stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'steward-serve-'));
    const port = await freePort();
    const { child, output } = await startServe(dataDir, port);

    const tokenFile = join(dataDir, 'admin.token');
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(tokenFile, 'utf8').trim().length).toBeGreaterThan(20);
    expect(output()).toContain(tokenFile);
    expect(output()).not.toContain(readFileSync(tokenFile, 'utf8').trim());

    const sameDir = steward(['serve', '--data-dir', dataDir, '--port', '0']);
    expect(sameDir.status).toBe(2);
    expect(sameDir.stderr).toContain(`the data directory ${dataDir} is in use by another Steward`);

    const samePort = steward([
      'serve',
      '--data-dir',
      mkdtempSync(join(tmpdir(), 'steward-serve-')),
      '--port',
      String(port),
    ]);
    expect(samePort.status).toBe(2);
    expect(samePort.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);

    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output()).toContain('"msg":"stopped"');

    // The lock is released: the same data dir starts again, and keeps its admin token.
    const token = readFileSync(tokenFile, 'utf8');
    const again = await startServe(dataDir, await freePort());
    expect(readFileSync(tokenFile, 'utf8')).toBe(token);
    again.child.kill('SIGTERM');
  }, 90_000);

  it('keeps everything in the data dir private to its user, even under umask 000, and repairs an old one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'steward-serve-'));
    mkdirSync(join(dataDir, 'sources', 'old-upload'), { recursive: true });
    writeFileSync(join(dataDir, 'sources', 'old-upload', 'catalog-info.yaml'), 'kind: Component\n');
    writeFileSync(join(dataDir, 'admin.password'), 'left by an older Steward\n');
    for (const path of ['sources/old-upload/catalog-info.yaml', 'admin.password'])
      chmodSync(join(dataDir, path), 0o666);
    for (const path of ['sources/old-upload', 'sources', '.']) chmodSync(join(dataDir, path), 0o777);

    const port = await freePort();
    const { child, output } = await startServe(dataDir, port, '000');
    // An upload writes files into the data dir while serving.
    const upload = await fetch(`http://127.0.0.1:${port}/api/v1/catalog/sources`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${readFileSync(join(dataDir, 'admin.token'), 'utf8').trim()}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        kind: 'upload',
        name: 'fresh',
        files: [{ path: 'deep/dir/catalog-info.yaml', content: catalogFile }],
      }),
    });
    expect(upload.status).toBe(202);

    const open = listTree(dataDir).filter((path) => (lstatSync(path).mode & 0o077) !== 0);
    expect(open).toEqual([]);
    expect(listTree(dataDir).length).toBeGreaterThan(100); // pgdata was walked too
    expect(output()).toMatch(/"msg":"made 5 paths in the data dir private/);
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGTERM');
    await exited;
    expect(listTree(dataDir).filter((path) => (lstatSync(path).mode & 0o077) !== 0)).toEqual([]);
  }, 60_000);
});
