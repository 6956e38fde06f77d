// The signed-in frame: top bar, area navigation, and the page.
import { type ReactNode, useEffect, useRef } from 'react';
import { usePath } from '../router.tsx';
import { SideNav } from './side-nav.tsx';
import { TopBar } from './top-bar.tsx';

export function Layout({ children }: { children: ReactNode }) {
  const main = useRef<HTMLElement>(null);
  const path = usePath();
  const firstPath = useRef(path);
  // After an in-page navigation, screen readers and keyboards start at the new page, as after a load.
  useEffect(() => {
    if (path !== firstPath.current) main.current?.focus({ preventScroll: true });
  }, [path]);
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <TopBar />
      <div className="shell__body">
        <SideNav />
        <main id="main" ref={main} className="shell__main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
