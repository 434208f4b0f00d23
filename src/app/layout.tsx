import { Link, NavLink, Outlet } from 'react-router';
import { ThemeToggle } from '../components/ui/theme-toggle.tsx';
import { ConnectionBadge, ConnectionIndicator } from './connection-indicator.tsx';
import { paths, useRouteParams } from '../lib/paths.ts';

const navClass = ({ isActive }: { isActive: boolean }) =>
  `shrink-0 whitespace-nowrap rounded-md px-2.5 py-1.5 text-sm font-medium ${
    isActive
      ? 'bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-white'
      : 'text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white'
  }`;

export function Layout() {
  const { agentId } = useRouteParams();
  const agentPath = agentId ? paths.agent(agentId) : undefined;
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm dark:focus:bg-slate-900">
        Skip to content
      </a>
      <header className="sticky top-0 z-20 border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <ConnectionIndicator />
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2.5">
          <Link to="/" className="flex items-center gap-2 font-semibold">
            <img src="/favicon.svg" alt="" className="size-6" />
            Switchboard
          </Link>
          {agentPath && (
            // On a phone the agent's links take a row of their own, scrolling sideways if they must.
            <nav aria-label="Agent" className="order-last -mx-1 flex w-full items-center gap-1 overflow-x-auto sm:order-none sm:mx-0 sm:w-auto">
              <span className="mx-1 hidden max-w-48 shrink-0 truncate font-mono sm:inline text-xs text-slate-500 dark:text-slate-400" title={agentId}>
                {agentId}
              </span>
              <NavLink end to={agentPath} className={navClass}>
                Overview
              </NavLink>
              <NavLink to={paths.compare(agentId)} className={navClass}>
                Compare
              </NavLink>
              <NavLink to={paths.connectors(agentId)} className={navClass}>
                Connectors
              </NavLink>
              <NavLink to={paths.history(agentId)} className={navClass}>
                History
              </NavLink>
            </nav>
          )}
          <div className="ml-auto flex items-center gap-3">
            <ConnectionBadge />
            <ThemeToggle />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        <Outlet />
      </main>
    </div>
  );
}
