// Which exemption covers a finding. Written exemptions apply to the resource they sit on (a comment to
// the document it is in), central ones where their resource pattern and path say; `container` and
// `image` narrow either. An exemption past its expiry no longer covers: the finding is back, saying so.
// A written exemption cannot widen what the central file forbids (`forbidExemptions`, or
// `allowPeerExemptions: false` for the peers' syntaxes): it is refused, and the finding says by what.
import type { CentralExemption, Exemption, ExemptionUse, Finding, ScanConfig } from './model.ts';

export interface Applied {
  findings: Finding[];
  uses: ExemptionUse[];
  /** The findings live exemptions cover, each with `exemptedBy`. */
  exempted: Finding[];
}

export function centralAsExemption(central: CentralExemption): Exemption {
  const { resourceMatch: _r, path: _p, ...rest } = central;
  return { ...rest, syntax: 'central', resource: null };
}

export function applyExemptions(findings: Finding[], written: Exemption[], config: ScanConfig): Applied {
  const byResource = new Map<string, Exemption[]>();
  for (const exemption of written) {
    const key = `${exemption.file}\u0000${exemption.resource ?? ''}`;
    byResource.set(key, [...(byResource.get(key) ?? []), exemption]);
  }
  const uses = new Map<Exemption, string[]>();
  const kept: Finding[] = [];
  const exempted: Finding[] = [];
  for (const finding of findings) {
    let refused: Finding['refusedExemption'];
    const allowed = (byResource.get(`${finding.file}\u0000${finding.resource ?? ''}`) ?? []).filter((e) => {
      if (!covers(e, finding)) return false;
      const why = refusal(e, finding, config);
      if (why !== null) refused ??= { exemption: e, why };
      return why === null;
    });
    const candidates = [
      ...allowed,
      ...config.exemptions.filter((c) => centralMatches(c, finding)).map((c) => centralFor(c)),
    ].filter((e) => covers(e, finding));
    const live = candidates.find((e) => e.expires === null || e.expires >= config.today);
    if (live) {
      uses.set(live, [...(uses.get(live) ?? []), finding.fingerprint]);
      exempted.push({ ...finding, exemptedBy: live });
      continue;
    }
    const expired = candidates[0];
    const back = expired ? withExpired(finding, expired) : finding;
    kept.push(refused ? withRefused(back, refused) : back);
  }
  const listed = [...uses].map(([exemption, fps]) => ({ exemption, findings: fps }));
  listed.sort((a, b) =>
    a.exemption.file < b.exemption.file
      ? -1
      : a.exemption.file > b.exemption.file
        ? 1
        : a.exemption.line - b.exemption.line,
  );
  return { findings: kept, uses: listed, exempted };
}

const centralCache = new WeakMap<CentralExemption, Exemption>();
function centralFor(central: CentralExemption): Exemption {
  let exemption = centralCache.get(central);
  if (!exemption) {
    exemption = centralAsExemption(central);
    centralCache.set(central, exemption);
  }
  return exemption;
}

function covers(exemption: Exemption, finding: Finding): boolean {
  if (!exemption.rules.includes(finding.ruleId) && !exemption.rules.includes('*')) return false;
  if (exemption.container !== null && finding.container?.name !== exemption.container) return false;
  if (
    exemption.image !== null &&
    !(finding.container?.image ?? '').startsWith(exemption.image.replace(/\*$/, ''))
  ) {
    return false;
  }
  return true;
}

function centralMatches(central: CentralExemption, finding: Finding): boolean {
  if (central.path !== null && !finding.file.startsWith(central.path)) return false;
  if (central.resourceMatch === null) return true;
  if (finding.resource === null) return false;
  const want = central.resourceMatch.split('/');
  const have = finding.resource.split('/');
  return want.length === have.length && want.every((part, i) => part === '*' || part === have[i]);
}

/** Why the central file refuses this written exemption for this finding, or null when it does not. */
function refusal(exemption: Exemption, finding: Finding, config: ScanConfig): string | null {
  if (!config.allowPeerExemptions && !exemption.syntax.startsWith('steward')) {
    return "the policy honours only Steward's own exemptions (allowPeerExemptions: false)";
  }
  const namespace = namespaceOf(finding.resource);
  for (const forbid of config.forbiddenExemptions) {
    if (!forbid.rules.includes(finding.ruleId) && !forbid.rules.includes('*')) continue;
    if (forbid.namespaces !== null && (namespace === null || !forbid.namespaces.includes(namespace)))
      continue;
    if (forbid.withoutExpiry && exemption.expires !== null) continue;
    const where = forbid.namespaces === null ? '' : ` in namespace ${namespace}`;
    const how = forbid.withoutExpiry ? ' without an expiry' : '';
    const because = forbid.reason ? ` (${forbid.reason})` : '';
    return `the policy at ${forbid.file}:${forbid.line} forbids exempting ${finding.ruleId}${where}${how} in the manifests${because}; a central exemption in the policy can grant it`;
  }
  return null;
}

/** The namespace of `Kind/namespace/name`; null for a cluster-wide or non-Kubernetes resource. */
function namespaceOf(resource: string | null): string | null {
  const parts = resource?.split('/') ?? [];
  return parts.length === 3 ? (parts[1] as string) : null;
}

function withRefused(finding: Finding, refused: NonNullable<Finding['refusedExemption']>): Finding {
  const message = `${finding.message} (the exemption at ${refused.exemption.file}:${refused.exemption.line} is refused: ${refused.why})`;
  return { ...finding, message, refusedExemption: refused };
}

function withExpired(finding: Finding, exemption: Exemption): Finding {
  const message = `${finding.message} (the exemption at ${exemption.file}:${exemption.line} expired on ${exemption.expires})`;
  return { ...finding, message, expiredExemption: exemption };
}
