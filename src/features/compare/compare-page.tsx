import { useSearchParams } from 'react-router';
import { useAgentName } from '../../api/agents.ts';
import { AgentEyebrow } from '../../components/ui/agent-eyebrow.tsx';
import { useQuery } from '@tanstack/react-query';
import { configPagesQuery } from '../../api/configs.ts';
import { ApiError } from '../../api/http-client.ts';
import { ErrorState, Loading } from '../../components/ui/states.tsx';
import { readView, writeView, type CompareView } from '../../lib/compare-view.ts';
import { CompareWorkspace } from './compare-workspace.tsx';
import { useRouteParams } from '../../lib/paths.ts';
import { usePhone } from '../../lib/use-media-query.ts';

/** /agents/:agentId/compare — the three config pages side by side; the view (columns, filter, search) is the URL. */
export function ComparePage() {
  const { agentId } = useRouteParams();
  const agentName = useAgentName(agentId);
  const [params, setParams] = useSearchParams();
  // On a phone the differences come first: all keys are one choice away.
  const fallback = usePhone() ? 'differs' : 'all';
  const view = readView(params, fallback);
  const pages = useQuery(configPagesQuery(agentId));
  // Synchronous, so the controls (a search box above all) never show a value the URL does not have yet.
  const setView = (change: Partial<CompareView>) =>
    setParams(writeView({ ...view, ...change }, fallback), { replace: true, flushSync: true });

  return (
    <div className="space-y-4">
      <header>
        <AgentEyebrow agentId={agentId} name={agentName} />
        <h1 className="text-2xl font-semibold tracking-tight">Compare environments</h1>
      </header>
      {pages.isPending ? (
        <Loading label="Loading config pages…" />
      ) : pages.isError ? (
        <ErrorState
          title={
            pages.error instanceof ApiError && pages.error.status === 404
              ? 'Agent not found'
              : 'Config pages could not be loaded'
          }
          error={pages.error}
          onRetry={() => pages.refetch()}
        />
      ) : (
        <CompareWorkspace agentId={agentId} pages={pages.data.configPages} view={view} onViewChange={setView} />
      )}
    </div>
  );
}
