// The data-dir lock is held by an open file the operating system unlocks when its process dies:
// whatever a crash leaves in the lock file, only a live holder stops a start.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from './data-dir-lock.ts';

const fixture = join(import.meta.dirname, 'data-dir-lock.fixture.ts');
const children = new Set<ChildProcess>();
const releases: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  for (const release of releases.splice(0)) await release();
});

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'steward-lock-'));
}

function lock(dataDir: string): void {
  releases.push(acquireDataDirLock(dataDir));
}

/** A real process that takes the lock; answers once it holds it. */
async function holderProcess(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [fixture, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  await new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => line === 'locked' && resolve());
    child.on('exit', (code) => reject(new Error(`the lock holder exited with ${code}: ${stderr}`)));
  });
  return child;
}

describe('data-dir lock', () => {
  it('refuses a start while another process holds the lock, naming its pid', async () => {
    const dataDir = freshDir();
    const holder = await holderProcess(dataDir);
    expect(() => acquireDataDirLock(dataDir)).toThrow(
      `the data directory ${dataDir} is in use by another Steward (pid ${holder.pid}). Stop it, or start this one with a different --data-dir.`,
    );
  });

  it('does not let a lock file left by a process killed with SIGKILL stop a new start', async () => {
    const dataDir = freshDir();
    const holder = await holderProcess(dataDir);
    expect(readFileSync(join(dataDir, 'steward.lock'), 'utf8').trim()).toBe(String(holder.pid));
    const exited = once(holder, 'exit');
    holder.kill('SIGKILL');
    await exited;
    expect(() => lock(dataDir)).not.toThrow();
    expect(readFileSync(join(dataDir, 'steward.lock'), 'utf8').trim()).toBe(String(process.pid));
  });

  it('does not let a lock file naming a live pid stop a start when nobody holds the lock', () => {
    // In a container a restarted server is pid 1 again; the pid left in the file proves nothing.
    for (const pid of [1, process.pid]) {
      const dataDir = freshDir();
      writeFileSync(join(dataDir, 'steward.lock'), `${pid}\n`);
      expect(() => lock(dataDir)).not.toThrow();
    }
  });

  it('refuses the same data directory twice in one process, and allows it again once released', async () => {
    const dataDir = freshDir();
    const release = acquireDataDirLock(dataDir);
    expect(() => acquireDataDirLock(dataDir)).toThrow(/is already open in this process/);
    expect(() => acquireDataDirLock(`${dataDir}/.`)).toThrow(/is already open in this process/);
    await release();
    expect(() => lock(dataDir)).not.toThrow();
  });

  it('refuses a start from another process while this one holds the lock', async () => {
    const dataDir = freshDir();
    lock(dataDir);
    const child = spawn(process.execPath, [fixture, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    const [code] = await once(child, 'exit');
    expect(code).not.toBe(0);
    expect(stderr).toContain(`is in use by another Steward (pid ${process.pid})`);
  });
});
