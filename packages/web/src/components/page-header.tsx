// The top of every page: where you are, the page's title, a line about it, and its actions.
import type { ReactNode } from 'react';
import { Link } from '../router.tsx';

export interface Crumb {
  href: string;
  label: string;
}

interface PageHeaderProps {
  title: ReactNode;
  subtitle?: ReactNode;
  crumbs?: Crumb[];
  actions?: ReactNode;
  /** Shown before the title, e.g. a person's avatar. */
  leading?: ReactNode;
}

export function PageHeader({ title, subtitle, crumbs = [], actions, leading }: PageHeaderProps) {
  return (
    <header className="page-header">
      {crumbs.length > 0 && (
        <nav aria-label="Breadcrumb">
          <ol className="crumbs">
            {crumbs.map((crumb) => (
              <li key={crumb.href}>
                <Link href={crumb.href}>{crumb.label}</Link>
              </li>
            ))}
          </ol>
        </nav>
      )}
      <div className="page-header__row">
        <div className="page-header__lead">
          {leading}
          <div>
            <h1 className="page-header__title">{title}</h1>
            {subtitle && <p className="page-header__subtitle">{subtitle}</p>}
          </div>
        </div>
        {actions && <div className="page-header__actions">{actions}</div>}
      </div>
    </header>
  );
}
