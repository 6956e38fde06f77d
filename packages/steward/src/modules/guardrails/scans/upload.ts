// The CLI's side of uploads: which repository a scan is of (--target, else the origin remote of the
// repository scanned, else its directory's name), file paths made relative to that repository's root
// (so the server can ask CODEOWNERS about them), and the PUT itself.
import { execFile } from 'node:child_process';
import { basename, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { ApiClient } from '../../../platform/cli/client.ts';
import { usageError } from '../../../platform/cli/program.ts';
import { repositoryIdentity } from '../../ownership/index.ts';
import { type ScanUploadAnswer, scanUploadAnswerSchema, scanUploadSchema } from '../schemas.ts';

const run = promisify(execFile);

/** `--target`, else the origin remote (`github.com/acme/shop`), else the first remote, else the root's name. */
export async function uploadTarget(given: string | undefined, repoRoot: string): Promise<string> {
  if (given !== undefined) {
    const target = repositoryIdentity(given);
    if (target === '' || /[\s\p{Cc}]/u.test(target))
      throw usageError(
        `--target ${JSON.stringify(given)}: write a repository name, e.g. github.com/acme/shop`,
      );
    return target;
  }
  for (const args of [
    ['config', '--get', 'remote.origin.url'],
    ['config', '--get-regexp', '^remote\\..*\\.url$'],
  ]) {
    const remote = await run('git', args, { cwd: repoRoot, timeout: 10_000 }).then(
      ({ stdout }) => stdout.split('\n')[0]?.split(' ').at(-1)?.trim() ?? '',
      () => '',
    );
    if (remote !== '') return repositoryIdentity(remote);
  }
  return basename(repoRoot);
}

/** The report's file paths, taken from `base` (where the scan ran), made relative to the repository root. */
export function relativeToRoot(report: unknown, base: string, repoRoot: string): unknown {
  if (typeof report !== 'object' || report === null) return report;
  const fix = (file: unknown) => {
    if (typeof file !== 'string') return file;
    const path = relative(repoRoot, resolve(base, file)).split('\\').join('/');
    return path.startsWith('..') ? file : path;
  };
  const withFile = (items: unknown) =>
    Array.isArray(items)
      ? items.map((item) => {
          if (typeof item !== 'object' || item === null) return item;
          const out: Record<string, unknown> = { ...item, file: fix((item as { file?: unknown }).file) };
          for (const key of ['expiredExemption', 'exemptedBy']) {
            const inner = out[key] as { file?: unknown } | undefined;
            if (inner && typeof inner === 'object') out[key] = { ...inner, file: fix(inner.file) };
          }
          return out;
        })
      : items;
  const r = report as Record<string, unknown>;
  return {
    ...r,
    findings: withFile(r.findings),
    exempted: withFile(r.exempted),
    exemptions: withFile(r.exemptions),
    problems: withFile(r.problems),
  };
}

/** Checks the report as the server will (naming the first bad field), then PUTs it. */
export async function uploadScan(
  client: ApiClient,
  target: string,
  report: unknown,
): Promise<ScanUploadAnswer> {
  const parsed = scanUploadSchema.safeParse(report);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(the report)';
    throw usageError(`not a steward scan --format json report: ${field}: ${issue?.message ?? 'bad shape'}`);
  }
  return client.request(
    'PUT',
    `/api/v1/guardrails/scans/${encodeURIComponent(target)}`,
    scanUploadAnswerSchema,
    parsed.data,
  );
}

export function describeUpload(answer: ScanUploadAnswer, server: string): string {
  return `steward: uploaded the scan of ${answer.target} to ${server}: ${answer.findings} open findings, ${answer.exempted} exempted, ${answer.exemptions} exemptions\n`;
}
