// OpenSLO v1 objects → the SLO model, the way Sloth maps OpenSLO: one SLO per objective, id
// "<service>-<name>-<index>", a good/total ratio becoming the raw error ratio `1 - good/total`
// (bad/total is Sloth's events SLI as is). Alert policies become burn-rate alerts, each condition's
// severity its `sloth_severity`. Indicators, policies and conditions may be inline or referenced.
import type { YamlMap, YamlNode } from '../../../platform/yaml/nodes.ts';
import { checkName, checkObjective, checkQuery } from './checks.ts';
import { day, parseDuration } from './durations.ts';
import type { BurnCondition, Extras, Sli, Slo } from './model.ts';
import { type Index, metadataName, type Named } from './openslo-objects.ts';
import { readConditions } from './read-openslo-alerts.ts';
import { type FieldReader, join } from './spec-fields.ts';

export interface OpenSloObject {
  reader: FieldReader;
  root: YamlMap;
  document: number;
}

const kinds = [
  'SLO',
  'SLI',
  'AlertPolicy',
  'AlertCondition',
  'Service',
  'DataSource',
  'AlertNotificationTarget',
];

/** The SLOs of the OpenSLO objects given; problems go to each object's reader. */
export function readOpenSlo(objects: OpenSloObject[], extras: Extras): Slo[] {
  const index: Index = new Map(kinds.map((k) => [k, new Map()]));
  const slos: Named[] = [];
  for (const { reader: r, root, document } of objects) {
    const field = `document ${document + 1}`;
    r.map(root, '', ['apiVersion', 'kind', 'metadata', 'spec']);
    const kind = r.string(root, 'kind', '') ?? '';
    if (!kinds.includes(kind)) {
      r.problem(
        r.position(root, 'kind', root),
        'kind',
        `"${kind}" is not an OpenSLO v1 kind Steward reads: ${kinds.join(', ')}`,
      );
      continue;
    }
    const name = metadataName(r, root, '');
    const named = { reader: r, node: root, field: kind === 'SLO' ? `${field} (SLO ${name})` : field };
    if (name) index.get(kind)?.set(name, named);
    if (kind === 'SLO') slos.push(named);
  }
  return slos.flatMap((slo) => readSlo(slo, index, extras));
}

const sloFields = [
  'description',
  'service',
  'indicator',
  'indicatorRef',
  'timeWindow',
  'budgetingMethod',
  'objectives',
  'alertPolicies',
];

function readSlo({ reader: r, node: root }: Named, index: Index, extras: Extras): Slo[] {
  const name = metadataName(r, root, '');
  const spec = r.map(r.get(root, 'spec')?.node, 'spec', sloFields);
  if (!spec) {
    r.problem(
      root,
      'spec',
      'is required: service, indicator (or indicatorRef), timeWindow, budgetingMethod, objectives',
    );
    return [];
  }
  const service = r.string(spec, 'service', 'spec') ?? '';
  if (!service) r.problem(spec, 'spec.service', 'is required: the catalog service this SLO belongs to');
  const serviceAt = r.position(spec, 'service', spec);
  checkName(r, serviceAt, 'spec.service', service);
  const method = r.string(spec, 'budgetingMethod', 'spec');
  if (method !== undefined && method !== 'Occurrences') {
    r.problem(
      r.position(spec, 'budgetingMethod', spec),
      'spec.budgetingMethod',
      `"${method}" cannot be compiled to burn-rate rules: use Occurrences`,
    );
  }
  const periodMs = readPeriod(r, spec);
  const sloExtras = { ...extras, ...annotationExtras(r, root) };
  const conditions: BurnCondition[] = readConditions(r, spec, index, periodMs, sloExtras);
  const defaultSli = readIndicator(r, spec, 'spec', index);
  const objectives = r.seq(spec, 'objectives', 'spec');
  if (objectives.items.length === 0)
    r.problem(spec, 'spec.objectives', 'at least one objective (target: 0.999) is required');
  return objectives.items.flatMap((node, i) => {
    const field = join(objectives.field, i);
    const o = r.map(node, field, [
      'displayName',
      'op',
      'value',
      'target',
      'targetPercent',
      'timeSliceTarget',
      'timeSliceWindow',
      'indicator',
      'indicatorRef',
      'compositeWeight',
    ]);
    if (!o) return [];
    const target = r.number(o, 'target', field);
    const percent = r.number(o, 'targetPercent', field);
    const objective = percent ? percent.value : target ? target.value * 100 : undefined;
    if (objective === undefined) {
      r.problem(o, join(field, 'target'), 'is required: the objective as a ratio, e.g. target: 0.999');
      return [];
    }
    checkObjective(
      r,
      (percent ?? target)?.at ?? o,
      join(field, percent ? 'targetPercent' : 'target'),
      objective,
    );
    const hasOwn = r.get(o, 'indicator') || r.get(o, 'indicatorRef');
    const sli = hasOwn ? readIndicator(r, o, field, index) : defaultSli;
    if (!sli || periodMs === undefined || !service || !name) return [];
    const id = `${service}-${name}-${i}`;
    return [
      {
        id,
        name: `${name}-${i}`,
        service,
        description: r.string(spec, 'description', 'spec') ?? '',
        objective,
        periodMs,
        labels: {},
        sli,
        page: null,
        ticket: null,
        conditions,
        extras: sloExtras,
        spec: 'openslo/v1',
        mode: 'cli-gen-openslo',
        at: { file: r.file, line: o.line, column: o.column, field },
        serviceAt: { file: r.file, line: serviceAt.line, column: serviceAt.column, field: 'spec.service' },
      } satisfies Slo,
    ];
  });
}

