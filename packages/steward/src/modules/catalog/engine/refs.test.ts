import {
  parseEntityRef as backstageParseEntityRef,
  stringifyEntityRef as backstageStringify,
} from '@backstage/catalog-model';
import { describe, expect, it } from 'vitest';
import { parseEntityRef, refPartProblems, stringifyEntityRef } from './refs.ts';

const inDefault = { defaultNamespace: 'default' };
const groupField = { defaultKind: 'Group', defaultNamespace: 'default' };

/** What Backstage's parseEntityRef makes of the text: the ref, or that it throws. */
function backstage(
  text: string,
  context: { defaultKind?: string; defaultNamespace: string },
): { ok: true; ref: ReturnType<typeof backstageParseEntityRef> } | { ok: false } {
  try {
    return { ok: true, ref: backstageParseEntityRef(text, context) };
  } catch {
    return { ok: false };
  }
}

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
  });

  it('requires the kind when the field has no default', () => {
    expect(parseEntityRef('payments-db', inDefault)).toEqual({
      ok: false,
      message:
        '"payments-db" must name the kind it points at: write kind:[namespace/]name, e.g. component:payments-db',
    });
  });

  it('refuses empty parts, as Backstage does', () => {
    for (const text of [':x', 'group:', 'group:/x', '/x', 'a/']) {
      expect(parseEntityRef(text, groupField), text).toMatchObject({
        ok: false,
        message: expect.stringContaining('is not an entity ref'),
      });
    }
  });

  // Real-world refs: the create-app template's e-mail owner, display names, odd case, odd characters.
  const texts = [
    'a',
    'group:a',
    'ns/a',
    'group:ns/a',
    'kind:ns/a.b_c',
    'ns/a:b',
    'john@example.com',
    'user:john@example.com',
    'Some System',
    'group:Default/Payments',
    'Group:default/Team A',
    '9x:a',
    'group:Prod/a',
    'a:b:c',
    'a/b/c',
    ':x',
    'group:',
    'group:/x',
    '/x',
    'a/',
  ];
  it.each(texts)('reads %j exactly as Backstage does, with and without a default kind', (text) => {
    for (const context of [groupField, inDefault]) {
      const ours = parseEntityRef(text, context);
      const theirs = backstage(text, context);
      expect(ours.ok, JSON.stringify(context)).toBe(theirs.ok);
      if (ours.ok && theirs.ok) {
        expect(ours.ref).toEqual(theirs.ref);
        expect(stringifyEntityRef(ours.ref)).toBe(backstageStringify(theirs.ref));
      }
    }
  });

  it('stringifies all three parts in lower case, as Backstage compares refs', () => {
    expect(stringifyEntityRef({ kind: 'Component', namespace: 'Default', name: 'Web-Shop' })).toBe(
      'component:default/web-shop',
    );
  });
});

describe('parts no entity can have', () => {
  const partsOf = (text: string) => {
    const parsed = parseEntityRef(text, groupField);
    if (!parsed.ok) throw new Error(parsed.message);
    return refPartProblems(parsed.ref);
  };

  it('none for refs of valid parts, in any case (refs resolve ignoring case)', () => {
    for (const text of ['payments', 'Group:Default/Payments', 'user:platform/jane.doe', 'API:x_y']) {
      expect(partsOf(text), text).toEqual([]);
    }
  });

  it('names each part that breaks the entity-name rules, and what would be right', () => {
    expect(partsOf('john@example.com')).toEqual([
      'its name "john@example.com" is not an entity name (1–63 characters: letters and digits, with - _ . between them (e.g. payments-api))',
    ]);
    expect(partsOf('Some System')).toEqual([
      expect.stringContaining('its name "Some System" is not an entity name'),
    ]);
    expect(partsOf('9x:my_ns/a b')).toEqual([
      expect.stringContaining('its kind "9x" is not a kind'),
      expect.stringContaining('its namespace "my_ns" is not a namespace'),
      expect.stringContaining('its name "a b" is not an entity name'),
    ]);
  });

  it('quotes no more than 60 characters of a long part', () => {
    const [problem] = partsOf('o'.repeat(3000));
    expect(problem).toContain(`"${'o'.repeat(59)}…"`);
    expect(problem?.length).toBeLessThan(200);
  });
});
