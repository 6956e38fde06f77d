// An area that is not built yet: what will come there, so nobody wonders whether it is broken.
import type { Area } from '../areas.ts';
import { PageHeader } from '../components/page-header.tsx';
import { Link } from '../router.tsx';

export function ComingSoonPage({ area }: { area: Area }) {
  return (
    <>
      <PageHeader title={area.label} subtitle={area.summary} />
      <section className="card coming-soon" aria-label="Coming soon">
        <span className="badge badge--accent">Coming soon</span>
        <p className="coming-soon__text">{area.comingSoon}</p>
        <p className="muted">
          Meanwhile, <Link href="/teams">Teams</Link> and <Link href="/people">People</Link> show who is who.
        </p>
      </section>
    </>
  );
}
