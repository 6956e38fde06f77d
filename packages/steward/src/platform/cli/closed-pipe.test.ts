// A reader that leaves early (`steward catalog validate … | head -c 100`) ends the command quietly.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const steward = resolve(import.meta.dirname, '../../../bin/steward.js');
const catalog = mkdtempSync(join(tmpdir(), 'steward-closed-pipe-'));
afterAll(() => rmSync(catalog, { recursive: true, force: true }));

it('stops without a stack trace when stdout is closed after the first bytes', async () => {
  // 2,000 dangling owners: far more warnings than a pipe buffer holds, so writing outlives the reader.
  const entity = (i: number) =>
    `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: service-${i}}\nspec: {type: service, lifecycle: production, owner: group:team-${i}}\n`;
  writeFileSync(
    join(catalog, 'catalog-info.yaml'),
    Array.from({ length: 2000 }, (_, i) => entity(i)).join('---\n'),
  );
  const child = spawn(process.execPath, [steward, 'catalog', 'validate', catalog, '--format', 'json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  // Read one chunk, then close our end of the pipe, as `head -c` does.
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((done) => child.on('close', done));
  expect(stderr).not.toMatch(/EPIPE|Unhandled|at .*:\d+:\d+/);
  expect(code).toBe(0);
});
