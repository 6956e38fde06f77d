// Uploaded files: every path checked before anything is stored, and content kept byte for byte
// (storing, replacing and reading them: uploads-in-database.test.ts).
import { describe, expect, it } from 'vitest';
import type { StewardError } from '../../../platform/errors.ts';
import { assertUploadPaths, bytesOf } from './upload-files.ts';

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

describe('upload content', () => {
  it('keeps a lone surrogate as its own bytes, so that reading reports it rather than a U+FFFD', () => {
    expect([...bytesOf('x: a\ud800b\n')]).toEqual([
      ...Buffer.from('x: a'),
      0xed,
      0xa0,
      0x80,
      ...Buffer.from('b\n'),
    ]);
    expect(bytesOf('x: a\u0000b')).toEqual(Buffer.from([...Buffer.from('x: a'), 0, ...Buffer.from('b')]));
  });
});
