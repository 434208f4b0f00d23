import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../api/http-client.ts';
import { meQuery, signInUrl } from '../api/me.ts';
import { buttonClass } from '../components/ui/button.tsx';
import { ErrorState, Loading } from '../components/ui/states.tsx';

/**
 * Team mode: nothing of the console shows until the server knows who is using it. A session that ends (expiry, sign
 * out elsewhere, an admin's revocation) brings this page back; drafts stay in the browser and come back after.
 */
export function SignInGate({ children }: { children: ReactNode }) {
  const me = useQuery(meQuery());
  if (me.data) return children;
  if (me.error instanceof ApiError && me.error.status === 401) return <SignInPage />;
  if (me.error)
    return <ErrorState title="Switchboard could not be reached" error={me.error} onRetry={() => void me.refetch()} />;
  return <Loading label="Loading…" />;
}

function SignInPage() {
  const params = new URLSearchParams(window.location.search);
  const problem = params.get('sign-in-error');
  params.delete('sign-in-error');
  const rest = params.toString();
  const returnTo = `${window.location.pathname}${rest ? `?${rest}` : ''}`;
  return (
    <main id="main" className="mx-auto mt-16 max-w-md space-y-4 px-4">
      <h1 className="flex items-center gap-2 text-2xl font-semibold">
        <img src="/favicon.svg" alt="" className="size-7" />
        Sign in to Switchboard
      </h1>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Your team signs in with its identity provider. What you may view and change is set by your team’s admins.
      </p>
      {problem && (
        <p
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200"
        >
          {problem}
        </p>
      )}
      <a className={buttonClass('primary', 'px-4 py-2')} href={signInUrl(returnTo)}>
        Sign in
      </a>
    </main>
  );
}
