// Sloth's `prometheus/v1` spec → the SLO model, as Sloth maps it: id "<service>-<slo>", the spec's
// labels merged under the SLO's, the alert labels and annotations merged under each alert's own.
import type { YamlMap, YamlNode } from '../../../platform/yaml/nodes.ts';
import { checkLabels, checkName, checkObjective, checkQuery } from './checks.ts';
import type { AlertMeta, Sli, Slo } from './model.ts';
import { type FieldReader, join } from './spec-fields.ts';

export function readSlothSpec(r: FieldReader, root: YamlMap, periodMs: number): Slo[] {
  r.map(root, '', ['version', 'service', 'labels', 'slos', 'slo_plugins']);
  noPlugins(r, root, '', 'slo_plugins');
  const service = r.string(root, 'service', '') ?? '';
  if (!service)
    r.problem(root, 'service', 'is required: the service the SLOs belong to (e.g. service: checkout)');
  const serviceAt = r.position(root, 'service', root);
  checkName(r, serviceAt, 'service', service);
  const labels = r.stringMap(root, 'labels', '');
  checkLabels(r, r.position(root, 'labels', root), 'labels', labels);
  const slos = r.seq(root, 'slos', '');
  if (slos.items.length === 0) r.problem(root, 'slos', 'at least one SLO is required under slos:');
  return slos.items.flatMap((node, i) => {
    const slo = readSlo(r, node, join(slos.field, i), service, labels, periodMs);
    const at = { file: r.file, line: serviceAt.line, column: serviceAt.column, field: 'service' };
    return slo ? [{ ...slo, serviceAt: at }] : [];
  });
}

function readSlo(
  r: FieldReader,
  node: YamlNode,
  field: string,
  service: string,
  specLabels: Record<string, string>,
  periodMs: number,
): Omit<Slo, 'serviceAt'> | undefined {
  const map = r.map(node, field, [
    'name',
    'objective',
    'description',
    'labels',
    'sli',
    'alerting',
    'plugins',
  ]);
  if (!map) return undefined;
  noPlugins(r, map, field, 'plugins');
  const name = r.string(map, 'name', field) ?? '';
  if (!name)
    r.problem(map, join(field, 'name'), 'is required: the SLO name (e.g. name: requests-availability)');
  const objective = r.number(map, 'objective', field);
  checkName(r, r.position(map, 'name', map), join(field, 'name'), name);
  if (!objective) r.problem(map, join(field, 'objective'), 'is required: the target in percent, e.g. 99.9');
  else checkObjective(r, objective.at, join(field, 'objective'), objective.value);
  const sloLabels = r.stringMap(map, 'labels', field);
  checkLabels(r, r.position(map, 'labels', map), join(field, 'labels'), sloLabels);
  const sli = readSli(r, r.get(map, 'sli')?.node, join(field, 'sli'), map);
  const alerting = r.map(r.get(map, 'alerting')?.node, join(field, 'alerting'), [
    'name',
    'labels',
    'annotations',
    'page_alert|pageAlert',
    'ticket_alert|ticketAlert',
  ]);
  const alertField = join(field, 'alerting');
  const alertName = r.string(alerting, 'name', alertField) ?? '';
  const common = {
    labels: r.stringMap(alerting, 'labels', alertField),
    annotations: r.stringMap(alerting, 'annotations', alertField),
  };
  const page = readAlert(r, alerting, 'page_alert|pageAlert', alertField, alertName, common);
  const ticket = readAlert(r, alerting, 'ticket_alert|ticketAlert', alertField, alertName, common);
  if (!alertName && (page || ticket)) {
    const message =
      "is required: the alerts' name (or say disable: true under both page_alert and ticket_alert)";
    r.problem(alerting ?? map, join(alertField, 'name'), message);
  }
  if (!sli || !objective) return undefined;
  return {
    id: `${service}-${name}`,
    name,
    service,
    description: r.string(map, 'description', field) ?? '',
    objective: objective.value,
    periodMs,
    labels: { ...specLabels, ...sloLabels },
    sli,
    page,
    ticket,
    conditions: [],
    extras: {},
    spec: 'prometheus/v1',
    mode: 'cli-gen-prom',
    at: { file: r.file, line: map.line, column: map.column, field },
  };
}

