// The product's areas as the portal shows them: navigation groups, each area with what it is for.
// Only areas that exist are listed; a capability appears here when its pages do.

export interface Area {
  path: string;
  label: string;
  /** One line for the navigation tooltip. */
  summary: string;
  /** Offered only to these roles (the page itself tells anyone else whom it is for); unset: everyone. */
  roles?: string[];
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
      { path: '/oncall', label: 'On call', summary: 'Who is on call now for each team, and every schedule.' },
      { path: '/alerts', label: 'Alerts', summary: 'Alerts as they arrive: where they went, who has them.' },
      {
        path: '/incidents',
        label: 'Incidents',
        summary: 'Declare and run incidents, write their postmortems, follow up, and see response times.',
      },
      {
        path: '/me/shifts',
        label: 'My shifts',
        summary: 'Your coming shifts, swaps, and a calendar feed of them.',
      },
      {
        path: '/noise',
        label: 'Noise report',
        summary: 'Per team: which alerts fire most, resolve by themselves, flap or wake people up.',
      },
      {
        path: '/slos',
        label: 'SLOs',
        summary: "Services' objectives, their error budget left and burn-down.",
      },
    ],
  },
  {
    label: 'Improve',
    areas: [
      {
        path: '/scorecards',
        label: 'Scorecards',
        summary: 'How ready each service is, level by level, the next step for each, and campaigns.',
      },
      {
        path: '/guardrails',
        label: 'Guardrails',
        summary: 'What the scans of each repository found, by team and service, and the exemptions granted.',
      },
    ],
  },
  {
    label: 'Admin',
    areas: [
      {
        path: '/admin/people',
        label: 'Accounts',
        summary: 'Add people, set their role, disable them, reset their password.',
        roles: ['admin'],
      },
      {
        path: '/admin/teams',
        label: 'Memberships',
        summary: 'Teams and who is in them: admins change every team, leads their own.',
        roles: ['admin', 'member'],
      },
      {
        path: '/admin/sources',
        label: 'Import sources',
        summary: 'Add a directory or git repository to the catalog, read it again, remove it.',
        roles: ['admin'],
      },
      { path: '/admin/tokens', label: 'API tokens', summary: 'API tokens: create and revoke.' },
      { path: '/admin/audit', label: 'Audit log', summary: 'Who changed what, and when.' },
    ],
  },
];

export const allAreas: Area[] = areaGroups.flatMap((group) => group.areas);

/** The areas someone with this role is offered. */
export function areaGroupsFor(role: string): AreaGroup[] {
  return areaGroups.map((group) => ({
    ...group,
    areas: group.areas.filter((area) => !area.roles || area.roles.includes(role)),
  }));
}

export function findArea(path: string): Area | undefined {
  return allAreas.find((area) => area.path === path);
}
