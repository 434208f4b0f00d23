import { useCallback, useEffect, useRef } from 'react';
import { useAgentName } from '../../api/agents.ts';
import { AgentEyebrow } from '../../components/ui/agent-eyebrow.tsx';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { ConfigPage } from '../../../contract/agents-api.ts';
import { CLIENT_ENVS, type ClientEnv } from '../../../contract/client-envs.ts';
import { agentListQuery } from '../../api/agents.ts';
import { configPagesQuery } from '../../api/configs.ts';
import { ApiError } from '../../api/http-client.ts';
import { ErrorState, Loading } from '../../components/ui/states.tsx';
import { jsonEqual } from '../../lib/json-equal.ts';
import { rememberAgent } from '../../lib/recent-agents.ts';
import { markUsable } from '../../lib/usable-mark.ts';
import { DriftSummary } from './drift-summary.tsx';
import { EnvironmentCard } from './environment-card.tsx';
import { paths, useRouteParams } from '../../lib/paths.ts';

export function AgentOverviewPage() {
  const { agentId } = useRouteParams();
  const agentName = useAgentName(agentId);
  const pages = useQuery(configPagesQuery(agentId));
  const found = pages.isSuccess;
  // The overview is usable once every card has said whether its values satisfy its schema.
  const checked = useRef(new Set<string>());
  const onCardChecked = useCallback((env: string) => {
    checked.current.add(env);
    if (checked.current.size === CLIENT_ENVS.length) markUsable('overview');
  }, []);
  useEffect(() => {
    if (found) rememberAgent(agentId);
  }, [found, agentId]);

  return (
    <div className="space-y-6">
      <header>
        <AgentEyebrow agentId={agentId} name={agentName} />
        <h1 className="text-2xl font-semibold tracking-tight">Real-time config</h1>
      </header>
      {pages.isPending ? (
        <Loading label="Loading config pages…" />
      ) : pages.isError ? (
        <div className="space-y-3">
          <ErrorState
            title={
              pages.error instanceof ApiError && pages.error.status === 404
                ? 'Agent not found'
                : 'Config pages could not be loaded'
            }
            error={pages.error}
            onRetry={() => pages.refetch()}
          />
          {pages.error instanceof ApiError && pages.error.status === 404 && <SameIdOtherCase agentId={agentId} />}
          <Link to="/" className="text-sm text-brand-700 underline dark:text-brand-300">
            Back to agents
          </Link>
        </div>
      ) : (
        <>
          <div className="grid gap-4 lg:grid-cols-3">
            {CLIENT_ENVS.map((env) => (
              <EnvironmentCard
                key={env}
                agentId={agentId}
                env={env}
                page={pages.data.configPages.find((p) => p.clientEnv === env)}
                schemaDiffersFrom={schemaDiffersFrom(pages.data.configPages, env)}
                onChecked={onCardChecked}
              />
            ))}
          </div>
          <DriftSummary agentId={agentId} pages={pages.data.configPages} />
        </>
      )}
    </div>
  );
}

/** The other environments whose schema differs from `env`'s (key order ignored). */
function schemaDiffersFrom(pages: ConfigPage[], env: ClientEnv): ClientEnv[] {
  const schemaOf = (e: ClientEnv) => pages.find((p) => p.clientEnv === e)?.schema ?? {};
  return CLIENT_ENVS.filter((other) => other !== env && !jsonEqual(schemaOf(other), schemaOf(env)));
}

/** Ids are case-sensitive, and people type them: an agent whose id differs only in case is offered. */
function SameIdOtherCase({ agentId }: { agentId: string }) {
  const agents = useQuery(agentListQuery()).data ?? [];
  const match = agents.find(
    (agent) => agent.agentId !== agentId && agent.agentId.toLowerCase() === agentId.toLowerCase(),
  );
  if (!match) return null;
  return (
    <p className="text-sm">
      Did you mean{' '}
      <Link to={paths.agent(match.agentId)} className="font-mono text-brand-700 underline dark:text-brand-300">
        {match.agentId}
      </Link>{' '}
      ({match.agentName})?
    </p>
  );
}
