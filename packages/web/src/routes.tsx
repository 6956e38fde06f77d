// Which page answers which path.
import type { ReactNode } from 'react';
import { findArea } from './areas.ts';
import { AuditPage } from './pages/audit-page.tsx';
import { CatalogPage } from './pages/catalog-page.tsx';
import { CatalogSourcesPage } from './pages/catalog-sources-page.tsx';
import { ComingSoonPage } from './pages/coming-soon-page.tsx';
import { EntityPage } from './pages/entity-page.tsx';
import { HomePage } from './pages/home-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { OwnershipPage } from './pages/ownership-page.tsx';
import { PeoplePage } from './pages/people-page.tsx';
import { PersonPage } from './pages/person-page.tsx';
import { TeamPage } from './pages/team-page.tsx';
import { TeamsPage } from './pages/teams-page.tsx';
import { TokensPage } from './pages/tokens-page.tsx';
import { matchRoute } from './router.tsx';

type Params = Record<string, string>;

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
  ['/teams', () => <TeamsPage />],
  ['/teams/:name', (params) => <TeamPage key={params.name} name={params.name ?? ''} />],
  ['/people', () => <PeoplePage />],
  ['/people/:handle', (params) => <PersonPage key={params.handle} handle={params.handle ?? ''} />],
  ['/admin', () => <TokensPage />],
  ['/admin/tokens', () => <TokensPage />],
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
  const area = findArea(path.replace(/\/+$/, ''));
  if (area?.comingSoon) return <ComingSoonPage area={area} />;
  return <NotFoundPage path={path} />;
}
