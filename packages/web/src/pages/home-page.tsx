// The overview: a greeting and every area of the product, with what each is for.
import { areaGroups } from '../areas.ts';
import { PageHeader } from '../components/page-header.tsx';
import { Link } from '../router.tsx';
import { useSession } from '../session/session-context.tsx';

export function HomePage() {
  const { user } = useSession();
  const firstName = user.name.split(' ')[0] || user.handle;
  return (
    <>
      <PageHeader
        title={`Welcome, ${firstName}`}
        subtitle="Who owns what, who is on call, and what is on fire — in one place."
      />
      {areaGroups.map((group) => (
        <section key={group.label} className="home-group" aria-labelledby={`group-${group.label}`}>
          <h2 id={`group-${group.label}`} className="home-group__title">
            {group.label}
          </h2>
          <ul className="area-grid">
            {group.areas.map((area) => (
              <li key={area.path}>
                <Link href={area.path} className="area-card">
                  <span className="area-card__label">
                    {area.label}
                    {area.comingSoon && <span className="badge badge--neutral">soon</span>}
                  </span>
                  <span className="area-card__summary">{area.summary}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
