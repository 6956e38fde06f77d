// On-call as code (`steward.dev/v1`): a Schedule is who is on call when (layers of people taking
// turns, in the schedule's IANA zone); an EscalationPolicy is who is paged, in which order, until
// someone acknowledges. The catalog checks their shape and refs; the oncall module computes shifts.
import { findPair, type YamlMap } from '../../../../platform/yaml/nodes.ts';
import type { JsonSchema, KindDefinition, RelationField } from '../model.ts';
import { quoteToken } from '../quote-token.ts';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const text: JsonSchema = { type: 'string', minLength: 1 };
const duration = (description: string): JsonSchema => ({
  type: 'string',
  format: 'iso-duration',
  description,
});
const timeZone: JsonSchema = { type: 'string', format: 'iana-time-zone', description: 'e.g. Europe/Berlin' };
const days: JsonSchema = {
  type: 'array',
  minItems: 1,
  items: { type: 'string', enum: weekdays, errorMessage: `a day of the week: one of ${weekdays.join(', ')}` },
};
const from: JsonSchema = { type: 'string', format: 'wall-time' };
const to: JsonSchema = {
  type: 'string',
  format: 'wall-time-end',
  description: 'at or before from: past midnight',
};

const restriction: JsonSchema = {
  type: 'object',
  required: ['days', 'from', 'to'],
  additionalProperties: false,
  properties: { days, from, to },
};

const layer: JsonSchema = {
  type: 'object',
  required: ['name', 'start', 'rotation', 'members'],
  additionalProperties: false,
  properties: {
    name: text,
    start: { type: 'string', format: 'local-date-time', description: 'where the rotation starts counting' },
    rotation: duration('how long each member is on call before the next takes over'),
    members: {
      type: 'array',
      minItems: 1,
      items: text,
      errorMessage:
        'a list of at least one User ref (e.g. [alice, user:bob]): a layer with nobody in it pages nobody',
    },
    restrictions: { type: 'array', items: restriction },
  },
};

const scheduleSpec: JsonSchema = {
  type: 'object',
  required: ['owner', 'timeZone', 'layers'],
  additionalProperties: false,
  properties: {
    owner: text,
    description: text,
    timeZone,
    layers: { type: 'array', minItems: 1, items: layer },
  },
};

const step: JsonSchema = {
  type: 'object',
  required: ['notify'],
  additionalProperties: false,
  properties: {
    notify: {
      type: 'array',
      minItems: 1,
      items: text,
      errorMessage:
        'a list of at least one ref naming its kind (e.g. [schedule:payments-primary, user:carol])',
    },
    escalateAfter: duration('default PT30M; on the last step, how long before the policy repeats'),
    strategy: { type: 'string', enum: ['all', 'round-robin'] },
  },
};

const policySpec: JsonSchema = {
  type: 'object',
  required: ['owner', 'steps'],
  additionalProperties: false,
  properties: {
    owner: text,
    description: text,
    repeat: { type: 'integer', minimum: 0, description: 'runs of the whole policy after the first' },
    steps: { type: 'array', minItems: 1, items: step },
    acknowledgeTimeout: duration('an acknowledged alert not resolved within it escalates again'),
    workingHours: {
      type: 'object',
      required: ['timeZone', 'days', 'from', 'to'],
      additionalProperties: false,
      properties: { timeZone, days, from, to },
    },
  },
};

const ownedBy: RelationField = {
  path: 'spec.owner',
  relation: 'ownedBy',
  inverse: 'ownerOf',
  defaultKind: 'Group',
  allowedKinds: ['Group', 'User'],
};

/** Layer names identify a layer in the API and the portal: two of one name would be one too many. */
function uniqueLayerNames(spec: YamlMap, report: Parameters<NonNullable<KindDefinition['checkSpec']>>[1]) {
  const layers = findPair(spec, 'layers')?.value;
  if (layers?.kind !== 'seq') return;
  const seen = new Map<string, number>();
  for (const [i, item] of layers.items.entries()) {
    const name = item.kind === 'map' ? findPair(item, 'name')?.value : undefined;
    if (name?.kind !== 'scalar' || typeof name.value !== 'string') continue;
    const first = seen.get(name.value);
    if (first === undefined) seen.set(name.value, i);
    else
      report(
        name,
        'duplicate-name',
        `spec.layers[${i}].name ${quoteToken(name.value)} is already the name of spec.layers[${first}]; give each layer its own name`,
      );
  }
}

export const oncallKinds: KindDefinition[] = [
  {
    apiVersions: ['steward.dev/v1'],
    kind: 'Schedule',
    description: 'Who is on call when: layers of people taking turns, in the IANA zone of the schedule.',
    spec: scheduleSpec,
    relations: [
      ownedBy,
      {
        path: 'spec.layers[].members',
        relation: 'hasOnCallMember',
        inverse: 'onCallIn',
        defaultKind: 'User',
        allowedKinds: ['User'],
        mustExist: true,
      },
    ],
    owners: 'spec.owner',
    checkSpec: uniqueLayerNames,
  },
  {
    apiVersions: ['steward.dev/v1'],
    kind: 'EscalationPolicy',
    description: 'Who is paged, in which order and after how long, until someone acknowledges.',
    spec: policySpec,
    relations: [
      ownedBy,
      {
        path: 'spec.steps[].notify',
        relation: 'notifies',
        inverse: 'notifiedBy',
        allowedKinds: ['Schedule', 'User', 'Group'],
        mustExist: true,
      },
    ],
    owners: 'spec.owner',
  },
];

/** Steward's Service and Component name the policy that pages for them (`spec.escalationPolicy`). */
export const escalatesWith: RelationField = {
  path: 'spec.escalationPolicy',
  relation: 'escalatesWith',
  inverse: 'escalationPolicyOf',
  defaultKind: 'EscalationPolicy',
  allowedKinds: ['EscalationPolicy'],
};

/** Any entity may name the policy that pages for it (a team for its services) in this annotation. */
export const escalationPolicyAnnotation = 'steward.dev/escalation-policy';

export const escalatesWithAnnotation: RelationField = {
  ...escalatesWith,
  path: `metadata.annotations.${escalationPolicyAnnotation}`,
  keys: ['metadata', 'annotations', escalationPolicyAnnotation],
};
