// Templates as Backstage's scaffolder validates them (scaffolder-common's Template.v1beta3 schema:
// spec.type and spec.steps required, each step an action, parameters an object or a list of objects),
// and the alpha kinds @backstage/catalog-model ships (AiResource, API of type mcp-server), held to
// catalog-model's own alpha validators: Steward accepts what they accept and rejects what they reject.
import type { Entity } from '@backstage/catalog-model';
import {
  aiResourceEntityV1alpha1Validator,
  mcpServerApiEntityValidator,
  ruleAiResourceEntityV1alpha1Validator,
  skillAiResourceEntityV1alpha1Validator,
} from '@backstage/catalog-model/alpha';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validateCatalog } from '../validate-catalog.ts';

const lines = (...text: string[]) => `${text.join('\n')}\n`;
const check = (content: string) => validateCatalog([{ file: 'catalog-info.yaml', content }]);
const found = (content: string) =>
  check(content).errors.map((e) => `${e.line}:${e.column} ${e.code}: ${e.message}`);

const template = (...spec: string[]) =>
  lines(
    'apiVersion: scaffolder.backstage.io/v1beta3',
    'kind: Template',
    'metadata:',
    '  name: new-service',
    'spec:',
    ...spec,
  );

describe('Template (scaffolder.backstage.io/v1beta3)', () => {
  it('a complete one is accepted with no warning, its owner a relation', () => {
    const result = check(
      template(
        '  owner: group:platform',
        '  type: service',
        '  parameters:',
        '    - title: Name',
        '      properties: { name: { type: string } }',
        '  steps:',
        '    - { id: fetch, action: fetch:template, input: { url: ./skeleton } }',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the scaffolder's own ${{ }} syntax
        '    - { action: publish:github, if: "${{ parameters.publish }}" }',
        '  output:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the scaffolder's own ${{ }} syntax
        '    links: [{ title: Repository, url: "${{ steps.publish.output.remoteUrl }}" }]',
      ),
    );
    expect([...result.errors, ...result.warnings.filter((w) => w.code !== 'dangling-ref')]).toEqual([]);
    expect(result.entities[0]?.relations.map((r) => `${r.type} ${r.targetRef}`)).toEqual([
      'ownedBy group:default/platform',
    ]);
  });

  it('type and steps are required; a step must name its action', () => {
    expect(found(template('  owner: platform'))).toEqual([
      '6:3 missing-field: spec is missing the required field "type": a non-empty string',
      '6:3 missing-field: spec is missing the required field "steps": a list',
    ]);
    expect(found(template('  type: service', '  steps:', '    - { id: fetch, input: {} }'))).toEqual([
      '8:7 missing-field: spec.steps[0] is missing the required field "action": a string',
    ]);
  });

  it('parameters are a JSON Schema object or a list of them; anything else is pointed at', () => {
    const withParameters = (value: string) =>
      template('  type: service', '  steps: []', `  parameters: ${value}`);
    expect(found(withParameters('{ properties: {} }'))).toEqual([]);
    expect(found(withParameters('[{ properties: {} }]'))).toEqual([]);
    expect(found(withParameters('name'))).toEqual([
      '8:15 invalid-type: spec.parameters must be a JSON Schema object (properties, required), or a list of them, one per page of the form; found "name"',
    ]);
    expect(found(withParameters('[name]'))).toEqual([
      '8:16 invalid-type: spec.parameters[0] must be a mapping; found "name"',
    ]);
  });
});

describe('alpha kinds, as @backstage/catalog-model/alpha validates them', () => {
  const entity = (kind: string, spec: Entity['spec']): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'subject' },
    spec,
  });
  const cases: { name: string; entity: Entity }[] = [
    {
      name: 'an AiResource',
      entity: entity('AiResource', { type: 'prompt', lifecycle: 'production', owner: 'ai' }),
    },
    {
      name: 'a skill',
      entity: entity('AiResource', { type: 'skill', lifecycle: 'production', owner: 'ai', dependsOn: ['x'] }),
    },
    {
      name: 'a skill with a list of tools',
      entity: entity('AiResource', {
        type: 'skill',
        lifecycle: 'production',
        owner: 'ai',
        allowedTools: ['Read'],
      }),
    },
    {
      name: 'a rule',
      entity: entity('AiResource', {
        type: 'rule',
        lifecycle: 'production',
        owner: 'ai',
        category: 'security',
        rationale: 'why',
      }),
    },
    {
      name: 'a rule without its rationale',
      entity: entity('AiResource', {
        type: 'rule',
        lifecycle: 'production',
        owner: 'ai',
        category: 'security',
      }),
    },
    {
      name: 'an AiResource without a lifecycle',
      entity: entity('AiResource', { type: 'skill', owner: 'ai' }),
    },
    {
      name: 'an MCP server',
      entity: entity('API', {
        type: 'mcp-server',
        lifecycle: 'production',
        owner: 'ai',
        remotes: [{ type: 'sse', url: 'https://mcp.example.com' }],
      }),
    },
    {
      name: 'an MCP server without remotes',
      entity: entity('API', { type: 'mcp-server', lifecycle: 'production', owner: 'ai', definition: 'x' }),
    },
  ];
  const backstageAccepts = async (e: Entity) => {
    const validators = [
      aiResourceEntityV1alpha1Validator,
      skillAiResourceEntityV1alpha1Validator,
      ruleAiResourceEntityV1alpha1Validator,
      mcpServerApiEntityValidator,
    ];
    const type = (e.spec as { type: string }).type;
    // Each validator is for one spec type (the general AiResource one for the types with no schema of their own).
    const validator =
      e.kind === 'API'
        ? mcpServerApiEntityValidator
        : type === 'skill'
          ? skillAiResourceEntityV1alpha1Validator
          : type === 'rule'
            ? ruleAiResourceEntityV1alpha1Validator
            : aiResourceEntityV1alpha1Validator;
    expect(validators).toContain(validator);
    try {
      return (await validator.check(e)) === true;
    } catch {
      return false;
    }
  };

  for (const { name, entity: subject } of cases) {
    it(`${name}: accepted exactly when Backstage accepts it`, async () => {
      const errors = check(stringify(subject)).errors;
      expect(errors.length === 0, errors.map((e) => e.message).join('; ')).toBe(
        await backstageAccepts(subject),
      );
    });
  }
});
