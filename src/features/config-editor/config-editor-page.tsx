import { Link, NavLink } from 'react-router';
import { useAgentName } from '../../api/agents.ts';
import { AgentEyebrow } from '../../components/ui/agent-eyebrow.tsx';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { CLIENT_ENVS, isClientEnv, type ClientEnv } from '../../../contract/client-envs.ts';
import { configPageQuery } from '../../api/configs.ts';
import { ApiError } from '../../api/http-client.ts';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import { ErrorState, Loading } from '../../components/ui/states.tsx';
import { ConfigEditor } from './config-editor.tsx';
import { paths, useRouteParams } from '../../lib/paths.ts';

export function ConfigEditorPage() {
  const { agentId, clientEnv } = useRouteParams();
  if (!isClientEnv(clientEnv)) {
    return (
      <ErrorState
        title="Unknown environment"
        error={new Error(`"${clientEnv}" is not an environment. Use sandbox, pre-release or live.`)}
      />
    );
  }
  return <EditorForEnv agentId={agentId} env={clientEnv} />;
}

/**
 * An open editor keeps re-reading its page, so a change someone else makes is marked on its field while this user is
 * still typing (the draft itself is never replaced; see ConfigEditor). React Query pauses this in a hidden tab.
 */
const WATCH_INTERVAL_MS = 10_000;

function EditorForEnv({ agentId, env }: { agentId: string; env: ClientEnv }) {
  const queryClient = useQueryClient();
  const page = useQuery({ ...configPageQuery(queryClient, agentId, env), refetchInterval: WATCH_INTERVAL_MS });
  const agentName = useAgentName(agentId);
  return (
    <div className="space-y-5">
      <header className="space-y-3">
        <p className="text-sm">
          <Link to={paths.agent(agentId)} className="text-brand-700 underline underline-offset-2 dark:text-brand-300">
            ← Overview
          </Link>
          <span className="ml-2">
            <AgentEyebrow as="span" agentId={agentId} name={agentName} />
          </span>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">Edit variables</h1>
        <nav aria-label="Environment" className="flex gap-1 border-b border-slate-200 dark:border-slate-800">
          {CLIENT_ENVS.map((e) => (
            <NavLink
              key={e}
              to={paths.editor(agentId, e)}
              className={({ isActive }) =>
                `-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
                  isActive
                    ? 'border-brand-600 text-brand-700 dark:text-brand-300'
                    : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white'
                }`
              }
            >
              {ENV_LABELS[e]}
            </NavLink>
          ))}
        </nav>
      </header>
      {page.isPending ? (
        <Loading label="Loading the config page…" />
      ) : page.isError ? (
        <ErrorState
          title={
            page.error instanceof ApiError && page.error.status === 404
              ? 'Agent not found'
              : 'The config page could not be loaded'
          }
          error={page.error}
          onRetry={() => page.refetch()}
        />
      ) : (
        // Keyed by page identity: switching environment starts a fresh form, a refetch of the same page does not.
        <ConfigEditor key={`${agentId}/${env}`} agentId={agentId} env={env} serverPage={page.data} />
      )}
    </div>
  );
}
