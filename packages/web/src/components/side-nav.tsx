// Navigation for the product's areas, grouped the way people work: know, then admin.
// On a narrow screen it folds behind a Menu button (a disclosure), and folds again after a choice.
import { useEffect, useId, useState } from 'react';
import { areaGroupsFor } from '../areas.ts';
import { Link, usePath } from '../router.tsx';
import { useSession } from '../session/session-context.tsx';

export function SideNav() {
  const path = usePath();
  const { user } = useSession();
  const id = useId();
  const [open, setOpen] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new path is the trigger
  useEffect(() => setOpen(false), [path]);
  const isCurrent = (href: string) => path === href || path.startsWith(`${href}/`);
  return (
    <div className={open ? 'side-nav-frame side-nav-frame--open' : 'side-nav-frame'}>
      <button
        type="button"
        className="button button--secondary side-nav__toggle"
        aria-expanded={open}
        aria-controls={`${id}-nav`}
        onClick={() => setOpen((was) => !was)}
      >
        Menu
      </button>
      <nav id={`${id}-nav`} className="side-nav" aria-label="Areas">
        {areaGroupsFor(user.role).map((group) => (
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