/** One timeWindow of whole days, rolling or calendar (a calendar window is judged as rolling). */
function readPeriod(r: FieldReader, spec: YamlMap): number | undefined {
  const windows = r.seq(spec, 'timeWindow', 'spec');
  if (windows.items.length === 0) return 30 * day;
  if (windows.items.length > 1)
    r.problem(windows.items[1] as YamlNode, windows.field, 'only one time window is supported');
  const field = join(windows.field, 0);
  const w = r.map(windows.items[0], field, ['duration', 'isRolling', 'calendar']);
  r.map(r.get(w, 'calendar')?.node, join(field, 'calendar'), ['startTime', 'timeZone']);
  const text = r.string(w, 'duration', field) ?? '';
  const at = r.position(w, 'duration', windows.items[0] as YamlNode);
  const ms = parseDuration(text);
  if (/^\d+[MQY]$/.test(text)) {
    r.problem(
      at,
      join(field, 'duration'),
      `"${text}": calendar months, quarters and years have no fixed length; use a number of days (28d, 30d, 90d)`,
    );
    return undefined;
  }
  if (ms === undefined || ms === 0) {
    r.problem(
      at,
      join(field, 'duration'),
      `"${text}" is not a duration: write a number of days, e.g. 30d or 4w`,
    );
    return undefined;
  }
  if (ms % day !== 0 || ms < 7 * day) {
    r.problem(
      at,
      join(field, 'duration'),
      `"${text}" does not divide into whole days of at least a week (the alert windows reach 3 days): use e.g. 7d, 28d or 30d`,
    );
    return undefined;
  }
  return ms;
}

function annotationExtras(r: FieldReader, root: YamlMap): Extras {
  const metadata = r.get(root, 'metadata')?.node;
  const annotations = metadata?.kind === 'map' ? r.stringMap(metadata, 'annotations', 'metadata') : {};
  const at = metadata ?? root;
  const extras: Extras = {};
  const absent = annotations['steward.dev/absent-for'];
  if (absent !== undefined) {
    const ms = parseDuration(absent);
    if (ms) extras.absentForMs = ms;
    else
      r.problem(
        at,
        'metadata.annotations.steward.dev/absent-for',
        `"${absent}" is not a duration such as 10m`,
      );
  }
  const min = annotations['steward.dev/min-traffic'];
  if (min !== undefined) {
    const value = Number(min);
    if (min.trim() !== '' && Number.isFinite(value) && value >= 0) extras.minTraffic = value;
    else
      r.problem(
        at,
        'metadata.annotations.steward.dev/min-traffic',
        `"${min}" is not a number of events per second such as 0.5`,
      );
  }
  return extras;
}

