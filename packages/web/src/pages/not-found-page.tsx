// A path the portal does not know.
import { PageHeader } from '../components/page-header.tsx';
import { Link } from '../router.tsx';

export function NotFoundPage({ path }: { path: string }) {
  return (
    <>
      <PageHeader title="Page not found" subtitle={`There is no page at ${path}.`} />
      <p>
        <Link href="/">Go to your home page</Link>
      </p>
    </>
  );
}
