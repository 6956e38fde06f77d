import { describe, expect, it } from 'vitest';
import { changedFields, formatValue } from './history-diff.ts';

const before = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'web', annotations: { 'steward.dev/tier': '2' }, tags: ['go'] },
  spec: { owner: 'group:storefront', lifecycle: 'experimental', dependsOn: ['component:a'] },
};

describe('changedFields', () => {
  it('lists only the fields that changed, metadata before spec, lists compared whole', () => {
    const after = {
      ...before,
      metadata: { name: 'web', annotations: { 'steward.dev/tier': '1' }, tags: ['go'] },
      spec: { owner: 'group:storefront', lifecycle: 'production', dependsOn: ['component:a', 'component:b'] },
    };
    expect(changedFields(before, after)).toEqual([
      { field: 'metadata.annotations["steward.dev/tier"]', before: '2', after: '1' },
      { field: 'spec.dependsOn', before: ['component:a'], after: ['component:a', 'component:b'] },
      { field: 'spec.lifecycle', before: 'experimental', after: 'production' },
    ]);
  });

  it('shows added and removed fields with the missing side undefined', () => {
    const after = {
      ...before,
      spec: { owner: 'group:storefront', lifecycle: 'experimental', system: 'shop' },
    };
    expect(changedFields(before, after)).toEqual([
      { field: 'spec.dependsOn', before: ['component:a'], after: undefined },
      { field: 'spec.system', before: undefined, after: 'shop' },
    ]);
  });

  it('finds nothing when only the order of keys differs', () => {
    const reordered = {
      spec: { ...before.spec },
      metadata: before.metadata,
      kind: 'Component',
      apiVersion: before.apiVersion,
    };
    expect(changedFields(before, reordered)).toEqual([]);
  });

  it('treats a missing version as empty', () => {
    expect(changedFields(null, { metadata: { name: 'x' } })).toEqual([
      { field: 'metadata.name', before: undefined, after: 'x' },
    ]);
  });
});

describe('formatValue', () => {
  it('writes strings bare, string lists comma-separated, anything else as JSON, nothing as a dash', () => {
    expect(formatValue('production')).toBe('production');
    expect(formatValue(['a', 'b'])).toBe('a, b');
    expect(formatValue([{ url: 'u' }])).toBe('[{"url":"u"}]');
    expect(formatValue(3)).toBe('3');
    expect(formatValue(undefined)).toBe('—');
  });
});
