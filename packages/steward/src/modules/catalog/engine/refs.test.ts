import { parseEntityRef as backstageParseEntityRef } from '@backstage/catalog-model';
import { describe, expect, it } from 'vitest';
import { parseEntityRef, stringifyEntityRef } from './refs.ts';

const inDefault = { defaultNamespace: 'default' };

describe('entity refs [kind:][namespace/]name', () => {
  it('reads all three parts, or takes the default kind and the referring namespace', () => {
    expect(parseEntityRef('group:platform/sre', inDefault)).toEqual({
      ok: true,
      ref: { kind: 'group', namespace: 'platform', name: 'sre' },
    });
    expect(parseEntityRef('sre', { defaultKind: 'Group', defaultNamespace: 'payments' })).toEqual({
      ok: true,
      ref: { kind: 'Group', namespace: 'payments', name: 'sre' },
    });
    expect(parseEntityRef('platform/sre', { defaultKind: 'Group', defaultNamespace: 'x' })).toEqual({
      ok: true,
      ref: { kind: 'Group', namespace: 'platform', name: 'sre' },
    });
  });

  it('a slash before the colon means there is no kind (as in Backstage)', () => {
    expect(parseEntityRef('ns/a:b', { defaultKind: 'Component', defaultNamespace: 'default' })).toMatchObject(
      {
        ok: false,
        message: expect.stringContaining('invalid name "a:b"'),
      },
    );
  });

  it('requires the kind when the field has no default', () => {
    const parsed = parseEntityRef('payments-db', inDefault);
    expect(parsed).toEqual({
      ok: false,
      message:
        '"payments-db" must name the kind it points at: write kind:[namespace/]name, e.g. component:payments-db',
    });
  });

  it('refuses empty parts and malformed kind, namespace or name', () => {
    for (const text of [':x', 'group:', 'group:/x', '/x']) {
      expect(parseEntityRef(text, { defaultKind: 'Group', defaultNamespace: 'default' }), text).toMatchObject(
        {
          ok: false,
          message: expect.stringContaining('is not an entity ref'),
        },
      );
    }
    expect(parseEntityRef('9x:a', inDefault)).toMatchObject({
      ok: false,
      message: expect.stringContaining('invalid kind'),
    });
    expect(parseEntityRef('group:Prod/a', inDefault)).toMatchObject({
      ok: false,
      message: expect.stringContaining('invalid namespace "Prod"'),
    });
    expect(parseEntityRef('group:team a', inDefault)).toMatchObject({
      ok: false,
      message: expect.stringContaining('invalid name "team a"'),
    });
  });

  it('checks allowed kinds ignoring case', () => {
    const owner = { defaultKind: 'Group', defaultNamespace: 'default', allowedKinds: ['Group', 'User'] };
    expect(parseEntityRef('user:alice', owner).ok).toBe(true);
    expect(parseEntityRef('GROUP:x', owner).ok).toBe(true);
    expect(parseEntityRef('component:x', owner)).toEqual({
      ok: false,
      message: '"component:x" points at a component; it must point at a Group or User',
    });
    expect(parseEntityRef('group:x', { ...inDefault, allowedKinds: ['API'] })).toMatchObject({
      message: expect.stringContaining('it must point at an API'),
    });
  });

  it('stringifies in lower case, as Backstage compares refs', () => {
    expect(stringifyEntityRef({ kind: 'Component', namespace: 'Default', name: 'Web-Shop' })).toBe(
      'component:default/web-shop',
    );
  });

  it.each(['a', 'group:a', 'ns/a', 'group:ns/a', 'kind:ns/a.b_c'])('splits %j as Backstage does', (text) => {
    const ours = parseEntityRef(text, { defaultKind: 'Group', defaultNamespace: 'default' });
    const theirs = backstageParseEntityRef(text, { defaultKind: 'Group', defaultNamespace: 'default' });
    expect(ours).toEqual({ ok: true, ref: theirs });
  });
});
