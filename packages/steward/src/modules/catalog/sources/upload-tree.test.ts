// An upload written out for one read: private to Steward's user while it exists, and gone after,
// whether the read succeeded or not.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withUploadTree } from './upload-tree.ts';

const files = [
  { path: 'catalog-info.yaml', content: Buffer.from('a: 1\n') },
  { path: 'teams/x/catalog-info.yaml', content: Buffer.from([0x61, 0x00, 0xed, 0xa0, 0x80]) },
];

describe('an upload written out for a read', () => {
  it('is readable by its owner only, byte for byte, and removed after the read', async () => {
    let seen = '';
    await withUploadTree(files, async (dir) => {
      seen = dir;
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, 'teams/x')).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, 'teams/x/catalog-info.yaml')).mode & 0o777).toBe(0o600);
      expect([...readFileSync(join(dir, 'teams/x/catalog-info.yaml'))]).toEqual([
        0x61, 0x00, 0xed, 0xa0, 0x80,
      ]);
    });
    expect(seen).not.toBe('');
    expect(existsSync(seen)).toBe(false);
  });

  it('is removed when the read fails too', async () => {
    let seen = '';
    const failing = withUploadTree(files, async (dir) => {
      seen = dir;
      throw new Error('read failed');
    });
    await expect(failing).rejects.toThrow('read failed');
    expect(existsSync(seen)).toBe(false);
  });
});
