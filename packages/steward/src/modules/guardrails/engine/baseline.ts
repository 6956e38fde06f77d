// A baseline: the findings a team has accepted for now, so CI fails only on new ones. Matched by
// fingerprint (rule + file + resource + the offending field), never by line: an edit above a finding
// does not make it new.
import type { Finding } from './model.ts';

export interface BaselineEntry {
  ruleId: string;
  file: string;
  resource: string | null;
  fingerprint: string;
}

export interface Baseline {
  version: 1;
  findings: BaselineEntry[];
}

export function baselineOf(findings: Finding[]): Baseline {
  return {
    version: 1,
    findings: findings.map(({ ruleId, file, resource, fingerprint }) => ({
      ruleId,
      file,
      resource,
      fingerprint,
    })),
  };
}

export type ParsedBaseline = { ok: true; baseline: Baseline } | { ok: false; message: string };

export function parseBaseline(text: string): ParsedBaseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `not JSON (${(error as Error).message}); write it with --write-baseline` };
  }
  const findings = (data as Baseline | null)?.findings;
  if ((data as Baseline | null)?.version !== 1 || !Array.isArray(findings)) {
    return {
      ok: false,
      message:
        'not a steward baseline (expected {"version": 1, "findings": [...]}); write it with --write-baseline',
    };
  }
  const bad = findings.findIndex((f) => typeof f?.fingerprint !== 'string' || typeof f?.ruleId !== 'string');
  if (bad !== -1)
    return {
      ok: false,
      message: `findings[${bad}] has no ruleId or fingerprint; write the file again with --write-baseline`,
    };
  return { ok: true, baseline: data as Baseline };
}

/** The findings the baseline does not know, and how many it knew. */
export function newSince<F extends Finding>(
  findings: F[],
  baseline: Baseline,
): { fresh: F[]; known: number } {
  const known = new Set(baseline.findings.map((f) => `${f.ruleId}\u0000${f.fingerprint}`));
  const fresh = findings.filter((f) => !known.has(`${f.ruleId}\u0000${f.fingerprint}`));
  return { fresh, known: findings.length - fresh.length };
}
