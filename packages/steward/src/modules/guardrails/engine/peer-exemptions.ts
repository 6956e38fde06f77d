// Exemptions written in annotations and comments, in Steward's syntax and in the peers' own:
// kube-score (`kube-score/ignore`), Polaris (`polaris.fairwinds.com/<check>-exempt`, `…/exempt`),
// Checkov (`checkov.io/skipN` annotations, `#checkov:skip=` comments), Trivy (`#trivy:ignore:`, with an
// optional `:exp:YYYY-MM-DD`) and hadolint (`# hadolint ignore=`). A peer's id stands for every Steward
// rule that carries it as an alias; ids Steward has no rule for are left alone.
import { isDate, parseExemptionText } from './exemption-syntax.ts';
import type { AnalyseContext, Exemption, ExemptionSyntax, FileProblem, Peer } from './model.ts';

export interface Place {
  file: string;
  line: number;
  resource: string | null;
}

export interface Found {
  exemptions: Exemption[];
  problems: FileProblem[];
}

function peerExemption(
  syntax: ExemptionSyntax,
  rules: string[],
  written: string,
  reason: string | null,
  place: Place,
  expires: string | null = null,
): Exemption {
  return { rules, written, reason, expires, approver: null, container: null, image: null, syntax, ...place };
}

function stewardExemption(text: string, syntax: ExemptionSyntax, place: Place, out: Found): void {
  const parsed = parseExemptionText(text);
  if (!parsed.ok) {
    out.problems.push({
      file: place.file,
      line: place.line,
      column: 1,
      message: `exemption not honoured: ${parsed.message}`,
    });
    return;
  }
  const { rules, ...rest } = parsed.exemption;
  out.exemptions.push({ rules, written: rules.join(','), ...rest, syntax, ...place });
}

function byPeer(context: AnalyseContext, peer: Peer, id: string): string[] {
  return context.rulesForAlias(peer, id);
}

/** Exemptions in one resource's annotations (key → value, with the key's line). */
export function annotationExemptions(
  annotations: { key: string; value: string; line: number }[],
  where: Omit<Place, 'line'>,
  context: AnalyseContext,
): Found {
  const out: Found = { exemptions: [], problems: [] };
  for (const { key, value, line } of annotations) {
    const place = { ...where, line };
    if (key.startsWith('steward.dev/exempt')) {
      stewardExemption(value, 'steward-annotation', place, out);
    } else if (key === 'kube-score/ignore') {
      for (const id of splitList(value)) {
        const rules = byPeer(context, 'kube-score', id);
        if (rules.length > 0) out.exemptions.push(peerExemption('kube-score', rules, id, null, place));
      }
    } else if (key.startsWith('polaris.fairwinds.com/') && value.trim().toLowerCase() === 'true') {
      const check = key.slice('polaris.fairwinds.com/'.length);
      const rules =
        check === 'exempt'
          ? context.rulesForAlias('polaris', '*')
          : check.endsWith('-exempt')
            ? byPeer(context, 'polaris', check.slice(0, -'-exempt'.length))
            : [];
      if (rules.length > 0) out.exemptions.push(peerExemption('polaris', rules, check, null, place));
    } else if (/^checkov\.io\/skip\d*$/.test(key)) {
      const [id = '', ...comment] = value.split('=');
      const rules = byPeer(context, 'checkov', id.trim());
      const reason = comment.join('=').trim() || null;
      if (rules.length > 0) out.exemptions.push(peerExemption('checkov', rules, id.trim(), reason, place));
    }
  }
  return out;
}

const commentMarkers = [
  'steward:exempt',
  'checkov:skip=',
  'trivy:ignore:',
  'hadolint ignore=',
  'hadolint global ignore=',
];

/** Whether a comment might hold an exemption (a cheap test before reading it). */
export function mayHoldExemption(text: string): boolean {
  return commentMarkers.some((marker) => text.includes(marker));
}

/** Exemptions in one comment (the text after `#`). */
export function commentExemptions(comment: string, place: Place, context: AnalyseContext): Found {
  const out: Found = { exemptions: [], problems: [] };
  const text = comment.trim();
  if (text.startsWith('steward:exempt')) {
    stewardExemption(text.slice('steward:exempt'.length), 'steward-comment', place, out);
  } else if (text.startsWith('checkov:skip=')) {
    const [id = '', ...reason] = text.slice('checkov:skip='.length).split(':');
    const rules = byPeer(context, 'checkov', id.trim());
    if (rules.length > 0) {
      out.exemptions.push(peerExemption('checkov', rules, id.trim(), reason.join(':').trim() || null, place));
    }
  } else if (text.startsWith('trivy:ignore:')) {
    trivyIgnore(text.slice('trivy:ignore:'.length), place, context, out);
  } else if (text.startsWith('hadolint ignore=')) {
    for (const id of splitList(text.slice('hadolint ignore='.length).split(/\s/)[0] ?? '')) {
      const rules = byPeer(context, 'hadolint', id);
      if (rules.length > 0) out.exemptions.push(peerExemption('hadolint', rules, id, null, place));
    }
  }
  return out;
}

/** `KSV001`, `AVD-KSV-0001`, either followed by `:exp:2025-01-31`. */
function trivyIgnore(rest: string, place: Place, context: AnalyseContext, out: Found): void {
  const [rawId = '', ...options] = rest.trim().split(/\s/)[0]?.split(':') ?? [];
  const expIndex = options.indexOf('exp');
  const expires = expIndex === -1 ? null : (options[expIndex + 1] ?? null);
  if (expires !== null && !isDate(expires)) {
    const message = `exemption not honoured: trivy:ignore exp:${expires} is not a date; write exp:YYYY-MM-DD`;
    out.problems.push({ file: place.file, line: place.line, column: 1, message });
    return;
  }
  // Kubernetes and Dockerfile checks have a short id (AVD-KSV-0017 is KSV017); cloud ones carry both.
  const avd = /^AVD-([A-Z]+)-0*(\d+)$/.exec(rawId);
  const short = avd ? `${avd[1]}${(avd[2] as string).padStart(3, '0')}` : rawId;
  const direct = byPeer(context, 'trivy', rawId);
  const rules = direct.length > 0 ? direct : byPeer(context, 'trivy', short);
  if (rules.length > 0) out.exemptions.push(peerExemption('trivy', rules, rawId, null, place, expires));
}

function splitList(value: string): string[] {
  return value
    .split(/[,\s]+/)
    .map((v) => v.trim())
    .filter(Boolean);
}
