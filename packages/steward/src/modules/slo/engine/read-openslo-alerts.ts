// OpenSLO alert policies → burn-rate conditions. A policy (inline, `alertPolicyRef`, or its bare
// name) holds conditions (inline or `conditionRef`); each burnrate condition becomes one alert named
// after the policy, with its severity as `sloth_severity`. `alertWhenNoData` asks for the absent alert.
import type { YamlMap, YamlNode } from '../../../platform/yaml/nodes.ts';
import { formatDuration, minute, parseDuration } from './durations.ts';
import type { BurnCondition, Extras } from './model.ts';
import { type Index, metadataName, type Named } from './openslo-objects.ts';
import { type FieldReader, join } from './spec-fields.ts';

const ops: Record<string, BurnCondition['op']> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

export function readConditions(
  r: FieldReader,
  spec: YamlMap,
  index: Index,
  periodMs: number | undefined,
  extras: Extras,
): BurnCondition[] {
  const policies = r.seq(spec, 'alertPolicies', 'spec');
  return policies.items.flatMap((node, i) => {
    const policy = resolve(r, node, join(policies.field, i), index, 'AlertPolicy', 'alertPolicyRef');
    if (!policy) return [];
    const pr = policy.reader;
    const name = metadataName(pr, policy.node, policy.field);
    const f = join(policy.field, 'spec');
    const ps = pr.map(pr.get(policy.node, 'spec')?.node, f, [
      'description',
      'alertWhenNoData',
      'alertWhenResolved',
      'alertWhenBreaching',
      'conditions',
      'notificationTargets',
    ]);
    if (pr.boolean(ps, 'alertWhenNoData', f) && extras.absentForMs === undefined)
      extras.absentForMs = 10 * minute;
    const conditions = pr.seq(ps, 'conditions', f);
    if (ps && conditions.items.length === 0)
      pr.problem(ps, join(f, 'conditions'), 'at least one condition is required');
    return conditions.items.flatMap((c, j) => {
      const condition = resolve(pr, c, join(conditions.field, j), index, 'AlertCondition', 'conditionRef');
      const read = condition && readCondition(condition, name, periodMs);
      return read ? [read] : [];
    });
  });
}

/** An inline object of `kind`, `{<refKey>: name}`, or a bare name, found in the index. */
function resolve(
  r: FieldReader,
  node: YamlNode,
  field: string,
  index: Index,
  kind: string,
  refKey: string,
): Named | undefined {
  let ref: string | undefined;
  if (node.kind === 'scalar' && typeof node.value === 'string') ref = node.value;
  else if (node.kind === 'map' && r.get(node, refKey)) {
    r.map(node, field, [refKey]);
    ref = r.string(node, refKey, field);
  } else if (node.kind === 'map') {
    r.map(node, field, ['apiVersion', 'kind', 'metadata', 'spec']);
    const said = r.string(node, 'kind', field);
    if (said !== kind)
      r.problem(
        r.position(node, 'kind', node),
        join(field, 'kind'),
        `must be ${kind} (or use ${refKey}: <name>)`,
      );
    return { reader: r, node, field };
  }
  if (!ref) {
    r.problem(node, field, `must be an inline ${kind} or ${refKey}: <name>`);
    return undefined;
  }
  const target = index.get(kind)?.get(ref);
  if (!target) {
    const known = [...(index.get(kind)?.keys() ?? [])];
    const hint = known.length
      ? `the ${kind} objects given are: ${known.join(', ')}`
      : `no ${kind} object was given: pass its file too`;
    r.problem(node, field, `no ${kind} named "${ref}": ${hint}`);
  }
  return target;
}

function readCondition(
  { reader: r, node, field }: Named,
  policyName: string,
  periodMs: number | undefined,
): BurnCondition | undefined {
  metadataName(r, node, field);
  const f = join(field, 'spec');
  const spec = r.map(r.get(node, 'spec')?.node, f, ['description', 'severity', 'condition']);
  const severity = r.string(spec, 'severity', f) ?? '';
  if (!severity)
    r.problem(
      spec ?? node,
      join(f, 'severity'),
      'is required: e.g. page or ticket (it becomes the sloth_severity label)',
    );
  const cf = join(f, 'condition');
  const c = r.map(r.get(spec, 'condition')?.node, cf, [
    'kind',
    'op',
    'threshold',
    'lookbackWindow',
    'alertAfter',
  ]);
  if (!c) {
    r.problem(spec ?? node, cf, 'is required: kind: burnrate, op, threshold, lookbackWindow');
    return undefined;
  }
  const kind = r.string(c, 'kind', cf);
  if (kind !== 'burnrate')
    r.problem(
      r.position(c, 'kind', c),
      join(cf, 'kind'),
      `"${kind ?? ''}": only burnrate conditions are supported`,
    );
  const opText = r.string(c, 'op', cf) ?? '';
  const op = ops[opText];
  if (!op)
    r.problem(
      r.position(c, 'op', c),
      join(cf, 'op'),
      `"${opText}" is not an operator: use gt, gte, lt or lte`,
    );
  const threshold = r.number(c, 'threshold', cf);
  if (!threshold) r.problem(c, join(cf, 'threshold'), 'is required: the burn rate, e.g. 14.4');
  const lookbackMs = duration(r, c, 'lookbackWindow', cf, true);
  const alertAfterMs = duration(r, c, 'alertAfter', cf, false);
  if (
    lookbackMs !== undefined &&
    (lookbackMs % 12000 !== 0 || (periodMs !== undefined && lookbackMs >= periodMs))
  ) {
    const message = `${formatDuration(lookbackMs)} must divide into twelve whole seconds (the short window is a twelfth of it) and be shorter than the SLO period; e.g. 1h, 6h, 1d, 3d`;
    r.problem(r.position(c, 'lookbackWindow', c), join(cf, 'lookbackWindow'), message);
    return undefined;
  }
  if (!op || !threshold || lookbackMs === undefined || !severity || kind !== 'burnrate') return undefined;
  const description = r.string(spec, 'description', f);
  return {
    alertName: policyName,
    severity,
    op,
    threshold: threshold.value,
    lookbackMs,
    alertAfterMs,
    description,
  };
}

function duration(
  r: FieldReader,
  map: YamlMap,
  key: string,
  field: string,
  required: boolean,
): number | undefined {
  const text = r.string(map, key, field);
  if (text === undefined) {
    if (required) r.problem(map, join(field, key), 'is required: a duration such as 1h');
    return undefined;
  }
  const ms = parseDuration(text);
  if (!ms)
    r.problem(
      r.position(map, key, map),
      join(field, key),
      `"${text}" is not a duration: write e.g. 5m, 1h or 1d`,
    );
  return ms || undefined;
}
