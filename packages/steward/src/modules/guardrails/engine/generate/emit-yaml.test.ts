// The hand-written YAML emitter held to the `yaml` package: what it writes parses back, under YAML 1.2
// and 1.1 alike (kubectl's parser is 1.1-flavoured), to exactly the object it was given.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateCatalog } from '../../../catalog/index.ts';
import { emitYaml, scalar } from './emit-yaml.ts';
import { generateGuardrails } from './generate.ts';
import { defaultSizes } from './sizes.ts';

const readBack = (text: string) => [parse(text), parse(text, { version: '1.1' })];

const awkward = [
  '1',
  '1.0',
  '-1',
  '+1',
  '.5',
  '1e3',
  '1_000',
  '012',
  '0x1F',
  '0o17',
  '0b101',
  '1:30',
  '.inf',
  'true',
  'False',
  'yes',
  'No',
  'on',
  'OFF',
  'y',
  'N',
  'null',
  '~',
  '',
  ' leading',
  'trailing ',
  'a: b',
  'a #b',
  '#x',
  '- x',
  '? x',
  '2026-06-30',
  '2026-6-3',
  '@x',
  '*alias',
  '&anchor',
  '!tag',
  '%x',
  '{x}',
  '[x]',
  '|',
  '>',
  "it's",
  '"quoted"',
  'line\nbreak',
  'tab\there',
  'ünïcode',
  'kube-system',
  'backstage.io/kubernetes-id',
  'requests.nvidia.com/gpu',
  '250m',
  '64Gi',
  'component:default/web-shop, resource:default/cache',
  'component:default/web-shop',
  'a:',
  'a::b',
  'http://x.example/a',
  'x:1:30',
];

describe('emitYaml', () => {
  it.each(awkward)('writes %j so that it reads back as itself, as a key and as a value', (text) => {
    const document = { [text]: text, list: [text, { [text]: [text] }] };
    for (const back of readBack(emitYaml(document))) expect(back).toEqual(document);
  });

  it('writes numbers, booleans, empty maps and lists, and lists of maps', () => {
    const document = {
      count: 53,
      flag: false,
      empty: {},
      none: [],
      rules: [{ to: [{ a: { b: 'c' } }], ports: [{ port: 53 }] }, {}, [], [['x']]],
    };
    const text = emitYaml(document);
    for (const back of readBack(text)) expect(back).toEqual(document);
    expect(text).toBe(
      [
        'count: 53',
        'flag: false',
        'empty: {}',
        'none: []',
        'rules:',
        '  - to:',
        '      - a:',
        '          b: c',
        '    ports:',
        '      - port: 53',
        '  - {}',
        '  - []',
        '  -',
        '    -',
        '      - x',
        '',
      ].join('\n'),
    );
  });

  it('quotes only what needs it', () => {
    expect(
      ['steward', 'group:default/sre', 'a:', '250m', '1', 'true', 'n', 'the default tier'].map(scalar),
    ).toEqual(['steward', 'group:default/sre', '"a:"', '250m', '"1"', '"true"', '"n"', '"the default tier"']);
  });

  it('writes every object generated from a catalog so that it reads back as itself', () => {
    const { entities } = validateCatalog([
      {
        file: 'c.yaml',
        content: `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments, annotations: { steward.dev/namespaces: pay } }
spec: { type: team, children: [], members: [alice] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: alice }
spec: { memberOf: [], profile: { email: alice@pay.example } }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: api
  annotations:
    backstage.io/kubernetes-namespace: pay
    backstage.io/kubernetes-label-selector: "app=api,tier notin (db),!legacy"
spec: { type: service, lifecycle: production, owner: payments, dependsOn: [component:db] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: db, annotations: { backstage.io/kubernetes-namespace: data } }
spec: { type: service, lifecycle: production, owner: payments }
`,
      },
    ]);
    const generated = generateGuardrails(entities, { sizes: defaultSizes, memberRole: 'edit', teams: [] });
    const objects = generated.teams.flatMap((t) => t.objects);
    expect(objects.length).toBeGreaterThan(10);
    for (const object of objects) for (const back of readBack(emitYaml(object))) expect(back).toEqual(object);
  });
});
