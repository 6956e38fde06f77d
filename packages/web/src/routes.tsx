// Which page answers which path.
import { lazy, type ReactNode, Suspense } from 'react';
import { AdminPeoplePage } from './pages/admin-people-page.tsx';
import { AdminSourcesPage } from './pages/admin-sources-page.tsx';
import { AdminTeamsPage } from './pages/admin-teams-page.tsx';
import { AlertPage } from './pages/alerts/alert-page.tsx';
import { AlertsPage } from './pages/alerts/alerts-page.tsx';
import { AuditPage } from './pages/audit-page.tsx';
import { CatalogPage } from './pages/catalog-page.tsx';
import { CatalogSourcesPage } from './pages/catalog-sources-page.tsx';
import { EntityPage } from './pages/entity-page.tsx';
import { ExemptionsPage } from './pages/guardrails/exemptions-page.tsx';
import { GuardrailsPage } from './pages/guardrails/guardrails-page.tsx';
import { HomePage } from './pages/home-page.tsx';
import { DeclarePage } from './pages/incidents/declare-page.tsx';
import { IncidentPage } from './pages/incidents/incident-page.tsx';
import { IncidentsPage } from './pages/incidents/incidents-page.tsx';
import { NoiseIndexPage, NoisePage } from './pages/noise/noise-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { MyShiftsPage } from './pages/oncall/my-shifts-page.tsx';
import { OncallBoardPage } from './pages/oncall/oncall-board-page.tsx';
import { SchedulePage } from './pages/oncall/schedule-page.tsx';
import { OwnershipPage } from './pages/ownership-page.tsx';
import { PeoplePage } from './pages/people-page.tsx';
import { PersonPage } from './pages/person-page.tsx';
import { ScorecardPage } from './pages/scorecards/scorecard-page.tsx';
import { ScorecardsPage } from './pages/scorecards/scorecards-page.tsx';
import { SloPage } from './pages/slo/slo-page.tsx';
import { SlosPage } from './pages/slo/slos-page.tsx';
import { TeamPage } from './pages/team-page.tsx';
import { TeamsPage } from './pages/teams-page.tsx';
import { TokensPage } from './pages/tokens-page.tsx';
import { matchRoute } from './router.tsx';

type Params = Record<string, string>;

// The charting and Markdown libraries load only with the pages that use them.
const MetricsPage = lazy(() =>
  import('./pages/incidents/metrics-page.tsx').then((m) => ({ default: m.MetricsPage })),
);
const PostmortemPage = lazy(() =>
  import('./pages/incidents/postmortem-page.tsx').then((m) => ({ default: m.PostmortemPage })),
);
const loading = (what: string) => <p className="loading">Loading {what}…</p>;

const routes: [pattern: string, render: (params: Params) => ReactNode][] = [
  ['/', () => <HomePage />],
  ['/catalog', () => <CatalogPage />],
  ['/catalog/sources', () => <CatalogSourcesPage />],
  [
    '/catalog/:kind/:namespace/:name',
    (params) => (
      <EntityPage key={`${params.kind}:${params.namespace}/${params.name}`} entity={entityOf(params)} />
    ),
  ],
  ['/ownership', () => <OwnershipPage />],
  ['/scorecards', () => <ScorecardsPage />],
  ['/scorecards/:name', (params) => <ScorecardPage key={params.name} name={params.name ?? ''} />],
  ['/teams', () => <TeamsPage />],
  ['/teams/:name', (params) => <TeamPage key={params.name} name={params.name ?? ''} />],
  ['/people', () => <PeoplePage />],
  ['/people/:handle', (params) => <PersonPage key={params.handle} handle={params.handle ?? ''} />],
  ['/oncall', () => <OncallBoardPage />],
  [
    '/oncall/schedules/:namespace/:name',
    (params) => (
      <SchedulePage
        key={`${params.namespace}/${params.name}`}
        schedule={{ namespace: params.namespace ?? '', name: params.name ?? '' }}
      />
    ),
  ],
  ['/me/shifts', () => <MyShiftsPage />],
  ['/alerts', () => <AlertsPage />],
  ['/alerts/:id', (params) => <AlertPage key={params.id} id={params.id ?? ''} />],
  ['/slos', () => <SlosPage />],
  ['/slos/:id', (params) => <SloPage key={params.id} id={params.id ?? ''} />],
  ['/noise', () => <NoiseIndexPage />],
  ['/noise/:team', (params) => <NoisePage key={params.team} team={params.team ?? ''} />],
  ['/incidents', () => <IncidentsPage />],
  ['/incidents/new', () => <DeclarePage />],
  [
    '/incidents/metrics',
    () => (
      <Suspense fallback={loading('the charts')}>
        <MetricsPage />
      </Suspense>
    ),
  ],
  ['/incidents/:id', (params) => <IncidentPage key={params.id} id={params.id ?? ''} />],
  [
    '/incidents/:id/postmortem',
    (params) => (
      <Suspense fallback={loading('the editor')}>
        <PostmortemPage key={params.id} id={params.id ?? ''} />
      </Suspense>
    ),
  ],
  ['/guardrails', () => <GuardrailsPage />],
  ['/guardrails/exemptions', () => <ExemptionsPage />],
  ['/admin', () => <TokensPage />],
  ['/admin/tokens', () => <TokensPage />],
  ['/admin/people', () => <AdminPeoplePage />],
  ['/admin/teams', () => <AdminTeamsPage />],
  ['/admin/sources', () => <AdminSourcesPage />],
  ['/admin/audit', () => <AuditPage />],
];

function entityOf(params: Params) {
  return { kind: params.kind ?? '', namespace: params.namespace ?? '', name: params.name ?? '' };
}

export function renderRoute(path: string): ReactNode {
  for (const [pattern, render] of routes) {
    const params = matchRoute(pattern, path);
    if (params) return render(params);
  }
  return <NotFoundPage path={path} />;
}
