// A finding's fingerprint: the same finding keeps it when lines move (an edit above it, a reformat),
// so a baseline matches by rule, file, resource and the offending field, never by line number.
import { createHash } from 'node:crypto';
import type { RawFinding } from './model.ts';

export function fingerprintOf(finding: RawFinding): string {
  const parts = [
    finding.ruleId,
    finding.file,
    finding.resource ?? '',
    finding.container?.name ?? '',
    finding.anchor,
  ];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16);
}
