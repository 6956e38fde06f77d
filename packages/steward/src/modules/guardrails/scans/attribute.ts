// Which team and which service own an uploaded finding, as the server's catalog says. The resource is
// asked as a Kubernetes object (k8s:Kind/namespace/name); then the owner the scan itself named, when
// it is a Group ref (a Terraform `tags.owner`, or the catalog the CLI was given); then the file, as a
// path in the scanned repository (CODEOWNERS, or an entity whose source location covers it). The
// service is the entity that decided, when it is no Group or User (a Component, a Resource …).
import { parseEntityRef, stringifyEntityRef } from '../../catalog/index.ts';
import {
  type OwnershipIndex,
  parseThing,
  resolveOwnership,
  type WhoOwnsAnswer,
} from '../../ownership/index.ts';

export interface Attribution {
  /** `group:default/payments`, or null when nothing names a team. */
  team: string | null;
  /** `component:default/checkout`, or null when no entity claims the resource or file. */
  service: string | null;
}

interface Attributable {
  resource: string | null;
  file: string;
  owner: string | null;
}

/** `Kind/namespace/name` or `Kind/name`: what the Kubernetes analyser names resources. */
const kubernetesResource = /^[A-Z][A-Za-z0-9]*\/[^/\s]+(\/[^/\s]+)?$/;

export function attributor(index: OwnershipIndex, repository: string): (f: Attributable) => Attribution {
  const byResource = new Map<string, WhoOwnsAnswer | null>();
  const byFile = new Map<string, WhoOwnsAnswer | null>();
  const ask = (cache: Map<string, WhoOwnsAnswer | null>, key: string, text: string) => {
    if (!cache.has(key)) {
      const parsed = parseThing(text);
      cache.set(key, parsed.ok ? resolveOwnership(parsed.thing, index, { repository }) : null);
    }
    return cache.get(key) ?? null;
  };
  return (finding) => {
    const answers: (WhoOwnsAnswer | null)[] = [];
    if (finding.resource !== null && kubernetesResource.test(finding.resource)) {
      answers.push(ask(byResource, finding.resource, `k8s:${finding.resource}`));
    }
    const declared = groupRef(finding.owner);
    const path = finding.file.replace(/^\.\//, '');
    // A path outside the repository (../x) or absolute has no CODEOWNERS line.
    const inRepository = path !== '' && !path.startsWith('/') && !path.startsWith('..');
    const fileAnswer = () => (inRepository ? ask(byFile, path, `path:${path}`) : null);
    let team: string | null = null;
    for (const answer of answers) team ??= teamOf(answer);
    team ??= declared;
    if (team === null) team = teamOf(fileAnswer());
    let service: string | null = null;
    for (const answer of answers) service ??= serviceOf(answer);
    service ??= serviceOf(fileAnswer());
    return { team, service };
  };
}

function teamOf(answer: WhoOwnsAnswer | null): string | null {
  for (const owner of answer?.owners ?? []) {
    const ref = groupRef(owner.ref);
    if (ref !== null) return ref;
  }
  return null;
}

function serviceOf(answer: WhoOwnsAnswer | null): string | null {
  const entity = answer?.decidedBy?.entity;
  if (!entity) return null;
  const parsed = parseEntityRef(entity, { defaultKind: 'component', defaultNamespace: 'default' });
  if (!parsed.ok || ['group', 'user'].includes(parsed.ref.kind.toLowerCase())) return null;
  return stringifyEntityRef(parsed.ref);
}

/** A Group entity ref as entity refs are written (`group:default/payments`), else null. */
function groupRef(text: string | null): string | null {
  if (text === null || !/^group:/i.test(text)) return null;
  const parsed = parseEntityRef(text, { defaultKind: 'group', defaultNamespace: 'default' });
  return parsed.ok ? stringifyEntityRef(parsed.ref) : null;
}
