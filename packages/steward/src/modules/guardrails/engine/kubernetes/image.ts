// Image references as the container runtime reads them: `[registry/]repository[:tag][@digest]`, the
// registry being the first part when it has a dot or a port or is localhost, else Docker Hub.

export interface ImageRef {
  /** `docker.io/library/nginx`, `ghcr.io/acme/api`. */
  repository: string;
  registry: string;
  tag: string | null;
  digest: string | null;
}

export function parseImage(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  const first = parts[0] ?? '';
  const hasRegistry =
    parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first : 'docker.io';
  const path = hasRegistry ? parts.slice(1).join('/') : parts.length === 1 ? `library/${rest}` : rest;
  return { repository: `${registry}/${path}`, registry, tag, digest };
}

/** Whether `image` comes from one of `allowed` (`ghcr.io`, `ghcr.io/acme`, `docker.io/library`). */
export function fromAllowedRegistry(image: ImageRef, allowed: string[]): boolean {
  return allowed.some((entry) => {
    const prefix = entry.replace(/\/+$/, '');
    return image.repository === prefix || image.repository.startsWith(`${prefix}/`);
  });
}
