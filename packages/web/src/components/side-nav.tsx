// Navigation for the product's areas, grouped the way people work: know, respond, improve, admin.
import { areaGroups } from '../areas.ts';
import { Link, usePath } from '../router.tsx';

export function SideNav() {
  const path = usePath();
  const isCurrent = (href: string) => path === href || path.startsWith(`${href}/`);
  return (
    <div className="side-nav-frame">
      <nav className="side-nav" aria-label="Areas">
        {areaGroups.map((group) => (
          <div className="side-nav__group" key={group.label}>
            <h2 className="side-nav__heading">{group.label}</h2>
            <ul>
              {group.areas.map((area) => (
                <li key={area.path}>
                  <Link
                    href={area.path}
                    className="side-nav__link"
                    aria-current={isCurrent(area.path) ? 'page' : undefined}
                    title={area.summary}
                  >
                    {area.label}
                    {area.comingSoon && (
                      <span className="side-nav__soon">
                        <span className="visually-hidden">, </span>soon
                      </span>
                    )}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
    </div>
  );
}
