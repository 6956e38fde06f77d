// Globs against Node's own path.matchesGlob (minimatch's rules) as the reference, on paths without
// hidden segments (which Steward's loader leaves out before matching, as Backstage's glob does).
import { matchesGlob } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileGlob } from './globs.ts';

const patterns = [
  'plugins/*/catalog-info.yaml',
  '**/catalog-info.yaml',
  'teams/**/*.yaml',
  'teams/**',
  'docs/{a,b}/*.y?ml',
  'docs/[ab]*.yaml',
  'docs/[!a]*.yaml',
  '*.yaml',
  'a/**/b/**/c.yaml',
  'services/*-api/catalog-info.yml',
];
const paths = [
  'catalog-info.yaml',
  'plugins/todo/catalog-info.yaml',
  'plugins/todo/deep/catalog-info.yaml',
  'teams/a.yaml',
  'teams/x/y/z.yaml',
  'teams/x/y/z.json',
  'docs/a/one.yaml',
  'docs/b/two.yml',
  'docs/c/three.yaml',
  'docs/apple.yaml',
  'docs/banana.yaml',
  'docs/cherry.yaml',
  'org.yaml',
  'a/b/c.yaml',
  'a/x/b/y/z/c.yaml',
  'a/c.yaml',
  'services/pay-api/catalog-info.yml',
  'services/pay-web/catalog-info.yml',
];

describe('compileGlob', () => {
  for (const pattern of patterns) {
    it(`${pattern} matches what path.matchesGlob matches`, () => {
      const compiled = compileGlob(pattern);
      if (!compiled.ok) throw new Error(compiled.message);
      for (const path of paths) expect(compiled.glob.matches(path), path).toBe(matchesGlob(path, pattern));
    });
  }

  it('reads ./ as the directory itself, and says where a walk can start', () => {
    const compiled = compileGlob('./plugins/*/catalog-info.yaml');
    expect(compiled.ok && compiled.glob.base).toBe('plugins');
    expect(compiled.ok && compiled.glob.matches('plugins/todo/catalog-info.yaml')).toBe(true);
  });

  it('refuses a pattern that climbs out, or one left open, saying why', () => {
    expect(compileGlob('../*.yaml')).toEqual({ ok: false, message: 'a pattern may not climb out with ".."' });
    expect(compileGlob('docs/{a,b.yaml')).toEqual({ ok: false, message: '"{" is never closed with "}"' });
    expect(compileGlob('docs/[ab.yaml')).toMatchObject({ ok: false });
  });
});
