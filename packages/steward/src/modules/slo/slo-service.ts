// The running SLO module: SLOs by service, team or id, each with its service's owning team (read from
// the catalog when asked, so a change of owner shows at once), and status from Prometheus.
import type { Selectable } from 'kysely';
import { notFound } from '../../platform/errors.ts';
import { type Catalog, type CatalogEntity, parseEntityRef, stringifyEntityRef } from '../catalog/index.ts';
import { formatDuration } from './engine/durations.ts';
import type { PrometheusApi } from './prometheus.ts';
import type { SloDetail, SloView } from './schemas.ts';

/** What a burn alert's answer links: the SLO its `sloth_id` names. */
export type AlertSlo = Pick<SloView, 'id' | 'name' | 'service'>;

import { sloStatus } from './slo-status.ts';
import { findSlos, slosById } from './store.ts';
import type { SloDb, SlosTable } from './tables.ts';

type SloRow = Selectable<SlosTable>;

export interface SloDeps {
  db: SloDb;
  catalog: Pick<Catalog, 'loadEntitiesByRef'>;
  prometheus: PrometheusApi | null;
  now?: () => Date;
}

export interface SloService {
  list(query: { service?: string | undefined; team?: string | undefined }): Promise<SloView[]>;
  get(id: string): Promise<SloDetail>;
  /** For alert views: the SLO each `sloth_id` names, when Steward has it. */
  slosOf(ids: readonly string[]): Promise<Map<string, AlertSlo>>;
}

export function createSloService(deps: SloDeps): SloService {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const withTeams = async (rows: SloRow[]) => {
    const entities = await deps.catalog.loadEntitiesByRef([...new Set(rows.map((r) => r.entity))]);
    const owners = new Map(entities.map((e) => [e.ref, primaryOwner(e)]));
    return rows.map((row) => view(row, owners.get(row.entity) ?? null));
  };
  return {
    async list({ service, team }) {
      const entities = service === undefined ? undefined : serviceRefs(service);
      const slos = await withTeams(await findSlos(db, entities ? { entities } : {}));
      if (team === undefined) return slos;
      const group = refOf(team, 'group');
      return slos.filter((s) => s.team === group);
    },
    async get(id) {
      const [row] = await findSlos(db, { id });
      if (!row)
        throw notFound(`no SLO ${id} in Steward: GET /api/v1/slos lists them (ids are <service>-<name>)`);
      const [slo] = await withTeams([row]);
      const status = await sloStatus(
        deps.prometheus,
        { id, objective: row.objective, periodMs: row.period_ms },
        now(),
      );
      return { ...(slo as SloView), rules: row.rules, status };
    },
    async slosOf(ids) {
      const rows = await slosById(db, [...new Set(ids)]);
      return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, service: r.entity }]));
    },
  };
}

function view(row: SloRow, team: string | null): SloView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    service: row.entity,
    team,
    slothService: row.sloth_service,
    objective: row.objective,
    period: formatDuration(row.period_ms),
    spec: row.spec as SloView['spec'],
    file: row.file,
    line: row.line,
    ruleGroups: row.rule_groups,
  };
}

function primaryOwner(entity: CatalogEntity): string | null {
  return (entity.owners.find((o) => o.role === 'primary') ?? entity.owners[0])?.ref ?? null;
}

/** A service's name may be a Steward Service's or a Component's; a ref is itself. */
function serviceRefs(text: string): string[] {
  if (text.includes(':')) return [refOf(text, 'component')];
  return ['service', 'component'].map((kind) => refOf(text, kind));
}

/** A name or ref as a full, lower-case ref; what cannot be a ref matches nothing. */
function refOf(text: string, defaultKind: string): string {
  const parsed = parseEntityRef(text, { defaultKind, defaultNamespace: 'default' });
  return parsed.ok ? stringifyEntityRef(parsed.ref) : text.toLowerCase();
}
