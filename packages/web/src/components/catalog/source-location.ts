// Where an entity is written, as a person wants to open it: for a repository with a web face
// (GitHub, GitLab, Bitbucket, Gitea and the like), a link to the file at the commit read, at its
// line; for a directory on the server, its path; for an upload or the API, what it is.
import type { EntityDetail } from '../../api/catalog.ts';

export interface SourceLocation {
  /** What to show: a path, or the repository's path to the file. */
  text: string;
  /** A page that shows the file, when there is one. */
  url: string | null;
}

/** `https://host/org/repo(.git)`, `ssh://git@host/org/repo.git` or `git@host:org/repo.git` → `https://host/org/repo`. */
export function repositoryWebUrl(target: string): string | null {
  const scp = /^[\w.-]+@([\w.-]+):(?!\/)(.+?)(?:\.git)?\/?$/.exec(target);
  if (scp) return `https://${scp[1]}/${scp[2]}`;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return null;
  }
  if (!['https:', 'http:', 'ssh:', 'git:'].includes(url.protocol)) return null;
  const path = url.pathname.replace(/\.git\/?$/, '').replace(/\/+$/, '');
  if (!path || path === '/') return null;
  const scheme = url.protocol === 'http:' ? 'http:' : 'https:';
  return `${scheme}//${url.hostname}${path}`;
}

/** The page showing `file` (at `line`) in the repository, in the host's own URL form. */
export function fileWebUrl(repository: string, revision: string | null, file: string, line: number | null) {
  const host = new URL(repository).hostname;
  const ref = revision ?? 'HEAD';
  const path = file.split('/').map(encodeURIComponent).join('/');
  if (host.includes('bitbucket')) return `${repository}/src/${ref}/${path}${line ? `#lines-${line}` : ''}`;
  const blob = host.includes('gitlab') ? '-/blob' : host.includes('gitea') ? 'src/commit' : 'blob';
  return `${repository}/${blob}/${ref}/${path}${line ? `#L${line}` : ''}`;
}

export function sourceLocationOf(detail: Pick<EntityDetail, 'source' | 'file' | 'line'>): SourceLocation {
  const { source, file, line } = detail;
  const at = (text: string) => (line ? `${text}:${line}` : text);
  if (!file) return { text: source.kind === 'api' ? 'created through the API' : source.target, url: null };
  if (source.kind === 'git') {
    const repository = repositoryWebUrl(source.target);
    return {
      text: at(file),
      url: repository ? fileWebUrl(repository, source.revision ?? null, file, line) : null,
    };
  }
  if (source.kind === 'dir') return { text: at(`${source.target.replace(/\/+$/, '')}/${file}`), url: null };
  return { text: at(file), url: null };
}
