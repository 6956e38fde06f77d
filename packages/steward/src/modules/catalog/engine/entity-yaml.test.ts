// Entities sent as JSON are written as YAML for the engine: the YAML must read back as the same data,
// and every line must name the field it holds, so a problem's position becomes a field path.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitEntityYaml } from './entity-yaml.ts';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments',
    annotations: {
      'steward.dev/tier': '1',
      'a key: with colon': 'yes',
      true: 'a key YAML would read as a boolean',
    },
    tags: ['go', 'ünïcode "quoted"', ''],
    links: [{ url: 'https://example.com', title: 'Runbook' }, {}],
  },
  spec: {
    type: 'service',
    tier: 2,
    ratio: 0.5,
    on: false,
    none: null,
    owners: [],
    nested: [[1, 2], []],
    empty: {},
  },
};

describe('emitEntityYaml', () => {
  it('reads back as the same data', () => {
    expect(parse(emitEntityYaml(entity).text)).toEqual(entity);
  });

  it('names the field of each line, and the mapping or sequence a whole-container problem points at', () => {
    const { text, pathAt } = emitEntityYaml(entity);
    const lines = text.split('\n');
    const lineOf = (start: string) => lines.findIndex((l) => l.startsWith(start)) + 1;
    expect(pathAt(lineOf('  name:'), 9, 'invalid-name')).toBe('metadata.name');
    expect(pathAt(lineOf('    steward.dev/tier:'), 5, 'invalid-annotation')).toBe(
      'metadata.annotations.steward.dev/tier',
    );
    expect(pathAt(lineOf('    - "ünïcode'), 7, 'invalid-tag')).toBe('metadata.tags[1]');
    // The first key of a mapping is where the mapping starts: a missing field there is the mapping's.
    expect(pathAt(lineOf('  type:'), 3, 'missing-field')).toBe('spec');
    expect(pathAt(lineOf('  type:'), 3, 'unknown-field')).toBe('spec.type');
    expect(pathAt(lineOf('    - url:'), 7, 'missing-field')).toBe('metadata.links[0]');
    expect(pathAt(lineOf('    - {}'), 7, 'missing-field')).toBe('metadata.links[1]');
    expect(pathAt(lineOf('  empty: {}'), 10, 'missing-field')).toBe('spec.empty');
    expect(pathAt(1, 1, 'missing-field')).toBe('');
    expect(pathAt(999, 1, 'invalid-value')).toBe('');
  });
});