function readSli(r: FieldReader, node: YamlNode | undefined, field: string, slo: YamlMap): Sli | undefined {
  const map = r.map(node, field, ['events', 'raw', 'plugin']);
  if (!map) {
    r.problem(
      node ?? slo,
      field,
      'is required: either events (error_query and total_query) or raw (error_ratio_query)',
    );
    return undefined;
  }
  const plugin = r.get(map, 'plugin');
  if (plugin) {
    r.problem(
      plugin.node,
      join(field, 'plugin'),
      'SLI plugins run Go code Steward does not have; write the queries as events or raw',
    );
    return undefined;
  }
  const events = r.get(map, 'events');
  const raw = r.get(map, 'raw');
  if (events && raw) {
    r.problem(raw.node, join(field, 'raw'), 'only one SLI type is allowed: keep events or raw, not both');
    return undefined;
  }
  if (events) {
    const f = join(field, 'events');
    const m = r.map(events.node, f, ['error_query|errorQuery', 'total_query|totalQuery']);
    const errorQuery = r.string(m, 'error_query|errorQuery', f) ?? '';
    const totalQuery = r.string(m, 'total_query|totalQuery', f) ?? '';
    if (!errorQuery)
      r.problem(
        events.node,
        join(f, 'error_query'),
        'is required: the query counting bad events, with [{{.window}}]',
      );
    if (!totalQuery)
      r.problem(
        events.node,
        join(f, 'total_query'),
        'is required: the query counting all events, with [{{.window}}]',
      );
    if (errorQuery)
      checkQuery(r, r.position(m, 'error_query|errorQuery', events.node), join(f, 'error_query'), errorQuery);
    if (totalQuery)
      checkQuery(r, r.position(m, 'total_query|totalQuery', events.node), join(f, 'total_query'), totalQuery);
    if (errorQuery && errorQuery === totalQuery) {
      r.problem(
        events.node,
        f,
        'error_query and total_query are the same query: error_query must count only the bad events',
      );
    }
    return errorQuery && totalQuery ? { kind: 'events', errorQuery, totalQuery } : undefined;
  }
  if (raw) {
    const f = join(field, 'raw');
    const m = r.map(raw.node, f, ['error_ratio_query|errorRatioQuery']);
    const errorRatioQuery = r.string(m, 'error_ratio_query|errorRatioQuery', f) ?? '';
    if (!errorRatioQuery)
      r.problem(
        raw.node,
        join(f, 'error_ratio_query'),
        'is required: a query giving the error ratio (0 to 1), with [{{.window}}]',
      );
    else
      checkQuery(
        r,
        r.position(m, 'error_ratio_query|errorRatioQuery', raw.node),
        join(f, 'error_ratio_query'),
        errorRatioQuery,
      );
    return errorRatioQuery ? { kind: 'raw', errorRatioQuery } : undefined;
  }
  r.problem(
    map,
    field,
    'needs one SLI type: events (error_query and total_query) or raw (error_ratio_query)',
  );
  return undefined;
}

function readAlert(
  r: FieldReader,
  alerting: YamlMap | undefined,
  key: string,
  field: string,
  name: string,
  common: { labels: Record<string, string>; annotations: Record<string, string> },
): AlertMeta | null {
  const found = r.get(alerting, key);
  const f = join(field, found?.key ?? key.split('|')[0] ?? key);
  const map = r.map(found?.node, f, ['disable', 'labels', 'annotations']);
  if (r.boolean(map, 'disable', f)) return null;
  return {
    name,
    labels: { ...common.labels, ...r.stringMap(map, 'labels', f) },
    annotations: { ...common.annotations, ...r.stringMap(map, 'annotations', f) },
  };
}

function noPlugins(r: FieldReader, map: YamlMap, field: string, key: string): void {
  const found = r.get(map, key);
  if (found)
    r.problem(
      found.node,
      join(field, key),
      'Sloth SLO plugins are not supported: remove them (the default rules are generated)',
    );
}
