// What every entity shares, whatever its kind: the envelope and `metadata`, with Backstage's rules
// (EntityEnvelope, EntityMeta and FieldFormatEntityPolicy) as data.
import type { JsonSchema } from '../model.ts';

const nonBlankLinkText: JsonSchema = { type: 'string', format: 'non-blank', errorCode: 'invalid-link' };

export const metadataSchema: JsonSchema = {
  type: 'object',
  required: ['name'],
  additionalProperties: true,
  properties: {
    name: { type: 'string', format: 'entity-name', errorCode: 'invalid-name' },
    namespace: { type: 'string', format: 'namespace', errorCode: 'invalid-namespace' },
    uid: { type: 'string', minLength: 1 },
    etag: { type: 'string', minLength: 1 },
    title: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    labels: {
      type: 'object',
      propertyNames: { type: 'string', format: 'label-key', errorCode: 'invalid-label' },
      additionalProperties: { type: 'string', format: 'label-value', errorCode: 'invalid-label' },
    },
    annotations: {
      type: 'object',
      propertyNames: { type: 'string', format: 'annotation-key', errorCode: 'invalid-annotation' },
      additionalProperties: { type: 'string', errorCode: 'invalid-annotation' },
    },
    tags: { type: 'array', items: { type: 'string', format: 'tag', errorCode: 'invalid-tag' } },
    links: {
      type: 'array',
      items: {
        type: 'object',
        required: ['url'],
        errorCode: 'invalid-link',
        properties: {
          url: { type: 'string', format: 'url', errorCode: 'invalid-link' },
          title: nonBlankLinkText,
          icon: nonBlankLinkText,
          type: { type: 'string', minLength: 1, errorCode: 'invalid-link' },
        },
      },
    },
  },
};

/** Only these four root fields: `relations` and `status` are computed by the catalog, never written. */
export const envelopeSchema: JsonSchema = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata'],
  additionalProperties: false,
  properties: {
    apiVersion: { type: 'string', format: 'api-version', errorCode: 'invalid-api-version' },
    kind: { type: 'string', format: 'kind', errorCode: 'invalid-kind' },
    metadata: metadataSchema,
    spec: { type: 'object' },
  },
};
