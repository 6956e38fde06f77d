// The entity page's pure parts: which annotations are links, the YAML's key order and round trip,
// and what an API's spec.definition gives to show.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { apiDefinitionOf } from './api-definition/api-definition-card.tsx';
import { linksOf } from './entity-about.tsx';
import { annotationsOf, webAddressIn } from './entity-annotations.tsx';
import { entityYaml } from './entity-yaml.tsx';

describe('the entity page’s parts', () => {
  it('links annotation values that are web addresses, Backstage’s url: form included', () => {
    expect(webAddressIn('url:https://github.com/acme/shop/tree/main/')).toBe(
      'https://github.com/acme/shop/tree/main/',
    );
    expect(webAddressIn('https://grafana.acme.example/d/x')).toBe('https://grafana.acme.example/d/x');
    expect(webAddressIn('javascript:alert(1)')).toBeNull();
    expect(webAddressIn('url:javascript:alert(1)')).toBeNull();
    expect(webAddressIn('acme/shop')).toBeNull();
    expect(webAddressIn('https://a.example/x y')).toBeNull();
  });

  it('shows links with a web or mail address, and leaves out what a browser would run', () => {
    const links = [
      { url: 'https://runbooks.acme.example/shop', title: 'Runbook', icon: 'docs' },
      { url: 'mailto:shop@acme.example', title: 'Mail' },
      { url: 'javascript:alert(1)', title: 'Click me' },
      { url: 'JavaScript:alert(1)' },
      { url: 'runbook' },
      { title: 'no url' },
    ];
    expect(linksOf({ metadata: { links } }).map((link) => link.url)).toEqual([
      'https://runbooks.acme.example/shop',
      'mailto:shop@acme.example',
    ]);
  });

  it('lists annotations sorted by key, values that are not text as JSON', () => {
    const entity = { metadata: { annotations: { 'b/key': 'two', 'a/key': 'one', 'c/key': 3 } } };
    expect(annotationsOf(entity)).toEqual([
      ['a/key', 'one'],
      ['b/key', 'two'],
      ['c/key', '3'],
    ]);
    expect(annotationsOf({ metadata: {} })).toEqual([]);
  });

  it('writes apiVersion, kind, metadata, spec first, and reads back to the same entity', () => {
    const entity = {
      spec: { owner: 'group:payments', definition: 'openapi: 3.1.0\npaths: {}\n' },
      relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
      metadata: { name: 'checkout', description: 'A long line '.repeat(20) },
      kind: 'API',
      apiVersion: 'backstage.io/v1alpha1',
    };
    const text = entityYaml(entity);
    expect(text.split('\n').filter((line) => /^\S/.test(line))).toEqual([
      'apiVersion: backstage.io/v1alpha1',
      'kind: API',
      'metadata:',
      'spec:',
      'relations:',
    ]);
    expect(parse(text)).toEqual(entity);
  });

  it('shows a definition written as text, and says why when there is none', () => {
    expect(apiDefinitionOf({ spec: { type: 'OpenAPI', definition: 'openapi: 3.1.0' } })).toEqual({
      type: 'openapi',
      text: 'openapi: 3.1.0',
    });
    const unresolved = apiDefinitionOf({
      spec: { type: 'openapi', definition: { $text: './openapi.yaml' } },
    });
    expect(unresolved).toEqual({
      missing: expect.stringContaining('$text substitution that was not resolved'),
    });
    expect(apiDefinitionOf({ spec: { type: 'grpc' } })).toEqual({
      missing: 'This API has no spec.definition.',
    });
  });
});
