import { Link } from 'react-router';
import { ErrorState } from '../components/ui/states.tsx';

/** Shown when a page cannot load at all (its code or its data), or for an unknown URL. */
export function RouteError({ notFound = false, error }: { notFound?: boolean; error?: unknown }) {
  if (notFound) {
    return (
      <div className="space-y-3">
        <h1 className="text-xl font-semibold">Page not found</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">Nothing lives at this address.</p>
        <Link className="text-sm text-brand-700 underline dark:text-brand-300" to="/">
          Back to agents
        </Link>
      </div>
    );
  }
  return <ErrorState title="This page could not be shown" error={error} onRetry={() => window.location.reload()} />;
}
