// Git, through the `git` command: a shallow clone (or fetch and reset when already cloned) of a
// repository URL, and the commit a local working tree is at. Never prompts for credentials, and never
// reads the server's own disk unless the operator allows local repositories.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { invalid, StewardError, unavailable } from '../../../platform/errors.ts';

const run = promisify(execFile);

/** Never a credential prompt; `ext::` (runs commands) refused even if a transport list is not honoured. */
const safety = [
  '-c',
  'protocol.ext.allow=never',
  '-c',
  'core.askPass=true',
  '-c',
  'credential.interactive=never',
];

export const defaultGitTimeoutMs = 120_000;

/**
 * The transports git may use, enforced by git itself (GIT_ALLOW_PROTOCOL, which also covers redirects
 * and anything a string check misses): https and ssh (`git@host:path` is ssh); `file` (a path on the
 * server) only when the operator allows local repositories, as reading one reads the server's disk.
 */
export function allowedProtocols(allowLocal: boolean): string {
  return allowLocal ? 'https:ssh:file' : 'https:ssh';
}

const remoteUrl = /^(https|ssh):\/\/[^\s/]+(\/\S*)?$/i;
/** `user@host:path`, as ssh reads it; `::` would be a transport such as `ext::`. */
const scpLikeUrl = /^[\w.][\w.-]*@[\w.][\w.-]*:(?!:)\S+$/;
const localUrl = /^(file:\/\/\/|\/)\S*$/;

/** https://…, ssh://…, scp-like `git@host:org/repo.git`; with `allowLocal`, a path or file:// URL too. */
export function assertGitUrl(url: string, field = 'body.url', allowLocal = false): void {
  // An option (`--upload-pack=…`) where a URL or host should be is refused whatever else matches.
  const option = url.startsWith('-') || /:\/\/[^/]*@-|:\/\/-/.test(url);
  if (!option && (remoteUrl.test(url) || scpLikeUrl.test(url))) return;
  if (!option && localUrl.test(url)) {
    if (allowLocal) return;
    throw invalid(
      `${field} is a path on the Steward server (${JSON.stringify(url)}); reading the server's own disk is off: give the repository's https:// or ssh:// URL, or ask the operator to set STEWARD_GIT_ALLOW_LOCAL=true`,
      [{ field, message: 'must be a remote git URL: local paths are not allowed on this server' }],
    );
  }
  const local = allowLocal ? ', or an absolute path' : '';
  throw invalid(
    `${field} must be a git URL (https://…, ssh://… or git@host:org/repo.git${local}), got ${JSON.stringify(url)}`,
    [{ field, message: 'must be a git URL such as https://github.com/acme/catalog.git' }],
  );
}

interface GitRun {
  timeoutMs: number;
  cwd?: string | undefined;
  /** Transports allowed (GIT_ALLOW_PROTOCOL); local commands that fetch nothing pass none. */
  protocols?: string | undefined;
}

async function git(args: string[], { timeoutMs, cwd, protocols = 'none' }: GitRun): Promise<string> {
  try {
    const { stdout } = await run('git', [...safety, ...args], {
      cwd,
      // The operator's own GIT_ALLOW_PROTOCOL would otherwise widen (or narrow) what a source may use;
      // Git LFS (if installed) would fetch from wherever the repository's .lfsconfig says.
      env: {
        ...process.env,
        GIT_ALLOW_PROTOCOL: protocols,
        GIT_TERMINAL_PROMPT: '0',
        GIT_LFS_SKIP_SMUDGE: '1',
      },
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

export interface CloneOptions {
  timeoutMs?: number | undefined;
  /** Whether a path on the server (or a file:// URL) may be cloned: off unless the operator allows it. */
  allowLocal?: boolean | undefined;
}

/** Brings `dir` to the remote's HEAD (cloning it the first time) and answers the commit. */
export async function syncClone(url: string, dir: string, options: CloneOptions = {}): Promise<string> {
  const timeoutMs = options.timeoutMs ?? defaultGitTimeoutMs;
  // Checked again on every read: a source added before local paths were turned off stays refused.
  assertGitUrl(url, 'source.target', options.allowLocal);
  const remote = { timeoutMs, protocols: allowedProtocols(options.allowLocal ?? false) };
  if (existsSync(join(dir, '.git'))) {
    await git(['remote', 'set-url', '--', 'origin', url], { timeoutMs, cwd: dir });
    await git(['fetch', '--depth', '1', '--no-tags', '--', 'origin', 'HEAD'], { ...remote, cwd: dir });
    await git(['reset', '--hard', '--quiet', 'FETCH_HEAD', '--'], { timeoutMs, cwd: dir });
    await git(['clean', '-fdxq'], { timeoutMs, cwd: dir });
  } else {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dirname(dir), { recursive: true });
    // A first clone that fails is most often a wrong URL or missing access: the caller's to fix.
    await git(['clone', '--depth', '1', '--no-tags', '--quiet', '--', url, dir], remote).catch(
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
  return git(['rev-parse', 'HEAD'], { timeoutMs, cwd: dir });
}

/** The commit a local working tree is at, or null when it is not in a git repository. */
export async function workingTreeCommit(path: string): Promise<string | null> {
  try {
    return await git(['rev-parse', 'HEAD'], { timeoutMs: 10_000, cwd: path });
  } catch {
    return null;
  }
}

/** Where `path` is inside its git work tree (`catalog/teams`, '' at the top), or null outside one. */
export async function workTreePrefix(path: string): Promise<string | null> {
  try {
    return (await git(['rev-parse', '--show-prefix'], { timeoutMs: 10_000, cwd: path })).replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/** The origin remote's URL of the repository `path` is in, or null. */
export async function originUrl(path: string): Promise<string | null> {
  try {
    return (await git(['config', '--get', 'remote.origin.url'], { timeoutMs: 10_000, cwd: path })) || null;
  } catch {
    return null;
  }
}

/** The URL of the first remote of the repository `path` is in (for one with no `origin`), or null. */
export async function firstRemoteUrl(path: string): Promise<string | null> {
  try {
    const listed = await git(['config', '--get-regexp', '^remote\\..*\\.url$'], {
      timeoutMs: 10_000,
      cwd: path,
    });
    return listed.split('\n')[0]?.split(' ')[1] ?? null;
  } catch {
    return null;
  }
}
