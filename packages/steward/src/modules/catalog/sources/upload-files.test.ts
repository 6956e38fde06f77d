// Uploaded files: every path checked before anything is written, and a new upload swapped in whole.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StewardError } from '../../../platform/errors.ts';
import { assertUploadPaths, restoreInterruptedUpload, writeUploadedFiles } from './upload-files.ts';

const files = (...paths: string[]) => paths.map((path) => ({ path, content: `${path}\n` }));

function refusal(paths: string[]): { field: string; message: string }[] {
  try {
    assertUploadPaths(files(...paths));
  } catch (error) {
    return (error as StewardError).problems;
  }
  return [];
}

describe('upload paths', () => {
  it('takes names of up to 255 bytes, counting bytes rather than characters', () => {
    expect(refusal([`a/${'x'.repeat(255)}`, `${'é'.repeat(127)}/b`])).toEqual([]);
    const problems = refusal(['ok.yaml', `a/${'x'.repeat(256)}`, `${'é'.repeat(128)}/b`]);
    expect(problems.map((p) => p.field)).toEqual(['body.files[1].path', 'body.files[2].path']);
    expect(problems[0]?.message).toContain('has a name of 256 bytes');
    expect(problems[1]?.message).toContain('may be at most 255 bytes');
  });

  it('refuses a path that is a file and a directory, whichever comes first', () => {
    expect(refusal(['a/b', 'a/b/c.yaml'])).toEqual([
      { field: 'body.files[1].path', message: expect.stringContaining('"a/b" to be a directory') },
    ]);
    expect(refusal(['a/b/c.yaml', 'a/b'])).toEqual([
      { field: 'body.files[1].path', message: expect.stringContaining('body.files[0].path needs it') },
    ]);
  });
});

describe('writing an upload', () => {
  let sources: string;
  let dir: string;
  beforeEach(() => {
    sources = mkdtempSync(join(tmpdir(), 'steward-uploads-'));
    dir = join(sources, 'upload-1');
  });
  afterEach(() => rmSync(sources, { recursive: true, force: true }));

  it('replaces the files before, leaving nothing beside them', async () => {
    await writeUploadedFiles(dir, files('a.yaml', 'old/b.yaml'));
    await writeUploadedFiles(dir, files('a.yaml', 'new/c.yaml'));
    expect(readdirSync(dir).sort()).toEqual(['a.yaml', 'new']);
    expect(readdirSync(sources)).toEqual(['upload-1']);
  });

  it('keeps the files before when the new ones are refused', async () => {
    await writeUploadedFiles(dir, files('a.yaml'));
    await expect(writeUploadedFiles(dir, files('b.yaml', `c/${'x'.repeat(300)}`))).rejects.toThrow(
      'body.files[1].path',
    );
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe('a.yaml\n');
    expect(readdirSync(sources)).toEqual(['upload-1']);
  });

  it('puts back an upload a crash left under its waiting name, and clears half-written ones', async () => {
    await writeUploadedFiles(dir, files('a.yaml'));
    renameSync(dir, `${dir}.previous`);
    mkdirSync(`${dir}.incoming-x1`);
    await restoreInterruptedUpload(dir);
    expect(existsSync(join(dir, 'a.yaml'))).toBe(true);
    await writeUploadedFiles(dir, files('b.yaml'));
    expect(readdirSync(sources)).toEqual(['upload-1']);
  });

  it('keeps a lone surrogate as its own bytes, so that reading reports it rather than a U+FFFD', async () => {
    await writeUploadedFiles(dir, [{ path: 'a.yaml', content: 'x: a\ud800b\n' }]);
    expect([...readFileSync(join(dir, 'a.yaml'))]).toEqual([
      ...Buffer.from('x: a'),
      0xed,
      0xa0,
      0x80,
      ...Buffer.from('b\n'),
    ]);
  });
});
