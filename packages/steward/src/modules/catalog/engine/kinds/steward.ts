// Steward's own kinds (`steward.dev/v1`): services and components with first-class ownership (one
// primary owner, more with roles), tier, runbook and dashboard, repository path, and the selectors
// that say which Kubernetes objects, alerts and URLs belong to them, and the escalation policy that pages for them.
import type { JsonSchema, KindDefinition, RelationField } from '../model.ts';
import { escalatesWith } from './oncall.ts';

const text: JsonSchema = { type: 'string', minLength: 1 };
const refs: JsonSchema = { type: 'array', items: text };
const link = (example: string): JsonSchema => ({ type: 'string', format: 'http-url', description: example });

const owner: JsonSchema = {
  type: 'object',
  required: ['ref', 'role'],
  additionalProperties: false,
  properties: {
    ref: { ...text, description: 'the owning Group (or User): group:payments' },
    role: { type: 'string', enum: ['primary', 'secondary'] },
  },
};

const selectors: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    kubernetes: {
      type: 'object',
      additionalProperties: false,
      properties: {
        namespace: { type: 'string', format: 'dns-label' },
        labels: {
          type: 'object',
          propertyNames: { type: 'string', format: 'label-key' },
          additionalProperties: { type: 'string', format: 'label-value' },
        },
      },
    },
    alerts: {
      type: 'object',
      required: ['matchers'],
      additionalProperties: false,
      properties: {
        matchers: { type: 'array', minItems: 1, items: { type: 'string', format: 'alert-matcher' } },
      },
    },
    urls: {
      type: 'object',
      additionalProperties: false,
      properties: {
        hosts: { type: 'array', items: { type: 'string', format: 'hostname' } },
        pathPrefixes: { type: 'array', items: { type: 'string', format: 'path-prefix' } },
      },
    },
  },
};

function componentLikeSpec(required: string[]): JsonSchema {
  return {
    type: 'object',
    required,
    additionalProperties: false,
    properties: {
      type: text,
      lifecycle: text,
      tier: { type: 'integer', minimum: 1, maximum: 4, description: '1 is the most critical' },
      owners: { type: 'array', minItems: 1, items: owner },
      system: text,
      dependsOn: refs,
      providesApis: refs,
      consumesApis: refs,
      runbook: link('https://wiki.acme.com/runbooks/payments'),
      dashboard: link('https://grafana.acme.com/d/payments'),
      repository: link('https://github.com/acme/payments'),
      path: { type: 'string', format: 'relative-path', description: 'where in the repository it lives' },
      selectors,
      escalationPolicy: {
        ...text,
        description: 'the EscalationPolicy that pages for it: escalationpolicy:payments',
      },
    },
  };
}

const relations: RelationField[] = [
  {
    path: 'spec.owners[].ref',
    relation: 'ownedBy',
    inverse: 'ownerOf',
    defaultKind: 'Group',
    allowedKinds: ['Group', 'User'],
  },
  {
    path: 'spec.system',
    relation: 'partOf',
    inverse: 'hasPart',
    defaultKind: 'System',
    allowedKinds: ['System'],
  },
  { path: 'spec.dependsOn', relation: 'dependsOn', inverse: 'dependencyOf' },
  {
    path: 'spec.providesApis',
    relation: 'providesApi',
    inverse: 'apiProvidedBy',
    defaultKind: 'API',
    allowedKinds: ['API'],
  },
  {
    path: 'spec.consumesApis',
    relation: 'consumesApi',
    inverse: 'apiConsumedBy',
    defaultKind: 'API',
    allowedKinds: ['API'],
  },
  escalatesWith,
];

export const stewardKinds: KindDefinition[] = [
  {
    apiVersions: ['steward.dev/v1'],
    kind: 'Service',
    description: 'A running service, with its tier, owners, runbook and what belongs to it at run time.',
    spec: componentLikeSpec(['lifecycle', 'tier', 'owners']),
    relations,
    owners: 'spec.owners',
  },
  {
    apiVersions: ['steward.dev/v1'],
    kind: 'Component',
    description: 'Any other piece of software (website, library, job), with the same ownership fields.',
    spec: componentLikeSpec(['type', 'lifecycle', 'owners']),
    relations,
    owners: 'spec.owners',
  },
];
