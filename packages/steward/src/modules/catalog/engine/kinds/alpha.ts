// The alpha kinds @backstage/catalog-model 1.10 ships (its `/alpha` entry): AiResource, for what AI
// coding tools read (skills, rules, plugins, marketplaces), and the API spec type `mcp-server`, whose
// endpoints are `remotes` instead of a `definition`. Transcribed from its schema/kinds/*.json and
// relation fields; each spec type is read with its own schema, as Backstage's model layers do.
import type { JsonSchema, KindDefinition, RelationField } from '../model.ts';

const text: JsonSchema = { type: 'string', minLength: 1 };
const texts: JsonSchema = { type: 'array', items: text };
const aiVersions = ['backstage.io/v1alpha1'];
const aiDescription = 'Context AI coding tools read: a skill, a rule, a plugin of skills, a marketplace.';

const ownedBy: RelationField = {
  path: 'spec.owner',
  relation: 'ownedBy',
  inverse: 'ownerOf',
  defaultKind: 'Group',
  allowedKinds: ['Group', 'User'],
};
const partOfSystem: RelationField = {
  path: 'spec.system',
  relation: 'partOf',
  inverse: 'hasPart',
  defaultKind: 'System',
  allowedKinds: ['System'],
};
const hasParts = (path: string): RelationField => ({
  path,
  relation: 'hasPart',
  inverse: 'partOf',
  defaultKind: 'AiResource',
  allowedKinds: ['AiResource'],
});

function aiSpec(required: string[], properties: Record<string, JsonSchema>, type?: string): JsonSchema {
  return {
    type: 'object',
    required: ['type', 'lifecycle', 'owner', ...required],
    properties: {
      type: type ? { type: 'string', enum: [type] } : text,
      lifecycle: text,
      owner: text,
      system: text,
      ...properties,
    },
  };
}

function aiResource(
  specType: string | undefined,
  spec: JsonSchema,
  relations: RelationField[] = [],
): KindDefinition {
  const definition: KindDefinition = {
    apiVersions: aiVersions,
    kind: 'AiResource',
    description: aiDescription,
    spec,
    relations: [ownedBy, partOfSystem, ...relations],
    owners: 'spec.owner',
  };
  return specType ? { ...definition, specType } : definition;
}

export const alphaKinds: KindDefinition[] = [
  aiResource(undefined, aiSpec([], {})),
  aiResource(
    'skill',
    aiSpec(
      [],
      {
        disciplines: texts,
        categories: texts,
        agents: texts,
        dependsOn: texts,
        allowedTools: text,
        license: text,
        compatibility: { type: 'string', minLength: 1, maxLength: 500 },
      },
      'skill',
    ),
    [
      {
        path: 'spec.dependsOn',
        relation: 'dependsOn',
        inverse: 'dependencyOf',
        defaultKind: 'AiResource',
        allowedKinds: ['AiResource'],
      },
    ],
  ),
  aiResource(
    'rule',
    aiSpec(['category', 'rationale'], { disciplines: texts, category: text, rationale: text }, 'rule'),
  ),
  aiResource('plugin', aiSpec(['skills'], { skills: texts, version: text }, 'plugin'), [
    hasParts('spec.skills'),
  ]),
  aiResource('marketplace', aiSpec(['plugins'], { plugins: texts, version: text }, 'marketplace'), [
    hasParts('spec.plugins'),
  ]),
  {
    apiVersions: ['backstage.io/v1alpha1', 'backstage.io/v1beta1'],
    kind: 'API',
    specType: 'mcp-server',
    description: 'An MCP (Model Context Protocol) server, reached at its remotes.',
    spec: {
      type: 'object',
      required: ['type', 'lifecycle', 'owner', 'remotes'],
      properties: {
        type: { type: 'string', const: 'mcp-server' },
        lifecycle: text,
        owner: text,
        system: text,
        remotes: {
          type: 'array',
          minItems: 1,
          items: { type: 'object', required: ['type', 'url'], properties: { type: text, url: text } },
        },
      },
    },
    relations: [
      ownedBy,
      { path: 'spec.system', relation: 'partOf', inverse: 'hasPart', defaultKind: 'System' },
    ],
    owners: 'spec.owner',
  },
];