function readIndicator(r: FieldReader, owner: YamlMap, field: string, index: Index): Sli | undefined {
  const inline = r.get(owner, 'indicator');
  const ref = r.string(owner, 'indicatorRef', field);
  if (inline) {
    const m = r.map(inline.node, join(field, 'indicator'), ['metadata', 'spec']);
    return m ? readSliSpec(r, m, join(field, 'indicator')) : undefined;
  }
  if (ref !== undefined) {
    const target = index.get('SLI')?.get(ref);
    if (!target) {
      const known = [...(index.get('SLI')?.keys() ?? [])];
      const hint = known.length
        ? `the SLIs given are: ${known.join(', ')}`
        : 'no SLI object was given: pass its file too';
      r.problem(
        r.position(owner, 'indicatorRef', owner),
        join(field, 'indicatorRef'),
        `no SLI named "${ref}": ${hint}`,
      );
      return undefined;
    }
    return readSliSpec(target.reader, target.node, target.field);
  }
  if (field === 'spec')
    r.problem(owner, 'spec.indicator', 'is required: an inline indicator or indicatorRef naming an SLI');
  return undefined;
}

function readSliSpec(r: FieldReader, sli: YamlMap, field: string): Sli | undefined {
  const spec = r.map(r.get(sli, 'spec')?.node, join(field, 'spec'), [
    'description',
    'thresholdMetric',
    'ratioMetric',
  ]);
  const f = join(field, 'spec.ratioMetric');
  const ratio = r.map(r.get(spec, 'ratioMetric')?.node, f, [
    'counter',
    'good',
    'bad',
    'total',
    'rawType',
    'raw',
  ]);
  if (!ratio) {
    r.problem(
      spec ?? sli,
      f,
      'is required: only ratio indicators (good or bad over total) compile to burn-rate rules',
    );
    return undefined;
  }
  const query = (key: string) => metricQuery(r, ratio, key, f);
  const raw = r.get(ratio, 'raw');
  if (raw) {
    const q = query('raw');
    if (!q) return undefined;
    const failure = (r.string(ratio, 'rawType', f) ?? 'failure') === 'failure';
    return { kind: 'raw', errorRatioQuery: failure ? q : `\n  1 - (\n    ${q}\n  )\n` };
  }
  const total = query('total');
  const good = r.get(ratio, 'good') ? query('good') : undefined;
  const bad = r.get(ratio, 'bad') ? query('bad') : undefined;
  if (!r.get(ratio, 'good') && !r.get(ratio, 'bad')) r.problem(ratio, f, 'needs good or bad, and total');
  if (!r.get(ratio, 'total'))
    r.problem(ratio, join(f, 'total'), 'is required: the query counting all events');
  if (!total) return undefined;
  if (bad) return { kind: 'events', errorQuery: bad, totalQuery: total };
  if (good) {
    // Sloth's OpenSLO mapping, text for text.
    const errorRatioQuery = `\n  1 - (\n    (\n      ${good}\n    )\n    /\n    (\n      ${total}\n    )\n  )\n`;
    return { kind: 'raw', errorRatioQuery, totalQuery: total };
  }
  return undefined;
}

/** `<key>.metricSource.spec.query`, with its {{.window}} placeholder checked. */
function metricQuery(r: FieldReader, ratio: YamlMap, key: string, field: string): string | undefined {
  const f = join(field, key);
  const metric = r.map(r.get(ratio, key)?.node, f, ['metricSource']);
  const source = r.map(r.get(metric, 'metricSource')?.node, join(f, 'metricSource'), [
    'metricSourceRef',
    'type',
    'spec',
  ]);
  const type = r.string(source, 'type', join(f, 'metricSource'));
  if (type !== undefined && type.toLowerCase() !== 'prometheus') {
    r.problem(
      r.position(source, 'type', ratio),
      join(f, 'metricSource.type'),
      `"${type}": only Prometheus queries compile to Prometheus rules`,
    );
  }
  const spec = r.map(r.get(source, 'spec')?.node, join(f, 'metricSource.spec'), ['query']);
  const query = r.string(spec, 'query', join(f, 'metricSource.spec'));
  if (!query) {
    r.problem(
      spec ?? source ?? metric ?? ratio,
      join(f, 'metricSource.spec.query'),
      'is required: the PromQL query, with [{{.window}}] where the range goes',
    );
    return undefined;
  }
  checkQuery(r, r.position(spec, 'query', ratio), join(f, 'metricSource.spec.query'), query);
  return query;
}
