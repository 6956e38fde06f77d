// The catalog's two views: its entities, and where they come from with the problems found there.
import { Link } from '../../router.tsx';

const tabs = [
  { href: '/catalog', label: 'Entities' },
  { href: '/catalog/sources', label: 'Sources & problems' },
];

export function CatalogTabs({ current }: { current: string }) {
  return (
    <nav className="tabs" aria-label="Catalog views">
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          className="tabs__tab"
          aria-current={tab.href === current ? 'page' : undefined}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
