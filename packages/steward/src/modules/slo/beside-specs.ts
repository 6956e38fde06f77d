// SLO specs found beside the catalog (no entity attaches them): compiled together, each SLO belonging
// to the catalog service its spec names (Sloth's `service`, OpenSLO's `spec.service`), a Component or
// a Steward Service of that name. One that names no service in the catalog is a problem at the name,
// saying which name would be right. A file with problems gives no SLO; the others still do.
import type { AttachedFile } from '../catalog/index.ts';
import { compileSpecs } from './engine/compile.ts';
import type { Slo, SpecProblem } from './engine/model.ts';

export type SettledSlo = { slo: Slo; entity: string } | { at: Slo['serviceAt']; message: string };

export function besideSlos(files: readonly AttachedFile[]): { slos: Slo[]; problems: SpecProblem[] } {
  const beside = files.filter((f) => f.entity === null);
  if (beside.length === 0) return { slos: [], problems: [] };
  const result = compileSpecs(beside.map((f) => ({ file: f.path, text: f.content })));
  const failing = new Set(result.problems.map((p) => p.file));
  return { slos: result.slos.filter((s) => !failing.has(s.at.file)), problems: result.problems };
}

/** The refs a spec's service name may mean, the Component first (burn alerts are routed to it). */
export function serviceCandidates(service: string): string[] {
  const name = service.toLowerCase();
  return [`component:default/${name}`, `service:default/${name}`];
}

/** Each SLO with its service's ref, or the problem of a service not in `existing` (one per place). */
export function settleBeside(
  slos: readonly Slo[],
  existing: ReadonlySet<string>,
  sourceRefs: ReadonlySet<string>,
): SettledSlo[] {
  const settled: SettledSlo[] = [];
  const reported = new Set<string>();
  for (const slo of slos) {
    const entity = serviceCandidates(slo.service).find((ref) => existing.has(ref));
    if (entity) {
      settled.push({ slo, entity });
      continue;
    }
    const place = `${slo.serviceAt.file}:${slo.serviceAt.line}:${slo.serviceAt.column}`;
    if (reported.has(place)) continue;
    reported.add(place);
    settled.push({ at: slo.serviceAt, message: unknownServiceMessage(slo, sourceRefs) });
  }
  return settled;
}

function unknownServiceMessage(slo: Slo, sourceRefs: ReadonlySet<string>): string {
  const field = slo.serviceAt.field;
  const said = `${field}: the service "${slo.service}" is not in the catalog; an SLO belongs to the catalog service its spec names (a Component or Service in the default namespace)`;
  const services = [...sourceRefs]
    .filter((ref) => ref.startsWith('component:default/') || ref.startsWith('service:default/'))
    .map((ref) => ref.slice(ref.indexOf('/') + 1))
    .sort();
  const wanted = slo.service.toLowerCase();
  const near = services
    .map((name) => ({ name, distance: editDistance(wanted, name) }))
    .filter((c) => c.distance <= Math.max(2, Math.floor(wanted.length / 4)))
    .sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : 1))[0];
  if (near) return `${said}: write ${field}: ${near.name}`;
  if (services.length > 0) {
    const shown = services.slice(0, 5).join(', ');
    return `${said}: name one of this source's services (${shown}${services.length > 5 ? ', …' : ''}), or add a Component named ${slo.service}`;
  }
  return `${said}: add a Component named ${slo.service} to the catalog, or attach this spec to a service with the steward.dev/slo-spec annotation`;
}

/** Levenshtein distance, for "did you mean" (names are short). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] as number;
}
