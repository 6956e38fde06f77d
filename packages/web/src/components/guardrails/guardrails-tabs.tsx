// Guardrails' two views: the findings of the latest scans, and the exemptions with their expiry.
import { Link } from '../../router.tsx';

const tabs = [
  { href: '/guardrails', label: 'Findings' },
  { href: '/guardrails/exemptions', label: 'Exemptions' },
];

export function GuardrailsTabs({ current, search }: { current: string; search: string }) {
  return (
    <nav className="tabs" aria-label="Guardrails views">
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={`${tab.href}${search}`}
          className="tabs__tab"
          aria-current={tab.href === current ? 'page' : undefined}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
