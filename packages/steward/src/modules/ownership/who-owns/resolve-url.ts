// Who owns a URL: the component whose `spec.selectors.urls` hosts and path prefixes cover it, the
// longest host plus prefix winning (an exact host before a `*.` wildcard of the same length); else,
// for a URL into a repository (…/tree/main/dir, …/blob/main/file), who owns that path there, as
// CODEOWNERS and `backstage.io/source-location` say; else, weakest, an entity's `metadata.links`.
import type { WhoOwnsAnswer } from '../schemas.ts';
import type { UrlClaim } from './claims.ts';
import { answerFromMatches, type Match, where } from './decide.ts';
import { claimsFor, type OwnershipIndex } from './ownership-index.ts';
import { parseRepositoryUrl } from './repository.ts';
import { resolvePathIn } from './resolve-path.ts';
import type { Thing } from './thing.ts';

type UrlThing = Extract<Thing, { kind: 'url' }>;

export function resolveUrl(thing: UrlThing, index: OwnershipIndex): WhoOwnsAnswer {
  const matches: Match[] = [];
  for (const claim of claimsFor(index.urls, hostKeys(thing.host))) {
    const match = urlMatch(claim, thing);
    if (match) matches.push(match);
  }
  const selected = matches.filter((m) => m.rank[0] === 1);
  const question = { thing: thing.text, kind: 'url' } as const;
  const nothing = `No URL selector, repository location or link in the catalog covers ${thing.host}${thing.path}.`;
  if (selected.length > 0) return answerFromMatches(question, matches, index, nothing);
  const inRepository = repositoryAnswer(thing, index);
  if (inRepository) return inRepository;
  return answerFromMatches(question, matches, index, nothing);
}

/** A URL into a repository the catalog knows, answered as that path in it, when the repository knows the path. */
function repositoryAnswer(thing: UrlThing, index: OwnershipIndex): WhoOwnsAnswer | undefined {
  const located = parseRepositoryUrl(`${thing.host}${thing.path}`);
  if (!located) return undefined;
  const path = { kind: 'path', text: thing.text, path: located.path } as const;
  const { answer, known } = resolvePathIn(path, index, located.repository);
  return known ? { ...answer, kind: 'url' } : undefined;
}

/** `a.shop.acme.com` is filed under itself and under `*.shop.acme.com`, `*.acme.com`, `*.com`. */
function hostKeys(host: string): string[] {
  const keys = [host];
  const labels = host.split('.');
  for (let i = 1; i < labels.length; i++) keys.push(`*.${labels.slice(i).join('.')}`);
  return keys;
}

function urlMatch(claim: UrlClaim, thing: UrlThing): Match | undefined {
  const host = bestHost(claim.hosts, thing.host);
  if (!host) return undefined;
  const prefix = claim.prefixes.length === 0 ? '' : longestPrefix(claim.prefixes, thing.path);
  if (prefix === undefined) return undefined;
  const parts = [
    host.pattern ? `host ${host.pattern}` : 'any host',
    ...(prefix ? [`path prefix ${prefix}`] : []),
  ];
  const link = claim.link !== undefined;
  const provenance = link
    ? claim.provenance
    : { ...claim.provenance, rule: `spec.selectors.urls: ${parts.join(', ')}` };
  const length = host.length + prefix.length;
  return {
    entity: claim.entity,
    provenance,
    // A selector, written to say what is owned, before a link of any length.
    rank: [link ? 0 : 1, length, host.exact ? 1 : 0],
    strength: link ? `a link (${parts.join(', ')})` : `a URL selector (${parts.join(', ')})`,
    how: `${provenance.rule} of ${claim.entity.ref} (${where(provenance)}) covers it`,
  };
}

interface HostMatch {
  pattern: string | null;
  length: number;
  exact: boolean;
}

/** No hosts: any host, length 0. An exact host counts its length; `*.acme.com` counts `acme.com`'s. */
function bestHost(hosts: readonly string[], host: string): HostMatch | undefined {
  if (hosts.length === 0) return { pattern: null, length: 0, exact: false };
  let best: HostMatch | undefined;
  for (const pattern of hosts) {
    const exact = pattern === host;
    const wildcard = pattern.startsWith('*.') && host.endsWith(pattern.slice(1));
    if (!exact && !wildcard) continue;
    const length = exact ? pattern.length : pattern.length - 2;
    if (!best || length > best.length || (length === best.length && exact)) best = { pattern, length, exact };
  }
  return best;
}

/** The longest prefix covering the path at a segment boundary: `/api` covers `/api` and `/api/x`, not `/apix`. */
function longestPrefix(prefixes: readonly string[], path: string): string | undefined {
  let best: string | undefined;
  for (const prefix of prefixes) {
    const covers = path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
    if (covers && (best === undefined || prefix.length > best.length)) best = prefix;
  }
  return best;
}
