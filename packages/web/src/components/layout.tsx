// The signed-in frame: top bar, area navigation, and the page.
import type { ReactNode } from 'react';
import { SideNav } from './side-nav.tsx';
import { TopBar } from './top-bar.tsx';

export function Layout({ children }: { children: ReactNode }) {
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <TopBar />
      <div className="shell__body">
        <SideNav />
        <main id="main" className="shell__main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
