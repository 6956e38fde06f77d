// Backstage's kinds as data, transcribed from @backstage/catalog-model 1.10 (schema/kinds/*.json for
// the spec, kinds/*EntityV1alpha1 relationFields and the well-known relation pairs for relations).
import type { JsonSchema, KindDefinition, RelationField } from '../model.ts';
import { templateV1beta3 } from './template.ts';

const apiVersions = ['backstage.io/v1alpha1', 'backstage.io/v1beta1'];
const text: JsonSchema = { type: 'string', minLength: 1 };
const refs: JsonSchema = { type: 'array', items: text };
const profile: JsonSchema = {
  type: 'object',
  properties: { displayName: text, email: text, picture: text },
};

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
const dependsOn: RelationField = { path: 'spec.dependsOn', relation: 'dependsOn', inverse: 'dependencyOf' };
const dependencyOf: RelationField = {
  path: 'spec.dependencyOf',
  relation: 'dependencyOf',
  inverse: 'dependsOn',
};

export const backstageKinds: KindDefinition[] = [
  {
    apiVersions,
    kind: 'Component',
    description:
      'A piece of software: a service, website or library, with a deployable or linkable artifact.',
    spec: {
      type: 'object',
      required: ['type', 'lifecycle', 'owner'],
      properties: {
        type: text,
        lifecycle: text,
        owner: text,
        system: text,
        subcomponentOf: text,
        providesApis: refs,
        consumesApis: refs,
        dependsOn: refs,
      },
    },
    relations: [
      ownedBy,
      {
        path: 'spec.subcomponentOf',
        relation: 'partOf',
        inverse: 'hasPart',
        defaultKind: 'Component',
        allowedKinds: ['Component'],
      },
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
      dependsOn,
      dependencyOf,
      partOfSystem,
    ],
    owners: 'spec.owner',
  },
  {
    apiVersions,
    kind: 'API',
    description: 'An interface a component exposes: OpenAPI, AsyncAPI, GraphQL, gRPC or another format.',
    spec: {
      type: 'object',
      required: ['type', 'lifecycle', 'owner', 'definition'],
      properties: { type: text, lifecycle: text, owner: text, system: text, definition: text },
    },
    relations: [ownedBy, partOfSystem],
    owners: 'spec.owner',
  },
  {
    apiVersions,
    kind: 'Resource',
    description: 'Infrastructure a system needs to operate: databases, buckets, queues, clusters.',
    spec: {
      type: 'object',
      required: ['type', 'owner'],
      properties: { type: text, owner: text, dependsOn: refs, system: text },
    },
    relations: [ownedBy, dependsOn, dependencyOf, partOfSystem],
    owners: 'spec.owner',
  },
  {
    apiVersions,
    kind: 'System',
    description: 'A collection of components, APIs and resources that together provide a capability.',
    spec: { type: 'object', required: ['owner'], properties: { owner: text, domain: text, type: text } },
    relations: [
      ownedBy,
      {
        path: 'spec.domain',
        relation: 'partOf',
        inverse: 'hasPart',
        defaultKind: 'Domain',
        allowedKinds: ['Domain'],
      },
    ],
    owners: 'spec.owner',
  },
  {
    apiVersions,
    kind: 'Domain',
    description: 'Systems that share terminology, models and business purpose: a bounded context.',
    spec: { type: 'object', required: ['owner'], properties: { owner: text, subdomainOf: text, type: text } },
    relations: [
      ownedBy,
      {
        path: 'spec.subdomainOf',
        relation: 'partOf',
        inverse: 'hasPart',
        defaultKind: 'Domain',
        allowedKinds: ['Domain'],
      },
    ],
    owners: 'spec.owner',
  },
  {
    apiVersions,
    kind: 'Group',
    description: 'A team, business unit or other group of people.',
    spec: {
      type: 'object',
      required: ['type', 'children'],
      properties: { type: text, profile, parent: text, children: refs, members: refs },
    },
    relations: [
      {
        path: 'spec.parent',
        relation: 'childOf',
        inverse: 'parentOf',
        defaultKind: 'Group',
        allowedKinds: ['Group'],
        acyclic: true,
      },
      {
        path: 'spec.children',
        relation: 'parentOf',
        inverse: 'childOf',
        defaultKind: 'Group',
        allowedKinds: ['Group'],
        acyclic: true,
      },
      {
        path: 'spec.members',
        relation: 'hasMember',
        inverse: 'memberOf',
        defaultKind: 'User',
        allowedKinds: ['User'],
      },
    ],
  },
  {
    apiVersions,
    kind: 'User',
    description: 'A person.',
    spec: { type: 'object', required: ['memberOf'], properties: { profile, memberOf: refs } },
    relations: [
      {
        path: 'spec.memberOf',
        relation: 'memberOf',
        inverse: 'hasMember',
        defaultKind: 'Group',
        allowedKinds: ['Group'],
      },
    ],
  },
  {
    apiVersions,
    kind: 'Location',
    description: 'A pointer to more catalog files.',
    spec: {
      type: 'object',
      properties: {
        type: text,
        target: text,
        targets: refs,
        presence: { type: 'string', enum: ['required', 'optional'] },
      },
    },
    relations: [],
  },
  templateV1beta3,
  {
    apiVersions: [...apiVersions, 'scaffolder.backstage.io/v1beta2'],
    kind: 'Template',
    description: 'A Backstage software template in a format the scaffolder no longer reads.',
    spec: { type: 'object' },
    relations: [ownedBy],
    owners: 'spec.owner',
    unsupported:
      "Template entities of this apiVersion are read but not checked beyond the envelope and owner: Backstage's scaffolder reads only scaffolder.backstage.io/v1beta3",
  },
];
