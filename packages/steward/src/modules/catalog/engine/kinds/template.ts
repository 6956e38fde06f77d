// Backstage's software Template (scaffolder.backstage.io/v1beta3) as its scaffolder validates it,
// transcribed from @backstage/plugin-scaffolder-common's Template.v1beta3.schema.json: `type` and
// `steps` required; `parameters` one JSON Schema object or a list of them (one per form page); each
// step names its `action`; `output` holds links, text and templated strings. Steward does not run
// templates; it keeps them in the catalog, checked, so a broken one is found before anyone uses it.
import type { JsonSchema, KindDefinition } from '../model.ts';

const text: JsonSchema = { type: 'string', minLength: 1 };
const anyObject: JsonSchema = { type: 'object' };

const step: JsonSchema = {
  type: 'object',
  required: ['action'],
  errorMessage: 'a step: a mapping with action (e.g. fetch:template), and usually id, name and input',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    action: { type: 'string' },
    input: anyObject,
    if: { type: ['string', 'boolean'] },
  },
};

const output: JsonSchema = {
  type: 'object',
  properties: {
    links: {
      type: 'array',
      items: {
        type: 'object',
        properties: { url: text, entityRef: text, title: text, icon: text },
      },
    },
    text: { type: 'array', items: anyObject },
  },
  additionalProperties: { type: 'string' },
};

export const templateV1beta3: KindDefinition = {
  apiVersions: ['scaffolder.backstage.io/v1beta3'],
  kind: 'Template',
  description:
    'A Backstage software template: the form a new project is asked for, and the steps that create it.',
  spec: {
    type: 'object',
    required: ['type', 'steps'],
    properties: {
      type: text,
      owner: text,
      parameters: {
        type: ['object', 'array'],
        items: anyObject,
        errorMessage:
          'a JSON Schema object (properties, required), or a list of them, one per page of the form',
      },
      steps: { type: 'array', items: step },
      output,
    },
  },
  relations: [
    {
      path: 'spec.owner',
      relation: 'ownedBy',
      inverse: 'ownerOf',
      defaultKind: 'Group',
      allowedKinds: ['Group', 'User'],
    },
  ],
  owners: 'spec.owner',
};
