import { describe, expect, it } from 'vitest';
import { matchRoute } from './router.tsx';

describe('matchRoute', () => {
  it('matches the root and fixed paths, with or without a trailing slash', () => {
    expect(matchRoute('/', '/')).toEqual({});
    expect(matchRoute('/teams', '/teams')).toEqual({});
    expect(matchRoute('/teams', '/teams/')).toEqual({});
    expect(matchRoute('/teams', '/')).toBeNull();
    expect(matchRoute('/', '/teams')).toBeNull();
  });

  it('captures and decodes parameters, and needs every segment', () => {
    expect(matchRoute('/teams/:name', '/teams/site%20reliability')).toEqual({ name: 'site reliability' });
    expect(matchRoute('/teams/:name', '/teams')).toBeNull();
    expect(matchRoute('/teams/:name', '/teams/a/b')).toBeNull();
    expect(matchRoute('/teams/:name', '/people/a')).toBeNull();
  });
});
