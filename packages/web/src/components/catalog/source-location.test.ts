import { describe, expect, it } from 'vitest';
import { fileWebUrl, repositoryWebUrl, sourceLocationOf } from './source-location.ts';

const source = (kind: 'git' | 'dir' | 'upload' | 'api', target: string, revision: string | null = null) => ({
  id: 's1',
  kind,
  name: 'acme',
  target,
  revision,
});

describe('where an entity is written', () => {
  it('turns the usual forms of a git remote into the repository page', () => {
    expect(repositoryWebUrl('https://github.com/acme/shop.git')).toBe('https://github.com/acme/shop');
    expect(repositoryWebUrl('git@github.com:acme/shop.git')).toBe('https://github.com/acme/shop');
    expect(repositoryWebUrl('ssh://git@gitlab.com/acme/group/shop.git')).toBe(
      'https://gitlab.com/acme/group/shop',
    );
    expect(repositoryWebUrl('https://gitlab.example.com/acme/shop/')).toBe(
      'https://gitlab.example.com/acme/shop',
    );
  });

  it('has no web page for a repository on the server', () => {
    expect(repositoryWebUrl('/srv/git/shop')).toBeNull();
    expect(repositoryWebUrl('file:///srv/git/shop')).toBeNull();
  });

  it('links a file at its commit and line the way each host writes it', () => {
    expect(fileWebUrl('https://github.com/acme/shop', 'abc123', 'svc/catalog-info.yaml', 7)).toBe(
      'https://github.com/acme/shop/blob/abc123/svc/catalog-info.yaml#L7',
    );
    expect(fileWebUrl('https://gitlab.com/acme/shop', 'abc123', 'catalog-info.yaml', 3)).toBe(
      'https://gitlab.com/acme/shop/-/blob/abc123/catalog-info.yaml#L3',
    );
    expect(fileWebUrl('https://bitbucket.org/acme/shop', null, 'catalog-info.yaml', 3)).toBe(
      'https://bitbucket.org/acme/shop/src/HEAD/catalog-info.yaml#lines-3',
    );
    expect(fileWebUrl('https://github.com/acme/shop', null, 'a b/c#d.yaml', null)).toBe(
      'https://github.com/acme/shop/blob/HEAD/a%20b/c%23d.yaml',
    );
  });

  it('gives a path, not a link, for a directory source', () => {
    expect(
      sourceLocationOf({ source: source('dir', '/srv/acme/'), file: 'org/groups.yaml', line: 12 }),
    ).toEqual({
      text: '/srv/acme/org/groups.yaml:12',
      url: null,
    });
  });

  it('links a file of a git source', () => {
    const at = sourceLocationOf({
      source: source('git', 'git@github.com:acme/shop.git', 'f00d'),
      file: 'catalog-info.yaml',
      line: 1,
    });
    expect(at).toEqual({
      text: 'catalog-info.yaml:1',
      url: 'https://github.com/acme/shop/blob/f00d/catalog-info.yaml#L1',
    });
  });

  it('says so when the entity was made through the API', () => {
    expect(sourceLocationOf({ source: source('api', 'api'), file: null, line: null }).text).toBe(
      'created through the API',
    );
  });
});
