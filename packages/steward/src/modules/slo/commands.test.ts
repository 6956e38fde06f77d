// `steward slo generate` as a user runs it: the real binary, its output and exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const binary = resolve(import.meta.dirname, '../../../bin/steward.js');
const spec = resolve(import.meta.dirname, 'engine/testdata/sloth-in-base.yaml');
const dir = mkdtempSync(join(tmpdir(), 'steward-slo-cli-'));

function steward(args: string[]) {
  const result = spawnSync(process.execPath, [binary, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('steward slo generate', () => {
  it('prints the rules, and writes the same to --out', () => {
    const printed = steward(['slo', 'generate', spec]);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('- name: sloth-slo-alerts-svc01-slo1');
    const out = join(dir, 'rules.yaml');
    expect(steward(['slo', 'generate', spec, '--out', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(printed.stdout);
  });

  it('exits 2 with positioned problems and no rules for a bad spec', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(spec, 'utf8').replace('objective: 95', 'objective: 0'));
    const { code, stdout, stderr } = steward(['slo', 'generate', bad]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${bad}:28:16: slos[1].objective: 0 is not a valid objective`);
  });

  it('exits 2 for a spec file that does not exist', () => {
    const { code, stderr } = steward(['slo', 'generate', join(dir, 'missing.yaml')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot read the SLO spec .*missing\.yaml: no such file/);
  });
});
