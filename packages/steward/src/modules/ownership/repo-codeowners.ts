// A checkout's CODEOWNERS file and identity, read from disk: where GitHub (.github/, root, docs/)
// or GitLab (root, docs/, .gitlab/) would look, first found wins; the identity from the origin remote.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CodeownersFlavor } from './codeowners/model.ts';
import { codeownersLocations } from './who-owns/codeowners-choice.ts';
import type { CodeownersSource } from './who-owns/ownership-index.ts';
import { normaliseRepository } from './who-owns/repository.ts';

/** GitLab when told, or when the checkout looks like a GitLab project (.gitlab/CODEOWNERS, .gitlab-ci.yml). */
export function codeownersFlavorOf(dir: string, told?: CodeownersFlavor): CodeownersFlavor {
  if (told) return told;
  const gitlab = existsSync(join(dir, '.gitlab', 'CODEOWNERS')) || existsSync(join(dir, '.gitlab-ci.yml'));
  return gitlab ? 'gitlab' : 'github';
}

/** The CODEOWNERS file the platform would use in `dir`, or null when it has none. */
export async function readRepoCodeowners(
  dir: string,
  told?: CodeownersFlavor,
): Promise<CodeownersSource | null> {
  const flavor = codeownersFlavorOf(dir, told);
  const repository = await repositoryOf(dir);
  for (const location of codeownersLocations[flavor]) {
    const file = join(dir, location);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) return { repository, file, text, flavor };
  }
  return null;
}

/** `github.com/acme/monorepo` from the origin remote (else the first remote) in `dir/.git/config`. */
export async function repositoryOf(dir: string): Promise<string | null> {
  const config = await readFile(join(dir, '.git', 'config'), 'utf8').catch(() => undefined);
  if (config === undefined) return null;
  const urls = new Map<string, string>();
  let remote: string | undefined;
  for (const line of config.split(/\r?\n/)) {
    const section = /^\s*\[\s*remote\s+"([^"]+)"\s*\]/.exec(line);
    if (section) remote = section[1];
    else if (/^\s*\[/.test(line)) remote = undefined;
    const url = /^\s*url\s*=\s*(.+?)\s*$/.exec(line);
    if (remote && url?.[1] && !urls.has(remote)) urls.set(remote, url[1]);
  }
  const url = urls.get('origin') ?? urls.values().next().value;
  return url ? normaliseRepository(url) : null;
}
