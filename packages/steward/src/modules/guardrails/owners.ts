// Who owns each finding, answered as `steward who-owns` answers: a Kubernetes resource by the
// catalog's selectors and annotations (backstage.io/kubernetes-id, -label-selector, Steward selectors,
// then the app.kubernetes.io/name convention), a Terraform resource by the team its tags name, else
// the file's CODEOWNERS line; null when nothing says.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { type CatalogEntity, parseEntityRef, stringifyEntityRef } from '../catalog/index.ts';
import {
  buildOwnershipIndex,
  type CodeownersSource,
  type OwnershipIndex,
  resolveOwnership,
  type Thing,
} from '../ownership/index.ts';
import type { Finding, Subject } from './engine/model.ts';
import type { OwnedFinding } from './engine/output/report.ts';

export interface OwnerSources {
  entities: readonly CatalogEntity[];
  codeowners: CodeownersSource | null;
  /** The repository root CODEOWNERS paths are relative to. */
  repoRoot: string;
}

/** The nearest directory at or above `start` holding .git, else `start` itself. */
export function repositoryRoot(start: string): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(start);
    dir = parent;
  }
}

/** The CODEOWNERS GitHub would use in `root` (.github/, root, docs/), or null. */
export async function findCodeowners(root: string): Promise<CodeownersSource | null> {
  for (const location of ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS']) {
    const text = await readFile(join(root, location), 'utf8').catch(() => undefined);
    if (text !== undefined) {
      const flavor = location.startsWith('.gitlab') ? 'gitlab' : 'github';
      return { repository: null, file: location, text, flavor };
    }
  }
  return null;
}

export function attachOwners(
  findings: Finding[],
  subjects: Subject[],
  sources: OwnerSources,
): OwnedFinding[] {
  const byId = new Map(subjects.map((s) => [`${s.file}\u0000${s.id}`, s]));
  if (sources.entities.length === 0 && sources.codeowners === null) {
    return findings.map((f) => {
      const owner = byId.get(`${f.file}\u0000${f.resource ?? ''}`)?.owner;
      return { ...f, owner: owner ? declaredOwner(owner) : null };
    });
  }
  const index = buildOwnershipIndex({
    entities: sources.entities,
    codeowners: sources.codeowners ? [sources.codeowners] : [],
  });
  const cache = new Map<string, string | null>();
  return findings.map((f) => {
    const key = `${f.file}\u0000${f.resource ?? ''}`;
    let owner = cache.get(key);
    if (owner === undefined) {
      owner = ownerOf(f, byId.get(key), index, sources.repoRoot);
      cache.set(key, owner);
    }
    return { ...f, owner };
  });
}

function ownerOf(
  finding: Finding,
  subject: Subject | undefined,
  index: OwnershipIndex,
  repoRoot: string,
): string | null {
  if (subject?.owner) return declaredOwner(subject.owner);
  if (subject) {
    const owner = ownerOfSubject(subject, index);
    if (owner) return owner;
  }
  const path = relative(repoRoot, resolve(finding.file)).split('\\').join('/');
  if (path.startsWith('..')) return null;
  const answer = resolveOwnership({ kind: 'path', text: path, path }, index);
  const first = answer.owners[0];
  return first ? (first.ref ?? first.codeowner ?? null) : null;
}

/** Who owns a resource: the team it names itself, else the catalog's answer for it (selectors, annotations, names). */
export function ownerOfSubject(subject: Subject, index: OwnershipIndex): string | null {
  if (subject.owner) return declaredOwner(subject.owner);
  const thing: Thing = {
    kind: 'kubernetes',
    text: `k8s:${subject.id}`,
    objectKind: subject.kind,
    namespace: subject.namespace,
    name: subject.name,
    labels: subject.labels,
  };
  const first = resolveOwnership(thing, index).owners[0];
  return first ? (first.ref ?? first.codeowner ?? null) : null;
}

/** A team named in the resource itself (`tags.owner = "payments"`), read as Backstage reads an owner: a group by default. */
export function declaredOwner(owner: string): string | null {
  const parsed = parseEntityRef(owner.trim(), { defaultKind: 'group', defaultNamespace: 'default' });
  return parsed.ok ? stringifyEntityRef(parsed.ref) : null;
}
