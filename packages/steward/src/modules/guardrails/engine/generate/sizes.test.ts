// The sizes file: values put over the documented defaults key by key, and every mistake reported with
// its file, line, column and field, as Kubernetes would judge the quantities and the LimitRange.
import { describe, expect, it } from 'vitest';
import { quantityValue } from './quantity.ts';
import { defaultSizes, parseSizes } from './sizes.ts';

describe('quantityValue', () => {
  it.each([
    ['250m', 0.25],
    ['2', 2],
    ['1.5', 1.5],
    ['1Gi', 1024 ** 3],
    ['512Mi', 512 * 1024 ** 2],
    ['1k', 1000],
    ['1M', 1e6],
    ['1E', 1e18],
    ['1e3', 1000],
    ['2E2', 200],
  ])('%s is %d', (text, value) => {
    expect(quantityValue(text)).toBe(value);
  });

  it.each(['lots', '1 Gi', '1gi', '1GB', '', '1Gi2', 'm'])('%j is not a quantity', (text) => {
    expect(quantityValue(text)).toBeNull();
  });
});

describe('parseSizes', () => {
  it('puts the given keys over the defaults and keeps the rest', () => {
    const { sizes, problems } = parseSizes(
      'sizes.yaml',
      `defaultTier: 2
tiers:
  1:
    quota: { requests.cpu: 48, requests.nvidia.com/gpu: "4" }
    container:
      max: { cpu: "16" }
`,
    );
    expect(problems).toEqual([]);
    expect(sizes.defaultTier).toBe(2);
    expect(sizes.tiers[1].quota).toEqual({
      'requests.cpu': '48',
      'requests.memory': '64Gi',
      'limits.cpu': '64',
      'limits.memory': '128Gi',
      pods: '200',
      persistentvolumeclaims: '20',
      'requests.nvidia.com/gpu': '4',
    });
    expect(sizes.tiers[1].container.max).toEqual({ cpu: '16', memory: '16Gi' });
    expect(sizes.tiers[2]).toEqual(defaultSizes.tiers[2]);
    expect(defaultSizes.tiers[1].quota['requests.cpu']).toBe('32');
  });

  it('reads JSON as well', () => {
    const { sizes, problems } = parseSizes('sizes.json', '{"tiers": {"4": {"quota": {"pods": "10"}}}}');
    expect(problems).toEqual([]);
    expect(sizes.tiers[4].quota.pods).toBe('10');
  });

  it('names the file, line, column and field of each mistake', () => {
    const { sizes, problems } = parseSizes(
      'sizes.yaml',
      `defaultTier: 5
tiers:
  1:
    quota: { requests.cpu: lots }
    container: { max: { gpu: "1" }, maximum: {} }
    limits: {}
  7: {}
colour: blue
`,
    );
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`)).toEqual([
      'sizes.yaml:1:14: defaultTier must be a tier: 1, 2, 3 or 4',
      'sizes.yaml:4:28: tiers.1.quota.requests.cpu: "lots" is not a quantity; write one as Kubernetes does: 500m, 2, 512Mi, 4Gi',
      'sizes.yaml:5:25: tiers.1.container.max: unknown field gpu; expected cpu or memory',
      'sizes.yaml:5:37: tiers.1.container: unknown field maximum; expected defaultRequest, default or max',
      'sizes.yaml:6:5: tiers.1: unknown field limits; a tier has quota and container',
      'sizes.yaml:7:3: tiers.7: not a tier; tiers are 1 (most critical) to 4',
      'sizes.yaml:8:1: unknown field colour: a sizes file has defaultTier and tiers',
    ]);
    expect(sizes).toEqual(defaultSizes);
  });

  it('refuses limits Kubernetes would refuse: a default request above the default, a default above the max', () => {
    const { problems } = parseSizes(
      'sizes.yaml',
      `tiers:
  3:
    container:
      defaultRequest: { memory: 1Gi }
      default: { cpu: "4" }
`,
    );
    expect(problems.map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
      '3:5: tiers.3.container: default.cpu 4 is above max.cpu 2; Kubernetes refuses such a LimitRange',
      '3:5: tiers.3.container: defaultRequest.memory 1Gi is above default.memory 512Mi; Kubernetes refuses such a LimitRange',
    ]);
  });

  it('reports YAML that does not parse, and a file that is not a mapping', () => {
    expect(parseSizes('s.yaml', 'tiers: [1\n').problems[0]?.message).toMatch(/^not valid YAML or JSON: /);
    expect(parseSizes('s.yaml', '- 1\n').problems).toEqual([
      {
        file: 's.yaml',
        line: 1,
        column: 1,
        message: 'expected a mapping with tiers (and optionally defaultTier)',
      },
    ]);
  });
});
