// CODEOWNERS patterns compiled to a list of segment tokens matched against a whole path, one token per
// path segment and `**` for any number of them. Each flavour's rules become extra tokens at compile time.
import {
  anySegment,
  compileSegment,
  GLOBSTAR,
  globstar,
  type SegmentToken,
  segmentMatches,
} from './segment-glob.ts';

/**
 * GitHub reads patterns the gitignore way (git-scm.com/docs/gitignore, "PATTERN FORMAT"):
 * - a slash at the start or in the middle anchors the pattern to the repository root, otherwise it
 *   matches at any depth (`apps`, `*.js`, `apps/`);
 * - a pattern that matches a directory matches everything beneath it; a trailing slash matches only
 *   directories, so `apps/` owns `x/apps/y` but not a file named `apps`;
 * - `**` at the start, middle or end matches any number of directories; `abc/**` matches everything
 *   inside `abc` but not `abc` itself;
 * - GitHub's own exception: `docs/*` matches the files directly in `docs` only, not `docs/a/b`.
 */
export function compileGithubPattern(pattern: string): SegmentToken[] {
  const directoryOnly = pattern.endsWith('/') && !pattern.endsWith('\\/');
  const body = directoryOnly ? pattern.replace(/\/+$/, '') : pattern;
  const anchored = body.includes('/');
  const segments = splitSegments(body);
  if (segments.length === 0) return [];
  const tokens = segments.map((s) => (s === '**' ? globstar : compileSegment(s, 'github')));
  if (!anchored) tokens.unshift(globstar);
  const last = segments[segments.length - 1];
  // `abc/**`: everything inside, at least one segment below.
  if (last === '**') tokens.splice(tokens.length - 1, 1, anySegment, globstar);
  if (directoryOnly) tokens.push(anySegment, globstar);
  else if (last !== '*' && last !== '**') tokens.push(globstar);
  return collapseGlobstars(tokens);
}

// GitLab normalises a pattern and hands it to Ruby's File.fnmatch with FNM_PATHNAME | FNM_DOTMATCH
// (ee/lib/gitlab/code_owners/file.rb): without a leading `/` it gets `/**/` in front (any depth, even
// with a slash in the middle), a trailing `/` gets `**/*` after it, and the whole path must match.
// So `docs` matches only a file named docs, and a final `**` is a plain `*`.
export function compileGitlabPattern(pattern: string): SegmentToken[] {
  let normalised = pattern === '*' ? '/**/*' : pattern;
  if (!normalised.startsWith('/')) normalised = `/**/${normalised}`;
  if (normalised.endsWith('/')) normalised = `${normalised}**/*`;
  const segments = normalised.slice(1).split('/');
  const tokens = segments.map((s, i) =>
    s === '**' && i < segments.length - 1 ? globstar : compileSegment(s, 'gitlab'),
  );
  return collapseGlobstars(tokens);
}

// The same two-pointer walk as a segment's `*` (wildcard.ts): every token but `**` takes exactly one
// segment, so on a mismatch only the last `**` passed takes one segment more, and a pattern of many
// `**` with literals between costs at most tokens × segments tests, never a search through every way
// of splitting the path (the hostile-patterns tests ask it about 2,000 segments).
/** Whether the tokens match the whole path; `**` absorbs zero or more segments. */
export function matchTokens(tokens: SegmentToken[], segments: string[]): boolean {
  const tokenCount = tokens.length;
  const segmentCount = segments.length;
  let t = 0;
  let s = 0;
  let starToken = -1;
  let starSegment = 0;
  while (s < segmentCount) {
    const token = tokens[t];
    if (token !== undefined && token.kind === GLOBSTAR) {
      starToken = t++;
      starSegment = s;
    } else if (token !== undefined && segmentMatches(token, segments[s] as string)) {
      t++;
      s++;
    } else if (starToken >= 0) {
      t = starToken + 1;
      s = ++starSegment;
    } else {
      return false;
    }
  }
  while (t < tokenCount && (tokens[t] as SegmentToken).kind === GLOBSTAR) t++;
  return t === tokenCount;
}

function splitSegments(body: string): string[] {
  return body.split('/').filter((s) => s !== '');
}

function collapseGlobstars(tokens: SegmentToken[]): SegmentToken[] {
  return tokens.filter((token, i) => !(token.kind === GLOBSTAR && tokens[i - 1]?.kind === GLOBSTAR));
}
