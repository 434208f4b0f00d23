import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useMe, useSignOut } from '../api/me.ts';
import { paths } from '../lib/paths.ts';

/** Team mode: who is signed in, the members page for admins, and signing out. Local mode shows nothing. */
export function UserMenu() {
  const me = useMe();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !root.current?.contains(event.target as Node)) {
        setOpen(false);
        if (event instanceof KeyboardEvent) button.current?.focus();
      }
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  if (me?.mode !== 'team') return null;
  const label = me.name ?? me.email;
  const initials = label
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={open ? 'user-menu' : undefined}
        onClick={() => setOpen(!open)}
        className="flex items-center gap-2 rounded-md px-1.5 py-1 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
      >
        <span
          aria-hidden
          className="grid size-7 place-items-center rounded-full bg-brand-600 text-xs font-semibold text-white"
        >
          {initials}
        </span>
        <span className="sr-only sm:not-sr-only sm:max-w-40 sm:truncate">{label}</span>
        <span className="sr-only">: account menu</span>
      </button>
      {open && (
        <div
          id="user-menu"
          className="absolute right-0 z-30 mt-1 w-64 space-y-1 rounded-md border border-slate-200 bg-white p-2 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <p className="px-2 py-1 text-slate-600 dark:text-slate-300">
            Signed in as{' '}
            <span className="font-medium text-slate-900 [overflow-wrap:anywhere] dark:text-white">{me.email}</span>
            {me.admin && <span className="ml-1 text-xs">(admin)</span>}
          </p>
          {me.admin && (
            <Link
              to={paths.members()}
              onClick={() => setOpen(false)}
              className="block rounded px-2 py-1.5 hover:bg-slate-100 dark:hover:bg-slate-800"
            >
              Team settings
            </Link>
          )}
          <button
            type="button"
            disabled={signOut.isPending}
            onClick={() => signOut.mutate()}
            className="block w-full rounded px-2 py-1.5 text-left hover:bg-slate-100 disabled:opacity-60 dark:hover:bg-slate-800"
          >
            {signOut.isPending ? 'Signing out…' : 'Sign out'}
          </button>
          {signOut.error && (
            <p role="alert" className="px-2 text-xs text-red-700 dark:text-red-300">
              Could not sign out: {signOut.error.message}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
