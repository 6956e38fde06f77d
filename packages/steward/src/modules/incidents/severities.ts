// Severities: configurable (STEWARD_INCIDENT_SEVERITIES), SEV1–SEV4 by default. Each says what it
// means, how often the audience hears from the responders, and whether a missing commander is paged.
import type { IncidentSeverityConfig } from '../../platform/config.ts';
import { invalid } from '../../platform/errors.ts';

export type Severity = IncidentSeverityConfig;

export const defaultSeverities: readonly Severity[] = [
  {
    name: 'SEV1',
    description: 'Critical: customers cannot use a core product, or data is being lost. All hands.',
    updateEveryMinutes: 30,
    pageCommander: true,
  },
  {
    name: 'SEV2',
    description: 'Major: a core feature is degraded for many customers.',
    updateEveryMinutes: 60,
    pageCommander: true,
  },
  {
    name: 'SEV3',
    description: 'Minor: limited impact, or a workaround exists.',
    updateEveryMinutes: 240,
    pageCommander: false,
  },
  {
    name: 'SEV4',
    description: 'Low: no customer impact yet; handled in working hours.',
    updateEveryMinutes: 1440,
    pageCommander: false,
  },
];

export interface Severities {
  list: readonly Severity[];
  get(name: string): Severity | undefined;
  names: string[];
}

export function severitiesOf(list: readonly Severity[] = defaultSeverities): Severities {
  const byName = new Map(list.map((s) => [s.name, s]));
  return { list, get: (name) => byName.get(name), names: list.map((s) => s.name) };
}

/** A 400 naming the field and the severities there are, unless `name` is one of them. */
export function checkSeverity(ctx: { severities: Severities }, name: string, field: string): void {
  if (ctx.severities.get(name)) return;
  const message = `${JSON.stringify(name)} is not a severity here; use one of ${ctx.severities.names.join(', ')}`;
  throw invalid(`${field}: ${message}`, [{ field, message }]);
}
