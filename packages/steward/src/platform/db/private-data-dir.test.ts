// The data dir holds password hashes (pgdata), the admin token and password, and uploads: nobody
// but the server's user may read or change any of it, whatever the umask it was created under.
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { everyPathUnder, makeDataDirPrivate } from './private-data-dir.ts';

describe('makeDataDirPrivate', () => {
  it('takes group and other bits off every dir and file, answers what it changed, and leaves links alone', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'steward-private-'));
    const outside = join(mkdtempSync(join(tmpdir(), 'steward-outside-')), 'not-ours');
    writeFileSync(outside, 'x');
    chmodSync(outside, 0o644);
    mkdirSync(join(dataDir, 'pgdata', 'base'), { recursive: true });
    writeFileSync(join(dataDir, 'pgdata', 'base', '1259'), 'rows');
    writeFileSync(join(dataDir, 'admin.password'), 'secret');
    writeFileSync(join(dataDir, 'run.sh'), '#!/bin/sh');
    symlinkSync(outside, join(dataDir, 'link'));
    chmodSync(join(dataDir, 'pgdata', 'base', '1259'), 0o666);
    chmodSync(join(dataDir, 'admin.password'), 0o644);
    chmodSync(join(dataDir, 'run.sh'), 0o775);
    chmodSync(join(dataDir, 'pgdata', 'base'), 0o777);
    chmodSync(join(dataDir, 'pgdata'), 0o755);
    chmodSync(dataDir, 0o755);

    const changed = makeDataDirPrivate(dataDir);

    expect(changed.sort()).toEqual(
      [
        dataDir,
        join(dataDir, 'admin.password'),
        join(dataDir, 'pgdata'),
        join(dataDir, 'pgdata', 'base'),
        join(dataDir, 'pgdata', 'base', '1259'),
        join(dataDir, 'run.sh'),
      ].sort(),
    );
    const modeOf = (path: string) => lstatSync(path).mode & 0o777;
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'pgdata', 'base'))).toBe(0o700);
    expect(modeOf(join(dataDir, 'pgdata', 'base', '1259'))).toBe(0o600);
    expect(modeOf(join(dataDir, 'admin.password'))).toBe(0o600);
    expect(modeOf(join(dataDir, 'run.sh'))).toBe(0o700);
    expect(statSync(outside).mode & 0o777).toBe(0o644);
    expect(makeDataDirPrivate(dataDir)).toEqual([]);
  });

  it('creates a missing data dir private', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'steward-private-')), 'new', 'dir');
    const previous = process.umask(0);
    try {
      expect(makeDataDirPrivate(dataDir)).toEqual([]);
    } finally {
      process.umask(previous);
    }
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('walks a deep tree without recursion', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'steward-private-'));
    let dir = dataDir;
    for (let i = 0; i < 200; i++) dir = join(dir, 'd');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'f'), '');
    chmodSync(join(dir, 'f'), 0o666);
    expect(makeDataDirPrivate(dataDir)).toContain(join(dir, 'f'));
    expect([...everyPathUnder(dataDir)].filter((p) => (lstatSync(p).mode & 0o077) !== 0)).toEqual([]);
  });
});
