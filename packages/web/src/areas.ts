// The product's areas as the portal shows them: navigation groups, and for areas not built yet,
// a concrete note on what will come there (from the product brief).

export interface Area {
  path: string;
  label: string;
  /** One line for the home page and the navigation tooltip. */
  summary: string;
  /** Set for areas not built yet: what will come there. */
  comingSoon?: string;
}

export interface AreaGroup {
  label: string;
  areas: Area[];
}

export const areaGroups: AreaGroup[] = [
  {
    label: 'Know',
    areas: [
      {
        path: '/catalog',
        label: 'Catalog',
        summary: 'Services, systems, APIs and resources, described as code.',
      },
      {
        path: '/ownership',
        label: 'Ownership',
        summary: 'Who owns this? For a service, a path, an alert or a URL.',
      },
      { path: '/teams', label: 'Teams', summary: 'Teams, their hierarchy and their members.' },
      { path: '/people', label: 'People', summary: 'Everyone in the organisation and their teams.' },
    ],
  },
  {
    label: 'Respond',
    areas: [
      {
        path: '/oncall',
        label: 'On-call',
        summary: 'Schedules, escalation policies, who is on call now.',
        comingSoon:
          'Schedules with layers, rotations, overrides and swaps, correct across daylight-saving changes; escalation policies; who is on call right now; and calendar feeds for teams and people.',
      },
      {
        path: '/alerts',
        label: 'Alerts',
        summary: 'Alerts from Alertmanager and PagerDuty senders, routed by ownership.',
        comingSoon:
          'Alerts from Prometheus Alertmanager and anything that speaks PagerDuty Events v2, deduplicated, grouped and routed to the owning team — with acknowledge, resolve, silences and a noise report.',
      },
      {
        path: '/incidents',
        label: 'Incidents',
        summary: 'Declare, run and learn from incidents.',
        comingSoon:
          'Declare incidents from an alert or by hand, with severities, roles and status updates on an automatic timeline — then a postmortem drafted from that timeline and follow-up actions tracked to done.',
      },
      {
        path: '/uptime',
        label: 'Uptime',
        summary: 'Checks of the services’ endpoints, alerting their owners.',
        comingSoon:
          'Uptime checks of every service’s endpoints, alerting the owning team when one stops answering.',
      },
    ],
  },
  {
    label: 'Improve',
    areas: [
      {
        path: '/slos',
        label: 'SLOs',
        summary: 'Service level objectives and their error budgets.',
        comingSoon:
          'SLOs written in Sloth or OpenSLO form, compiled to multi-window multi-burn-rate Prometheus rules, with burn alerts routed to the owning team and MTTA / MTTR per team and service.',
      },
      {
        path: '/guardrails',
        label: 'Guardrails',
        summary: 'Findings in Kubernetes, Dockerfiles and Terraform, per team.',
        comingSoon:
          'Findings from scanning Kubernetes manifests, Dockerfiles and Terraform — resource limits, probes, privileges, public buckets — each attributed to its owning team, with exemptions that carry a reason and an expiry.',
      },
      {
        path: '/scorecards',
        label: 'Scorecards',
        summary: 'Levels, campaigns and team roll-ups.',
        comingSoon:
          'Scorecards with levels and campaigns, rolled up per team, so everyone can see which services meet the bar and what is left to do.',
      },
      {
        path: '/support',
        label: 'Support',
        summary: 'The support queue, with SLA clocks and triage.',
        comingSoon:
          'A support queue with triage, priorities and first-response and resolution clocks in business hours; bugs go to the owning team’s support engineer of the week.',
      },
      {
        path: '/reviews',
        label: 'Reviews',
        summary: 'Review routing: a code buddy plus area owners.',
        comingSoon:
          'Review routing that picks a code buddy plus the area owners from CODEOWNERS, balances the load, knows who is away, and gates the merge.',
      },
    ],
  },
  {
    label: 'Admin',
    areas: [
      { path: '/admin/tokens', label: 'API tokens', summary: 'Your API tokens: create and revoke.' },
      { path: '/admin/audit', label: 'Audit log', summary: 'Who changed what, and when.' },
    ],
  },
];

export const allAreas: Area[] = areaGroups.flatMap((group) => group.areas);

export function findArea(path: string): Area | undefined {
  return allAreas.find((area) => area.path === path);
}
