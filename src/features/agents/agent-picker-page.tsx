import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { agentListQuery } from '../../api/agents.ts';
import { useMe } from '../../api/me.ts';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states.tsx';
import { Timestamp } from '../../components/ui/timestamp.tsx';
import { readRecentAgents } from '../../lib/recent-agents.ts';
import { paths } from '../../lib/paths.ts';

export function AgentPickerPage() {
  const agents = useQuery(agentListQuery());
  const me = useMe();
  const [recent] = useState(readRecentAgents);
  const [query, setQuery] = useState('');
  const nameOf = (agentId: string) => agents.data?.find((agent) => agent.agentId === agentId)?.agentName;
  const q = query.trim().toLowerCase();
  const shown =
    agents.data?.filter(
      (agent) => !q || agent.agentName.toLowerCase().includes(q) || agent.agentId.toLowerCase().includes(q),
    ) ?? [];
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Agents</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Pick an agent to see its real-time config in sandbox, pre-release and live.
        </p>
      </header>

      <OpenById />

      {recent.length > 0 && (
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading" className="mb-2 text-sm font-semibold text-slate-700 dark:text-slate-300">
            Recently opened
          </h2>
          <ul className="flex flex-wrap gap-2">
            {recent.map((agentId) => {
              const name = nameOf(agentId);
              return (
                <li key={agentId}>
                  <Link
                    to={paths.agent(agentId)}
                    title={agentId}
                    className="block rounded-full bg-white px-3 py-1 text-xs ring-1 ring-slate-300 hover:ring-brand-500 dark:bg-slate-900 dark:ring-slate-700"
                  >
                    {name ? (
                      <>
                        <span className="font-medium">{name}</span>{' '}
                        <span className="font-mono text-slate-500 dark:text-slate-400">{agentId}</span>
                      </>
                    ) : (
                      <span className="font-mono">{agentId}</span>
                    )}
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <section aria-labelledby="all-heading">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-2">
          <h2 id="all-heading" className="text-sm font-semibold text-slate-700 dark:text-slate-300">
            All agents
          </h2>
          {(agents.data?.length ?? 0) > 0 && (
            <div className="w-full max-w-xs">
              <label htmlFor="agent-find" className="block text-sm font-medium">
                Find an agent by name or ID
              </label>
              <input
                id="agent-find"
                type="search"
                value={query}
                onChange={(event) => setQuery(event.target.value)}
                className="mt-1 block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 dark:bg-slate-950 dark:ring-slate-700"
              />
            </div>
          )}
        </div>
        {agents.isPending ? (
          <Loading label="Loading agents…" />
        ) : agents.isError ? (
          <ErrorState title="Agents could not be loaded" error={agents.error} onRetry={() => agents.refetch()} />
        ) : agents.data.length === 0 && me?.mode === 'team' && !me.admin && me.grants.length === 0 ? (
          <EmptyState title="You have no access to any agent yet">
            Ask an admin of your team to give you access ({me.email}).
          </EmptyState>
        ) : agents.data.length === 0 ? (
          <EmptyState title="No agents yet">
            This workspace has no agents. Type an agent ID above to open one directly.
          </EmptyState>
        ) : shown.length === 0 ? (
          <EmptyState title={`No agent matches “${query.trim()}”`}>
            Search by the agent's name or its ID, or open an ID directly above.
          </EmptyState>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {shown.map((agent) => (
              <li key={agent.agentId}>
                <Card className="h-full p-4 transition-shadow focus-within:ring-2 focus-within:ring-brand-500 hover:shadow-md">
                  <Link to={paths.agent(agent.agentId)} className="block outline-none">
                    <span className="font-medium">{agent.agentName}</span>
                    <span className="mt-0.5 block font-mono text-xs text-slate-500 dark:text-slate-400">
                      {agent.agentId}
                    </span>
                  </Link>
                  <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">
                    Updated <Timestamp iso={agent.updatedAt} />
                  </p>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function OpenById() {
  const navigate = useNavigate();
  const [agentId, setAgentId] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = agentId.trim();
    if (id) navigate(paths.agent(id));
  };
  return (
    <form onSubmit={submit} className="flex max-w-xl items-end gap-2">
      <div className="flex-1">
        <label htmlFor="agent-id" className="block text-sm font-medium">
          Open an agent by ID
        </label>
        <input
          id="agent-id"
          value={agentId}
          onChange={(e) => setAgentId(e.target.value)}
          placeholder="PROJECT-…"
          autoComplete="off"
          spellCheck={false}
          className="mt-1 block w-full rounded-md border-0 bg-white px-2.5 py-1.5 font-mono text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600 dark:bg-slate-950 dark:ring-slate-700"
        />
      </div>
      <Button type="submit" variant="primary" disabled={!agentId.trim()}>
        Open
      </Button>
    </form>
  );
}
