import { useQuery } from '@tanstack/react-query';
import { useAgentName } from '../../api/agents.ts';
import { AgentEyebrow } from '../../components/ui/agent-eyebrow.tsx';
import { isClientEnv } from '../../../contract/client-envs.ts';
import { configPagesQuery } from '../../api/configs.ts';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import { ErrorState, Loading } from '../../components/ui/states.tsx';
import { SchemaWorkbench } from './schema-workbench.tsx';
import { useRouteParams } from '../../lib/paths.ts';

/** /agents/:agentId/configs/:clientEnv/schema — edit a config page's JSON Schema and see what it would do first. */
export function SchemaEditorPage() {
  const { agentId, clientEnv } = useRouteParams();
  const agentName = useAgentName(agentId);
  const pages = useQuery(configPagesQuery(agentId));
  if (!isClientEnv(clientEnv)) {
    return (
      <ErrorState
        title="Unknown environment"
        error={new Error(`"${clientEnv}" is not an environment. Use sandbox, pre-release or live.`)}
      />
    );
  }
  const page = pages.data?.configPages.find((p) => p.clientEnv === clientEnv);
  return (
    <div className="space-y-4">
      <header>
        <AgentEyebrow agentId={agentId} name={agentName} />
        <h1 className="text-2xl font-semibold tracking-tight">Edit the {ENV_LABELS[clientEnv]} schema</h1>
      </header>
      {pages.isPending ? (
        <Loading label="Loading config pages…" />
      ) : pages.isError || !page ? (
        <ErrorState
          title="The config page could not be loaded"
          error={pages.error ?? new Error(`No ${clientEnv} page`)}
          onRetry={() => pages.refetch()}
        />
      ) : (
        <SchemaWorkbench key={clientEnv} agentId={agentId} env={clientEnv} page={page} pages={pages.data.configPages} />
      )}
    </div>
  );
}
