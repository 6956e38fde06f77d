// Git, through the `git` command: a shallow clone (or fetch and reset when already cloned) of a
// repository URL, and the commit a local working tree is at. Never prompts for credentials.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { invalid, StewardError, unavailable } from '../../../platform/errors.ts';

const run = promisify(execFile);

/** Refuses the `ext::` transport (runs commands) and any credential prompt. */
const safety = [
  '-c',
  'protocol.ext.allow=never',
  '-c',
  'core.askPass=true',
  '-c',
  'credential.interactive=never',
];

export const defaultGitTimeoutMs = 120_000;

/** https://, ssh://, git://, file:// URLs, scp-like `user@host:path`, or an absolute local path. */
export function assertGitUrl(url: string, field = 'body.url'): void {
  const ok =
    /^(https?|ssh|git|file):\/\/\S+$/.test(url) || /^[\w.-]+@[\w.-]+:\S+$/.test(url) || /^\/\S*$/.test(url);
  if (!ok || url.startsWith('-')) {
    throw invalid(
      `${field} must be a git URL (https://…, ssh://…, git@host:org/repo.git or an absolute path), got ${JSON.stringify(url)}`,
      [{ field, message: 'must be a git URL such as https://github.com/acme/catalog.git' }],
    );
  }
}

async function git(args: string[], timeoutMs: number, cwd?: string): Promise<string> {
  try {
    const { stdout } = await run('git', [...safety, ...args], {
      cwd,
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout.trim();
  } catch (error) {
    const e = error as { killed?: boolean; stderr?: string; code?: string | number; message: string };
    if (e.code === 'ENOENT')
      throw unavailable(
        'the git command is not installed on the Steward server; install git to read repositories',
      );
    if (e.killed)
      throw unavailable(`git ${args[0]} took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`);
    const reason = (e.stderr ?? e.message).trim().split('\n').filter(Boolean).at(-1) ?? e.message;
    throw unavailable(`git ${args[0]} failed: ${reason}`);
  }
}

/** Brings `dir` to the remote's HEAD (cloning it the first time) and answers the commit. */
export async function syncClone(url: string, dir: string, timeoutMs = defaultGitTimeoutMs): Promise<string> {
  if (existsSync(join(dir, '.git'))) {
    await git(['remote', 'set-url', 'origin', url], timeoutMs, dir);
    await git(['fetch', '--depth', '1', '--no-tags', 'origin', 'HEAD'], timeoutMs, dir);
    await git(['reset', '--hard', '--quiet', 'FETCH_HEAD'], timeoutMs, dir);
    await git(['clean', '-fdxq'], timeoutMs, dir);
  } else {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dirname(dir), { recursive: true });
    // A first clone that fails is most often a wrong URL or missing access: the caller's to fix.
    await git(['clone', '--depth', '1', '--no-tags', '--quiet', '--', url, dir], timeoutMs).catch(
      (error: Error) => {
        throw error instanceof StewardError &&
          error.kind === 'unavailable' &&
          !/took longer|not installed/.test(error.message)
          ? invalid(
              `cannot clone ${url}: ${error.message.replace(/^git clone failed: /, '')}; check the URL and that this server may read it`,
              [{ field: 'body.url', message: 'could not be cloned' }],
            )
          : error;
      },
    );
  }
  return git(['rev-parse', 'HEAD'], timeoutMs, dir);
}

/** The commit a local working tree is at, or null when it is not in a git repository. */
export async function workingTreeCommit(path: string): Promise<string | null> {
  try {
    return await git(['rev-parse', 'HEAD'], 10_000, path);
  } catch {
    return null;
  }
}

/** The origin remote's URL of the repository `path` is in, or null. */
export async function originUrl(path: string): Promise<string | null> {
  try {
    return (await git(['config', '--get', 'remote.origin.url'], 10_000, path)) || null;
  } catch {
    return null;
  }
}
