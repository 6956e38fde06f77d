// The built-in checks: each reads one entity's facts and says whether it passes and why. A rule's
// own `howToFix` wins; these defaults are the next step when a scorecard gives none.
import { findingSeverities } from '../../catalog/index.ts';
import type { CheckName, CheckResult, EntityFacts, FindingSeverity } from './model.ts';

interface Check {
  /** What the check asks, for rules without a title of their own (the built-in scorecard). */
  title: string;
  howToFix: string;
  run(facts: EntityFacts, params: Record<string, string | number | boolean>): CheckResult;
}

const runbookAnnotations = ['steward.dev/runbook', 'runbook.url', 'pagerduty.com/runbook-url'];
const dashboardAnnotations = [
  'steward.dev/dashboard',
  'grafana/dashboard-selector',
  'grafana/overview-dashboard',
];
const repositoryAnnotations = [
  'backstage.io/source-location',
  'github.com/project-slug',
  'gitlab.com/project-slug',
];

export const checks: Record<CheckName, Check> = {
  'has-owner': {
    title: 'Has an owner',
    howToFix:
      'Name the owning team in spec.owner (or spec.owners with one primary) and make sure the Group exists.',
    run: ({ entity, ownerInCatalog }) => {
      const owner = primaryOwner(entity);
      if (!owner) return fail('no owner is named');
      if (!ownerInCatalog) return fail(`names ${owner} as owner, but the catalog has no such entity`);
      return pass(`owned by ${owner}`);
    },
  },
  'has-description': {
    title: 'Has a description',
    howToFix: 'Say in metadata.description what it does, in a sentence someone paged at night understands.',
    run: ({ entity }) =>
      nonEmpty(entity.metadata.description)
        ? pass('metadata.description is set')
        : fail('metadata.description is empty or missing'),
  },
  'has-lifecycle': {
    title: 'Has a lifecycle',
    howToFix: 'Set spec.lifecycle (experimental, production or deprecated).',
    run: ({ entity }) =>
      nonEmpty(entity.spec.lifecycle)
        ? pass(`spec.lifecycle is ${entity.spec.lifecycle}`)
        : fail('spec.lifecycle is missing'),
  },
  'has-tier': {
    title: 'Has a tier',
    howToFix:
      'Set spec.tier (Steward kinds) or the annotation steward.dev/tier: 1 is the most critical, 4 the least.',
    run: ({ entity }) => {
      const tier = tierOf(entity);
      return tier === null
        ? fail('neither spec.tier nor the annotation steward.dev/tier is set')
        : pass(`tier ${tier}`);
    },
  },
  'has-runbook': {
    title: 'Has a runbook',
    howToFix:
      'Link the runbook: spec.runbook (Steward kinds), a link of type runbook, or the annotation steward.dev/runbook.',
    run: ({ entity }) => found(entity, 'runbook', runbookAnnotations),
  },
  'has-dashboard': {
    title: 'Has a dashboard',
    howToFix:
      'Link its dashboard: spec.dashboard (Steward kinds), a link of type dashboard, or the annotation steward.dev/dashboard.',
    run: ({ entity }) => found(entity, 'dashboard', dashboardAnnotations),
  },
  'has-repository': {
    title: 'Says where its source is',
    howToFix:
      'Set spec.repository (Steward kinds) or the annotation backstage.io/source-location or github.com/project-slug.',
    run: ({ entity }) => {
      if (nonEmpty(entity.spec.repository)) return pass(`spec.repository is ${entity.spec.repository}`);
      const key = repositoryAnnotations.find((k) => nonEmpty(annotations(entity)[k]));
      return key
        ? pass(`the annotation ${key} is ${annotations(entity)[key]}`)
        : fail(
            `neither spec.repository nor any of the annotations ${repositoryAnnotations.join(', ')} is set`,
          );
    },
  },
  'has-escalation-policy': {
    title: 'Pages someone through an escalation policy',
    howToFix:
      'Give the owning team an EscalationPolicy (spec.owner: its Group), or name one with the annotation steward.dev/escalation-policy.',
    run: ({ policy }) => {
      const route = policy.hops.join('; ');
      return policy.ref
        ? pass(`an alert for it follows ${policy.ref}: ${route}`)
        : fail(`an alert for it would page nobody: ${route || 'no owner to route by'}`);
    },
  },
  'has-slo': {
    title: 'Has an SLO',
    howToFix: 'Write a Sloth or OpenSLO spec for it and attach it with the annotation steward.dev/slo-spec.',
    run: ({ slos }) =>
      slos.length > 0
        ? pass(`${slos.length} SLO${slos.length === 1 ? '' : 's'}: ${slos.join(', ')}`)
        : fail('no SLO is attached (annotation steward.dev/slo-spec)'),
  },
  'no-findings-at-or-above': {
    title: 'No open scan findings at or above a severity',
    howToFix:
      'Fix the findings `steward scan` reports for its manifests, or exempt them with a reason and an expiry.',
    run: ({ findings }, params) => {
      const floor = severityRank(String(params.severity ?? 'high') as FindingSeverity);
      const open = findings.filter((f) => !f.exempted && severityRank(f.severity) >= floor);
      if (open.length === 0) {
        const exempted = findings.filter((f) => f.exempted && severityRank(f.severity) >= floor).length;
        return pass(
          `no open finding at ${params.severity ?? 'high'} or above${exempted ? ` (${exempted} exempted)` : ''}`,
        );
      }
      const shown = open.slice(0, 3).map((f) => `${f.ruleId} (${f.severity}) on ${f.target}`);
      const more = open.length > shown.length ? ` and ${open.length - shown.length} more` : '';
      return fail(`${open.length} open: ${shown.join(', ')}${more}`);
    },
  },
};

export function severityRank(severity: FindingSeverity): number {
  return findingSeverities.indexOf(severity);
}

export function primaryOwner(entity: EntityFacts['entity']): string | null {
  return (entity.owners.find((o) => o.role === 'primary') ?? entity.owners[0])?.ref ?? null;
}

/** spec.tier (Steward kinds), else the annotation steward.dev/tier; null when neither is a tier. */
export function tierOf(entity: EntityFacts['entity']): number | null {
  const value = entity.spec.tier ?? annotations(entity)['steward.dev/tier'];
  const tier = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isInteger(tier) && tier >= 1 && tier <= 4 ? tier : null;
}

/** A link to `what`: spec.<what>, a link whose type or title names it, or one of the annotations. */
function found(entity: EntityFacts['entity'], what: string, keys: string[]): CheckResult {
  if (nonEmpty(entity.spec[what])) return pass(`spec.${what} is ${entity.spec[what]}`);
  const links = Array.isArray(entity.metadata.links)
    ? (entity.metadata.links as Record<string, unknown>[])
    : [];
  const link = links.find(
    (l) => l.type === what || (typeof l.title === 'string' && l.title.toLowerCase().includes(what)),
  );
  if (link) return pass(`linked: ${link.url}`);
  const key = keys.find((k) => nonEmpty(annotations(entity)[k]));
  if (key) return pass(`the annotation ${key} is ${annotations(entity)[key]}`);
  return fail(`no spec.${what}, no link of type ${what} and none of the annotations ${keys.join(', ')}`);
}

function annotations(entity: EntityFacts['entity']): Record<string, unknown> {
  const value = entity.metadata.annotations;
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

const nonEmpty = (value: unknown) =>
  typeof value === 'string' ? value.trim() !== '' : value !== undefined && value !== null;
const pass = (evidence: string): CheckResult => ({ pass: true, evidence });
const fail = (evidence: string): CheckResult => ({ pass: false, evidence });
