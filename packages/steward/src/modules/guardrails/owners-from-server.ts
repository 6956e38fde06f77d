// Owners asked of a running Steward (`steward scan --server URL`): the same who-owns answers, from the
// server's catalog and every repository's CODEOWNERS it knows, in batches of at most 200 things.
import { relative, resolve } from 'node:path';
import { z } from 'zod';
import type { ApiClient } from '../../platform/cli/client.ts';
import type { Finding, Subject } from './engine/model.ts';
import type { OwnedFinding } from './engine/output/report.ts';
import { declaredOwner } from './owners.ts';

/** The part of GET /api/v1/who-owns this reads: each answer's owners, in the order asked. */
const answersSchema = z.object({
  items: z.array(
    z.object({ owners: z.array(z.object({ ref: z.string().nullable(), codeowner: z.string().optional() })) }),
  ),
});

const batch = 200;

async function ask(client: ApiClient, things: string[]): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  for (let i = 0; i < things.length; i += batch) {
    const query = new URLSearchParams(things.slice(i, i + batch).map((t) => ['thing', t]));
    const { items } = await client.request('GET', `/api/v1/who-owns?${query}`, answersSchema);
    for (const answer of items) {
      const first = answer.owners[0];
      out.push(first ? (first.ref ?? first.codeowner ?? null) : null);
    }
  }
  return out;
}

export function kubernetesThing(subject: Subject): string {
  const labels = Object.entries(subject.labels).map(([k, v]) => `${k}=${v}`);
  const where = subject.namespace === null ? '' : `${subject.namespace}/`;
  return `k8s:${subject.kind}/${where}${subject.name}${labels.length > 0 ? `{${labels.join(',')}}` : ''}`;
}

export async function ownersFromServer(
  findings: Finding[],
  subjects: Subject[],
  client: ApiClient,
  repoRoot: string,
): Promise<OwnedFinding[]> {
  const byKey = new Map(subjects.map((s) => [`${s.file}\u0000${s.id}`, s]));
  const keys = [...new Set(findings.map((f) => `${f.file}\u0000${f.resource ?? ''}`))];
  const owners = new Map<string, string | null>();
  for (const k of keys) {
    const owner = byKey.get(k)?.owner;
    if (owner) owners.set(k, declaredOwner(owner));
  }
  const withSubject = keys.filter((k) => byKey.has(k) && !owners.has(k));
  const byResource = await ask(
    client,
    withSubject.map((k) => kubernetesThing(byKey.get(k) as Subject)),
  );
  for (const [i, k] of withSubject.entries()) owners.set(k, byResource[i] ?? null);
  // A file outside the repository has no CODEOWNERS line to ask about.
  const byPath = keys
    .filter((k) => !owners.get(k))
    .map((k) => ({
      k,
      path: relative(repoRoot, resolve(k.split('\u0000')[0] as string))
        .split('\\')
        .join('/'),
    }))
    .filter(({ path }) => !path.startsWith('..'));
  const answered = await ask(
    client,
    byPath.map(({ path }) => `path:${path}`),
  );
  for (const [i, { k }] of byPath.entries()) owners.set(k, answered[i] ?? null);
  return findings.map((f) => ({ ...f, owner: owners.get(`${f.file}\u0000${f.resource ?? ''}`) ?? null }));
}
