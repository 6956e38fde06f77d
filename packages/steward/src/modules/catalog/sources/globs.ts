// Glob patterns as catalogs and catalog configuration write them (`./plugins/*/catalog-info.yaml`,
// `**/catalog-info.yaml`, `docs/{a,b}.yaml`), matched against `/`-separated paths relative to a root.
// They come from files Steward does not control, so they are translated to RE2 (linear time whatever
// the pattern) rather than handed to a glob library that compiles to V8 regular expressions.
import { compileLinearRegex, type LinearRegex } from '../../../platform/linear-regex.ts';

export type GlobResult = { ok: true; glob: Glob } | { ok: false; message: string };

export interface Glob {
  readonly pattern: string;
  /** The directories before the first wildcard (`plugins` for `plugins/*\/x.yaml`): where a walk starts. */
  readonly base: string;
  matches(path: string): boolean;
}

export function isGlob(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}

/** A pattern relative to a root: `./` and a leading `/` are dropped; `..` is not allowed. */
export function compileGlob(pattern: string): GlobResult {
  const cleaned = pattern.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
  const segments = cleaned.split('/');
  if (segments.includes('..')) return { ok: false, message: 'a pattern may not climb out with ".."' };
  const source = translate(cleaned);
  if (typeof source !== 'string') return source;
  const compiled = compileLinearRegex(source);
  if (!compiled.ok) return { ok: false, message: compiled.message };
  const regex: LinearRegex = compiled.regex;
  const firstWild = segments.findIndex((s) => isGlob(s));
  const base = (firstWild === -1 ? segments.slice(0, -1) : segments.slice(0, firstWild)).join('/');
  return { ok: true, glob: { pattern, base, matches: (path) => regex.matchesWhole(path) } };
}

/** The RE2 source for a glob; `**` as a whole segment spans any number of directories (none too). */
function translate(glob: string): string | { ok: false; message: string } {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*' && (i === 0 || glob[i - 1] === '/')) {
      const atEnd = i + 2 === glob.length;
      if (atEnd) out += '.*';
      else if (glob[i + 2] === '/') {
        out += '(?:[^/]*/)*';
        i += 2;
        continue;
      } else out += '[^/]*';
      i += 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) return { ok: false, message: `"[" at ${i + 1} is never closed with "]"` };
      const body = glob.slice(i + 1, end).replace(/^!/, '^');
      out += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else out += c.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  if (braces > 0) return { ok: false, message: '"{" is never closed with "}"' };
  return out;
}
