// Gathers what the checks read about some entities, each source read once for all of them: owners
// and systems from the catalog, the escalation route from on-call, SLOs, and the open findings of
// the latest uploaded scans (guardrails), matched to an entity by the ref (or name) they carry.
import type { Catalog, CatalogEntity } from '../catalog/index.ts';
import type { GuardrailsService } from '../guardrails/index.ts';
import type { OncallService } from '../oncall/index.ts';
import type { SloService } from '../slo/index.ts';
import { primaryOwner } from './engine/checks.ts';
import type { Placement } from './engine/evaluate.ts';
import type { CheckName, EntityFacts, ScanFinding } from './engine/model.ts';

export interface FactSources {
  catalog: Pick<Catalog, 'loadEntitiesByRef' | 'entitiesOfKinds'>;
  oncall: Pick<OncallService, 'policiesFor'>;
  slos: Pick<SloService, 'list'>;
  guardrails: Pick<GuardrailsService, 'openFindings'>;
}

export interface Facts {
  facts: EntityFacts[];
  placement: Placement;
}

/** The facts of these entities; sources no check in `uses` reads are not asked. */
export async function gatherFacts(
  sources: FactSources,
  entities: readonly CatalogEntity[],
  uses: ReadonlySet<CheckName>,
): Promise<Facts> {
  const owners = [...new Set(entities.flatMap((e) => primaryOwner(e) ?? []))];
  const systems = [
    ...new Set(
      entities.flatMap((e) =>
        e.relations
          .filter((r) => r.type === 'partOf' && r.targetRef.startsWith('system:'))
          .map((r) => r.targetRef),
      ),
    ),
  ];
  const [ownerEntities, systemEntities, routes, slos, findings] = await Promise.all([
    uses.has('has-owner') ? sources.catalog.loadEntitiesByRef(owners) : Promise.resolve([]),
    sources.catalog.loadEntitiesByRef(systems),
    uses.has('has-escalation-policy')
      ? sources.oncall.policiesFor(entities.map((e) => ({ service: e.ref, team: null })))
      : Promise.resolve([]),
    uses.has('has-slo') ? sources.slos.list({}) : Promise.resolve([]),
    uses.has('no-findings-at-or-above') ? sources.guardrails.openFindings() : Promise.resolve([]),
  ]);
  const knownOwners = new Set(ownerEntities.map((e) => e.ref));
  const slosOf = groupBy(slos, (s) => s.service.toLowerCase());
  const findingsOf = groupBy(findings, (f) => f.service?.toLowerCase() ?? '');
  const domains = new Map(
    systemEntities.map((s) => [
      s.ref,
      s.relations.find((r) => r.type === 'partOf' && r.targetRef.startsWith('domain:'))?.targetRef ?? null,
    ]),
  );
  const facts = entities.map((entity, i): EntityFacts => {
    const route = routes[i];
    const owner = primaryOwner(entity);
    return {
      entity,
      ownerInCatalog: owner !== null && knownOwners.has(owner),
      policy: { ref: route?.policy?.ref ?? null, hops: route?.hops.map((h) => h.text) ?? [] },
      slos: (slosOf.get(entity.ref) ?? []).map((s) => s.id),
      findings: [
        ...(findingsOf.get(entity.ref) ?? []),
        ...(findingsOf.get(entity.name.toLowerCase()) ?? []),
      ].map(
        (f): ScanFinding => ({
          ruleId: f.ruleId,
          severity: f.severity,
          target: f.target,
          exempted: f.exempted,
        }),
      ),
    };
  });
  return { facts, placement: { domainOf: (system) => domains.get(system) ?? null } };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
