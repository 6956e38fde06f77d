// For tests that drive Steward from outside: real `steward serve` processes (the binary, as an
// operator starts it) on a free port, ready once /readyz says so, stopped with SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const bin = resolve(import.meta.dirname, '../../bin/steward.js');

export interface ServeOptions {
  /** PostgreSQL; without it the server runs on PGlite in its own data directory. */
  databaseUrl?: string | undefined;
  /** More `steward serve` flags, e.g. `['--demo']` or `['--catalog', dir]`. */
  args?: string[];
  env?: Record<string, string>;
  /** How long to wait for /readyz (default 60 s: a demo is read before the server says ready). */
  readyTimeoutMs?: number;
  /** A data directory of the caller's (e.g. to restart on it after a kill): kept by `stop()`. */
  dataDir?: string;
}

export interface SpawnedSteward {
  /** `http://127.0.0.1:<port>` */
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** What the process wrote so far (stdout and stderr). */
  output(): string;
  /** The first admin's API token, from the data directory (the server that created the admin). */
  adminToken(): string;
  call(method: string, path: string, token?: string, body?: unknown): Promise<Response>;
  /** SIGTERM, waits for the exit, removes the data directory (unless the caller gave it). */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

export async function spawnSteward(options: ServeOptions = {}): Promise<SpawnedSteward> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'steward-served-'));
  const port = await freePort();
  const args = [bin, 'serve', '--data-dir', dataDir, '--host', '127.0.0.1', '--port', String(port)];
  if (options.databaseUrl) args.push('--database-url', options.databaseUrl);
  args.push(...(options.args ?? []));
  const child = spawn(process.execPath, args, {
    env: { ...process.env, STEWARD_LOG_LEVEL: 'warn', ...options.env },
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise((r) => child.once('exit', r));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    const status = await fetch(`${url}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (child.exitCode !== null) throw new Error(`steward serve exited early:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `steward serve was not ready within ${options.readyTimeoutMs ?? 60_000} ms:\n${output}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dataDir,
    child,
    output: () => output,
    adminToken: () => readFileSync(join(dataDir, 'admin.token'), 'utf8').trim(),
    call: (method, path, token, body) =>
      fetch(`${url}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the steward binary once, as a user would from a shell, and answers what it printed and its exit code. */
export function runStewardCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
