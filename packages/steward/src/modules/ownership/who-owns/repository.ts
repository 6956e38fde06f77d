// Repository identity: one spelling (`github.com/acme/monorepo`) for the many ways it is written —
// https and ssh clone URLs, `owner/repo` slugs, and Backstage source locations that also carry a
// path inside the repository (GitHub and Bitbucket `tree|blob|src/<ref>/…`, GitLab `-/tree/<ref>/…`).

export interface RepositoryLocation {
  /** `host/owner/repo`, lower-case. */
  repository: string;
  /** Inside the repository, no leading or trailing `/`; '' for the whole repository. */
  path: string;
}

/** `https://github.com/Acme/Monorepo.git`, `git@github.com:acme/monorepo`, `github.com/acme/monorepo` → `github.com/acme/monorepo`. */
export function normaliseRepository(text: string): string | null {
  return parseRepositoryUrl(text)?.repository ?? null;
}

/**
 * How a repository is named in answers: `github.com/acme/monorepo` for anything that reads as a
 * repository URL, else the text itself (a source with no remote is known by its name).
 */
export function repositoryIdentity(text: string): string {
  return normaliseRepository(text) ?? text.trim();
}

/** A GitHub `owner/repo` slug (the `github.com/project-slug` annotation). */
export function repositoryFromSlug(slug: string, host = 'github.com'): string | null {
  const parts = slug.trim().split('/');
  if (parts.length !== 2 || parts.some((p) => !/^[A-Za-z0-9_.-]+$/.test(p))) return null;
  return `${host}/${parts.join('/')}`.toLowerCase().replace(/\.git$/, '');
}

/**
 * Backstage's `backstage.io/source-location` (`url:https://github.com/acme/monorepo/tree/main/services/x/`)
 * or any repository URL. A location naming a file (`blob/…/catalog-info.yaml`) covers its directory.
 */
export function parseRepositoryUrl(text: string): RepositoryLocation | null {
  const raw = text.trim().replace(/^url:/, '');
  const scp = /^[\w.-]+@([\w.-]+):(.+)$/.exec(raw);
  const withScheme = scp
    ? `ssh://${scp[1]}/${scp[2]}`
    : /^[a-z][a-z0-9+.-]*:\/\//i.test(raw)
      ? raw
      : `https://${raw}`;
  const url = URL.parse(withScheme);
  if (!url || url.hostname === '') return null;
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const marked = splitAtMarker(segments);
  const repoSegments = (marked?.repo ?? segments).map((s) => s.replace(/\.git$/, ''));
  if (repoSegments.length < 2) return null;
  const repository = `${url.hostname}/${repoSegments.join('/')}`.toLowerCase();
  let path = marked?.path ?? [];
  if (marked?.isFile) path = path.slice(0, -1);
  return { repository, path: path.map(decodeSegment).join('/') };
}

interface Marked {
  repo: string[];
  path: string[];
  isFile: boolean;
}

/** The segment after which a ref and then a path follow; branch names with `/` are read as one segment. */
function splitAtMarker(segments: string[]): Marked | null {
  const dash = segments.indexOf('-');
  if (dash >= 2 && (segments[dash + 1] === 'tree' || segments[dash + 1] === 'blob')) {
    return {
      repo: segments.slice(0, dash),
      path: segments.slice(dash + 3),
      isFile: segments[dash + 1] === 'blob',
    };
  }
  const marker = segments[2];
  if (segments.length >= 4 && (marker === 'tree' || marker === 'blob' || marker === 'src')) {
    return { repo: segments.slice(0, 2), path: segments.slice(4), isFile: marker === 'blob' };
  }
  return null;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Whether `prefix` ('' or `a/b`) covers `path` (`a/b/c.go`): equal, or a directory above it. */
export function pathCovers(prefix: string, path: string): boolean {
  return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
}

/** `./services/x/` → `services/x`. */
export function normaliseRepoPath(path: string): string {
  return path
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/');
}
