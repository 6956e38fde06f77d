// Files uploaded as a catalog source (`steward catalog import` of a local directory): kept under the
// data directory, each path relative and inside it.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type FieldProblem, invalid } from '../../../platform/errors.ts';

export interface UploadedFile {
  path: string;
  content: string;
}

/** Null when the path may be written under the upload's directory, else what is wrong with it. */
export function uploadPathProblem(path: string): string | null {
  if (path === '' || path.length > 1024) return 'must be a relative path of 1 to 1024 characters';
  if (path.includes('\0') || path.includes('\\'))
    return 'must not contain NUL or backslashes; use / between directories';
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path))
    return 'must be relative to the directory imported, not absolute';
  if (path.split('/').some((segment) => segment === '..' || segment === '.' || segment === '')) {
    return 'must stay inside the directory imported: no "..", "." or empty segments';
  }
  return null;
}

export function assertUploadPaths(files: readonly UploadedFile[]): void {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  files.forEach((file, i) => {
    const problem = uploadPathProblem(file.path) ?? (seen.has(file.path) ? 'is uploaded twice' : null);
    seen.add(file.path);
    if (problem)
      problems.push({ field: `body.files[${i}].path`, message: `${JSON.stringify(file.path)} ${problem}` });
  });
  if (problems.length > 0) {
    throw invalid(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
}

/** Replaces what was uploaded before with these files. */
export async function writeUploadedFiles(dir: string, files: readonly UploadedFile[]): Promise<void> {
  assertUploadPaths(files);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const file of files) {
    const path = join(dir, ...file.path.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
  }
}
