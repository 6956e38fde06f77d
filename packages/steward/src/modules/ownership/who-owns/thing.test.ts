// Reading THINGs: each syntax, and a bad one answered with what was wrong and the right syntax.
import { describe, expect, it } from 'vitest';
import { parseLabelSelector, selectorMatches } from './label-selector.ts';
import { normaliseRepository, parseRepositoryUrl, repositoryFromSlug } from './repository.ts';
import { parseThing } from './thing.ts';

const thing = (text: string, options = {}) => {
  const parsed = parseThing(text, options);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.thing;
};
const problem = (text: string) => {
  const parsed = parseThing(text);
  if (parsed.ok) throw new Error(`${text} was read as ${JSON.stringify(parsed.thing)}`);
  return parsed.message;
};

describe('parseThing', () => {
  it('reads entity refs, lower-casing them as the catalog compares them, and bare names', () => {
    expect(thing('component:default/checkout-api')).toEqual({
      kind: 'entity',
      text: 'component:default/checkout-api',
      ref: 'component:default/checkout-api',
    });
    expect(thing('Component:checkout-api')).toMatchObject({ ref: 'component:default/checkout-api' });
    expect(thing('checkout-api')).toEqual({
      kind: 'entity',
      text: 'checkout-api',
      ref: null,
      name: 'checkout-api',
    });
  });

  it('reads paths: prefixed, containing a slash, or a word the caller says is a file', () => {
    expect(thing('path:./services//checkout-api/main.go')).toMatchObject({
      kind: 'path',
      path: 'services/checkout-api/main.go',
    });
    expect(thing('/docs/index.md')).toMatchObject({ kind: 'path', path: 'docs/index.md' });
    expect(thing('Makefile', { isPath: (t: string) => t === 'Makefile' })).toMatchObject({
      kind: 'path',
      path: 'Makefile',
    });
    expect(thing('Makefile')).toMatchObject({ kind: 'entity', name: 'Makefile' });
  });

  it('reads Kubernetes objects, namespaced or cluster-wide, with labels', () => {
    expect(thing('k8s:Deployment/shop/web{app.kubernetes.io/name=web, team="x"}')).toEqual({
      kind: 'kubernetes',
      text: 'k8s:Deployment/shop/web{app.kubernetes.io/name=web, team="x"}',
      objectKind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      labels: { 'app.kubernetes.io/name': 'web', team: 'x' },
    });
    expect(thing('k8s:ClusterRole/system:viewer')).toMatchObject({
      namespace: null,
      name: 'system:viewer',
      labels: {},
    });
  });

  it('reads alerts in Prometheus label-set syntax, with escapes and an optional alert name in front', () => {
    expect(thing('alert:{alertname="High\\"Error\\"Rate",service="checkout-api",}')).toMatchObject({
      kind: 'alert',
      labels: { alertname: 'High"Error"Rate', service: 'checkout-api' },
    });
    expect(thing('alert:HighErrorRate{service="x"}')).toMatchObject({
      labels: { alertname: 'HighErrorRate', service: 'x' },
    });
    const odd = thing('alert:{__proto__="x",constructor="y"}');
    expect(odd.kind === 'alert' && Object.entries(odd.labels)).toEqual([
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ]);
  });

  it('reads URLs, prefixed or not', () => {
    expect(thing('url:https://Shop.Acme.example./checkout?x=1')).toMatchObject({
      kind: 'url',
      host: 'shop.acme.example',
      path: '/checkout',
    });
    expect(thing('http://shop.acme.example')).toMatchObject({
      kind: 'url',
      host: 'shop.acme.example',
      path: '/',
    });
  });

  it('says what is wrong with a bad thing and shows the syntax', () => {
    expect(problem('')).toContain('component:default/checkout-api');
    expect(problem('two words')).toMatch(
      /not an entity name, a path or a prefixed thing: write .*path:.*k8s:/,
    );
    expect(problem('component:default/Bad Name!')).toContain('its name "Bad Name!" is not an entity name');
    expect(problem('k8s:Deployment')).toContain('write k8s:Kind/namespace/name');
    expect(problem('k8s:Deployment/Shop/web')).toContain('not a Kubernetes namespace');
    expect(problem('k8s:Deployment/shop/web{app}')).toContain('has no "="');
    expect(problem('alert:HighErrorRate')).toContain('has no labels: write alert:{alertname="HighErrorRate"');
    expect(problem('alert:{service="x}')).toContain('no closing quote');
    expect(problem('alert:{9lives="x"}')).toContain('not a label name');
    expect(problem('alert:{a="1",a="2"}')).toContain('given twice');
    expect(problem('url:ftp://x.example/')).toContain('not an http:// or https:// URL');
    expect(problem('path:../etc/passwd')).toContain('leaves the repository');
  });
});

describe('repository identity', () => {
  it('spells every form of a repository one way', () => {
    for (const text of [
      'https://github.com/Acme/Monorepo.git',
      'git@github.com:acme/monorepo.git',
      'ssh://git@github.com/acme/monorepo',
      'github.com/acme/monorepo/',
    ]) {
      expect(normaliseRepository(text), text).toBe('github.com/acme/monorepo');
    }
    expect(repositoryFromSlug('Acme/payments')).toBe('github.com/acme/payments');
    expect(repositoryFromSlug('not a slug')).toBeNull();
  });

  it('splits source locations into repository and path, a file naming its directory', () => {
    expect(parseRepositoryUrl('url:https://github.com/acme/monorepo/tree/main/services/x/')).toEqual({
      repository: 'github.com/acme/monorepo',
      path: 'services/x',
    });
    expect(
      parseRepositoryUrl('url:https://github.com/acme/monorepo/blob/main/services/x/catalog-info.yaml'),
    ).toEqual({ repository: 'github.com/acme/monorepo', path: 'services/x' });
    expect(parseRepositoryUrl('https://gitlab.com/acme/group/project/-/tree/main/lib')).toEqual({
      repository: 'gitlab.com/acme/group/project',
      path: 'lib',
    });
    expect(parseRepositoryUrl('https://bitbucket.org/acme/repo/src/master/app')).toEqual({
      repository: 'bitbucket.org/acme/repo',
      path: 'app',
    });
    expect(parseRepositoryUrl('https://github.com/acme/monorepo')).toEqual({
      repository: 'github.com/acme/monorepo',
      path: '',
    });
    expect(parseRepositoryUrl('https://github.com/acme')).toBeNull();
  });
});

describe('Kubernetes label selectors', () => {
  it('reads equality, set and existence requirements and matches as kubectl does', () => {
    const parsed = parseLabelSelector('app=web, tier in (front,edge),env!=dev,!legacy,team');
    if (!parsed.ok) throw new Error(parsed.message);
    const match = (labels: Record<string, string>) => selectorMatches(parsed.requirements, labels);
    expect(match({ app: 'web', tier: 'edge', team: 'a' })).toBe(true);
    expect(match({ app: 'web', tier: 'edge', team: 'a', env: 'dev' })).toBe(false);
    expect(match({ app: 'web', tier: 'back', team: 'a' })).toBe(false);
    expect(match({ app: 'web', tier: 'edge', team: 'a', legacy: 'yes' })).toBe(false);
    expect(match({ app: 'web', tier: 'edge' })).toBe(false);
    expect(parseLabelSelector('app===web')).toMatchObject({ ok: false });
    expect(parseLabelSelector('  ')).toMatchObject({ ok: false });
  });
});
