import { useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useAgentName } from '../api/agents.ts';
import { ThemeToggle } from '../components/ui/theme-toggle.tsx';
import { ConnectionBadge, ConnectionIndicator } from './connection-indicator.tsx';
import { PageFocus } from './page-focus.tsx';
import { UserMenu } from './user-menu.tsx';
import { useMe } from '../api/me.ts';
import { useOpenRequestCount } from '../api/change-requests.ts';
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
  const { pathname } = useLocation();
  const [menu, setMenu] = useState<{ open: boolean; at: string }>({ open: false, at: pathname });
  // A move to another page closes the menu (it is open only on the page where it was opened).
  const menuOpen = menu.open && menu.at === pathname;
  const setMenuOpen = (open: boolean) => setMenu({ open, at: pathname });
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm dark:focus:bg-slate-900"
      >
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
            <>
              <AgentLinks agentId={agentId} agentPath={agentPath} className="hidden items-center gap-1 sm:flex" />
              {/* On a phone the agent's pages are one menu: the header stays one line. */}
              <button
                type="button"
                aria-expanded={menuOpen}
                aria-controls={menuOpen ? 'agent-menu' : undefined}
                onClick={() => setMenuOpen(!menuOpen)}
                className="rounded-md px-2.5 py-1.5 text-sm font-medium ring-1 ring-inset ring-slate-300 sm:hidden dark:ring-slate-700"
              >
                {menuOpen ? 'Close menu' : 'Menu'}
              </button>
            </>
          )}
          <div className="ml-auto flex items-center gap-3">
            {/* On a phone the header keeps one line; connected to PolyAI, the red bar above says so on every page. */}
            <span className="hidden sm:contents">
              <ConnectionBadge />
            </span>
            <ThemeToggle />
            <UserMenu />
          </div>
        </div>
        {agentPath && menuOpen && (
          <AgentLinks
            id="agent-menu"
            agentId={agentId}
            agentPath={agentPath}
            className="flex flex-col gap-1 border-t border-slate-200 px-4 py-2 sm:hidden dark:border-slate-800"
          />
        )}
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        <Outlet />
      </main>
      <PageFocus />
    </div>
  );
}

/** The agent's pages, as a row in the header or as the phone menu. */
function AgentLinks({
  agentId,
  agentPath,
  className,
  id,
}: {
  agentId: string;
  agentPath: string;
  className: string;
  id?: string;
}) {
  // The agent by name where the list knows it (the ID stays one hover away); else by its ID.
  const name = useAgentName(agentId);
  const team = useMe()?.mode === 'team';
  const openRequests = useOpenRequestCount(agentId);
  return (
    <nav id={id} aria-label="Agent" className={className}>
      <span
        className={`mx-1 max-w-56 shrink-0 truncate text-xs text-slate-600 dark:text-slate-400 ${name ? 'font-medium' : 'font-mono'}`}
        title={agentId}
      >
        {name ?? agentId}
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
      {team && (
        <NavLink to={paths.changeRequests(agentId)} className={navClass}>
          Requests
          {openRequests > 0 && (
            <span className="ml-1.5 rounded-full bg-amber-500 px-1.5 py-0.5 text-xs font-semibold text-slate-950">
              {openRequests}
              <span className="sr-only"> open</span>
            </span>
          )}
        </NavLink>
      )}
    </nav>
  );
}
