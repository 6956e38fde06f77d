// Model → rule groups, in Sloth's order per SLO: SLI recordings, metadata recordings, alerts; then
// Steward's extras group when an extra was asked for. An empty group is left out, as Sloth does.

import { alertRules } from './alert-rules.ts';
import { absentRule } from './extra-rules.ts';
import { metaRules } from './meta-rules.ts';
import type { Slo } from './model.ts';
import type { RuleGroup } from './rule-types.ts';
import { sliRules } from './sli-rules.ts';
import { googleWindows, recordedWindows } from './windows.ts';

export function ruleGroups(slo: Slo): RuleGroup[] {
  const base = googleWindows.pageQuick.shortMs;
  const conditionWindows = slo.conditions.flatMap((c) => [c.lookbackMs / 12, c.lookbackMs]);
  const windows = recordedWindows(googleWindows, conditionWindows);
  const absent = absentRule(slo, base);
  const groups: RuleGroup[] = [
    { name: `sloth-slo-sli-recordings-${slo.id}`, rules: sliRules(slo, windows, base) },
    { name: `sloth-slo-meta-recordings-${slo.id}`, rules: metaRules(slo, base) },
    { name: `sloth-slo-alerts-${slo.id}`, rules: alertRules(slo, googleWindows) },
    { name: `steward-slo-extras-${slo.id}`, rules: absent ? [absent] : [] },
  ];
  return groups.filter((g) => g.rules.length > 0);
}
