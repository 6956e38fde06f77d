import { KubernetesValidatorFunctions, makeValidator } from '@backstage/catalog-model';
import { describe, expect, it } from 'vitest';
import {
  isValidApiVersion,
  isValidEntityName,
  isValidKind,
  isValidLabelKey,
  isValidLabelValue,
  isValidNamespace,
  isValidTag,
} from './names.ts';

const long = (n: number, c = 'a') => c.repeat(n);

describe('entity names', () => {
  it('accepts 1–63 characters with [a-zA-Z0-9] at both ends and - _ . between', () => {
    for (const ok of ['a', 'A1', 'payments-api', 'Payments_API.v2', 'a-_.b', long(63), '0']) {
      expect(isValidEntityName(ok), ok).toBe(true);
    }
  });
  it('refuses empty, too long, bad ends and other characters', () => {
    for (const bad of ['', long(64), '-a', 'a-', '.a', 'a_', 'a b', 'a/b', 'a:b', 'é', 'a@b']) {
      expect(isValidEntityName(bad), bad).toBe(false);
    }
  });
});

describe('namespaces', () => {
  it('are DNS labels: lower-case letters and digits, dashes between, at most 63', () => {
    expect(isValidNamespace('default')).toBe(true);
    expect(isValidNamespace('team-a--b')).toBe(true);
    expect(isValidNamespace(long(63))).toBe(true);
    for (const bad of ['', 'Prod', 'a_b', 'a.b', '-a', 'a-', long(64)])
      expect(isValidNamespace(bad), bad).toBe(false);
  });
});

describe('tags', () => {
  it('are lower-case runs of a-z 0-9 : + # joined by single dashes, at most 63', () => {
    for (const ok of ['java', 'c++', 'c#', 'tier-1', 'lang:go', 'a-b-c', long(63)])
      expect(isValidTag(ok), ok).toBe(true);
    for (const bad of ['', 'Java', 'a--b', '-a', 'a-', 'a b', 'a_b', 'a.b', long(64)])
      expect(isValidTag(bad), bad).toBe(false);
  });
});

describe('label and annotation keys and values', () => {
  it('keys are a name, optionally prefixed by a DNS subdomain and one slash', () => {
    for (const ok of ['app', 'backstage.io/techdocs-ref', 'github.com/project-slug', 'a.b.c/X_y']) {
      expect(isValidLabelKey(ok), ok).toBe(true);
    }
    for (const bad of ['', 'a/b/c', 'Backstage.io/x', '/x', 'x/', 'a b', `${long(64)}/x`]) {
      expect(isValidLabelKey(bad), bad).toBe(false);
    }
  });
  it('label values may be empty', () => {
    expect(isValidLabelValue('')).toBe(true);
    expect(isValidLabelValue('a b')).toBe(false);
  });
});

describe('apiVersion and kind', () => {
  it('apiVersion is [dns-subdomain/]version', () => {
    for (const ok of ['backstage.io/v1alpha1', 'steward.dev/v1', 'v1', 'my-company.net/V2']) {
      expect(isValidApiVersion(ok), ok).toBe(true);
    }
    for (const bad of ['', 'backstage.io/', 'a/b/c', 'Backstage.io/v1', 'x/v-1'])
      expect(isValidApiVersion(bad), bad).toBe(false);
  });
  it('kind starts with a letter, then letters and digits', () => {
    expect(isValidKind('Component')).toBe(true);
    expect(isValidKind('API')).toBe(true);
    for (const bad of ['', '9Lives', 'My-Kind', long(64, 'K')]) expect(isValidKind(bad), bad).toBe(false);
  });
});

describe('agreement with @backstage/catalog-model', () => {
  // Backstage's own validators are the reference; the engine reimplements them without importing them.
  const samples = [
    '',
    'a',
    'A',
    '0',
    '-',
    'a-b',
    'a--b',
    'a_b',
    'a.b',
    'a/b',
    'a/b/c',
    'a:b',
    'a b',
    'é',
    'Java',
    'c++',
    'c#',
    'tier-1',
    'lang:go',
    'backstage.io/v1alpha1',
    'backstage.io/techdocs-ref',
    'x.y.z/Name_1',
    '.a',
    'a.',
    '-a',
    'a-',
    'a..b/c',
    'A.b/c',
    long(63),
    long(64),
    `${long(63)}.${long(63)}/x`,
    `${long(64)}/x`,
  ];
  const backstage = makeValidator();
  it.each(samples)('agrees on %j', (sample) => {
    expect(isValidEntityName(sample)).toBe(backstage.isValidEntityName(sample));
    expect(isValidNamespace(sample)).toBe(backstage.isValidNamespace(sample));
    expect(isValidTag(sample)).toBe(backstage.isValidTag(sample));
    expect(isValidLabelKey(sample)).toBe(backstage.isValidLabelKey(sample));
    expect(isValidLabelKey(sample)).toBe(backstage.isValidAnnotationKey(sample));
    expect(isValidLabelValue(sample)).toBe(backstage.isValidLabelValue(sample));
    expect(isValidApiVersion(sample)).toBe(backstage.isValidApiVersion(sample));
    expect(isValidKind(sample)).toBe(KubernetesValidatorFunctions.isValidKind(sample));
  });
});
