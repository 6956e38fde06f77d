// Files uploaded as a catalog source (`steward catalog import` of a local directory): each path must be
// relative, inside the directory imported, and writable as a file on any server, because the catalog
// reads an upload as a directory (upload-tree.ts). They are kept in the database (store/upload-store.ts).
import { type FieldProblem, invalid } from '../../../platform/errors.ts';
import { nextLoneSurrogate } from '../../../platform/unstorable-text.ts';

export interface UploadedFile {
  path: string;
  content: string;
}

/** The longest file or directory name filesystems take (NAME_MAX), in bytes. */
const maxNameBytes = 255;

/** Null when the path may be written under the upload's directory, else what is wrong with it. */
export function uploadPathProblem(path: string): string | null {
  if (path === '' || path.length > 1024) return 'must be a relative path of 1 to 1024 characters';
  if (path.includes('\0') || path.includes('\\'))
    return 'must not contain NUL or backslashes; use / between directories';
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path))
    return 'must be relative to the directory imported, not absolute';
  const segments = path.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.' || segment === '')) {
    return 'must stay inside the directory imported: no "..", "." or empty segments';
  }
  const long = segments.find((segment) => Buffer.byteLength(segment) > maxNameBytes);
  if (long !== undefined) {
    return `has a name of ${Buffer.byteLength(long)} bytes (${JSON.stringify(`${long.slice(0, 24)}…`)}); a file or directory name may be at most ${maxNameBytes} bytes`;
  }
  return null;
}

export function assertUploadPaths(files: readonly UploadedFile[]): void {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  /** Every directory the files so far need, with the first file needing it. */
  const directories = new Map<string, number>();
  files.forEach((file, i) => {
    const problem =
      uploadPathProblem(file.path) ??
      (seen.has(file.path) ? 'is uploaded twice' : clash(file.path, seen, directories));
    seen.add(file.path);
    const segments = file.path.split('/');
    for (let n = 1; n < segments.length; n++) {
      const directory = segments.slice(0, n).join('/');
      if (!directories.has(directory)) directories.set(directory, i);
    }
    if (problem)
      problems.push({ field: `body.files[${i}].path`, message: `${JSON.stringify(file.path)} ${problem}` });
  });
  if (problems.length > 0) {
    throw invalid(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
}

/** A path cannot be a file and a directory at once. */
function clash(path: string, files: Set<string>, directories: Map<string, number>): string | null {
  const asDirectory = directories.get(path);
  if (asDirectory !== undefined)
    return `is a file, but body.files[${asDirectory}].path needs it to be a directory`;
  const segments = path.split('/');
  for (let n = 1; n < segments.length; n++) {
    const directory = segments.slice(0, n).join('/');
    if (files.has(directory))
      return `needs ${JSON.stringify(directory)} to be a directory, but it is uploaded as a file`;
  }
  return null;
}

/**
 * The content as UTF-8, except that a lone surrogate (valid in a JSON string, not in text) is kept as
 * its three bytes rather than silently replaced by U+FFFD: reading the file then reports it where it is.
 */
export function bytesOf(content: string): Buffer {
  if (content.isWellFormed()) return Buffer.from(content, 'utf8');
  const parts: Buffer[] = [];
  let from = 0;
  for (let i = nextLoneSurrogate(content); i !== -1; i = nextLoneSurrogate(content, i + 1)) {
    const c = content.charCodeAt(i);
    parts.push(Buffer.from(content.slice(from, i), 'utf8'));
    parts.push(Buffer.from([0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]));
    from = i + 1;
  }
  parts.push(Buffer.from(content.slice(from), 'utf8'));
  return Buffer.concat(parts);
}
