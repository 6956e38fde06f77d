// Admin pages render through this: anyone else gets a plain page saying the page is for admins, and
// who to ask, instead of a form that would only fail.
import type { ReactNode } from 'react';
import { useSession } from '../../session/session-context.tsx';
import { PageHeader } from '../page-header.tsx';

interface AdminsOnlyProps {
  title: string;
  /** Who else may use the page, e.g. "and team leads". */
  alsoFor?: string;
  children: ReactNode;
}

export function AdminsOnly({ title, alsoFor, children }: AdminsOnlyProps) {
  const { user } = useSession();
  if (user.role === 'admin') return <>{children}</>;
  return (
    <>
      <PageHeader title="Admins only" subtitle={title} />
      <p className="card empty">
        This page is for Steward admins{alsoFor ? ` ${alsoFor}` : ''}, and you are signed in as {user.handle}{' '}
        ({user.role}). Ask an admin if something here needs changing.
      </p>
    </>
  );
}
