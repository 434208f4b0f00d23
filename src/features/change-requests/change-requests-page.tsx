import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { plural } from '../../../contract/plural.ts';
import type { ChangeRequest } from '../../../contract/change-requests.ts';
import { useAgentName } from '../../api/agents.ts';
import { changeRequestsQuery } from '../../api/change-requests.ts';
import { AgentEyebrow } from '../../components/ui/agent-eyebrow.tsx';
import { EnvBadge } from '../../components/ui/env-badge.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states.tsx';
import { Timestamp } from '../../components/ui/timestamp.tsx';
import { paths, useRouteParams } from '../../lib/paths.ts';
import { StatusBadge } from './status-badge.tsx';

/** /agents/:agentId/change-requests — open requests first, then the latest closed ones. */
export function ChangeRequestsPage() {
  const { agentId } = useRouteParams();
  const name = useAgentName(agentId);
  const list = useQuery(changeRequestsQuery(agentId));
  const open = list.data?.requests.filter((r) => r.status === 'open' || r.status === 'applying') ?? [];
  const closed = list.data?.requests.filter((r) => r.status !== 'open' && r.status !== 'applying') ?? [];
  return (
    <div className="space-y-6">
      <header>
        <AgentEyebrow agentId={agentId} name={name} />
        <h1 className="text-2xl font-semibold">Change requests</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-300">
          Where the team requires approval, a change waits here until someone other than its author approves it; then it
          is applied, only if the page is still as it was when the change was made.
        </p>
      </header>
      {list.isPending ? (
        <Loading label="Loading change requests…" />
      ) : list.error ? (
        <ErrorState
          title="Change requests could not be loaded"
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      ) : list.data.requests.length === 0 ? (
        <EmptyState title="No change requests">
          When an environment needs approval, saving there opens a request, listed here.
        </EmptyState>
      ) : (
        <>
          <RequestList
            title={`Open (${open.length})`}
            requests={open}
            agentId={agentId}
            empty="Nothing waits for review."
          />
          {closed.length > 0 && <RequestList title="Closed" requests={closed} agentId={agentId} />}
        </>
      )}
    </div>
  );
}

function RequestList({
  title,
  requests,
  agentId,
  empty,
}: {
  title: string;
  requests: ChangeRequest[];
  agentId: string;
  empty?: string;
}) {
  return (
    <section aria-label={title} className="space-y-2">
      <h2 className="text-lg font-semibold">{title}</h2>
      {requests.length === 0 && empty && <p className="text-sm text-slate-600 dark:text-slate-400">{empty}</p>}
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        {requests.map((request) => (
          <li key={request.id} className="p-4">
            <Link
              to={paths.changeRequest(agentId, request.id)}
              className="font-medium text-brand-700 underline dark:text-brand-300"
            >
              #{request.id} {request.note || summaryOf(request)}
            </Link>
            <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-300">
              <EnvBadge env={request.clientEnv} />
              <StatusBadge request={request} />
              {/* One line with its time: on a phone the separator never starts a line of its own. */}
              <span>
                by {request.author}, <Timestamp iso={request.updatedAt} />
              </span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What a request without a note does, in a few words. */
function summaryOf(request: ChangeRequest): string {
  const connectorId = (request.body as { connectorId?: string }).connectorId;
  switch (request.kind) {
    case 'variables':
      return `${plural(Object.keys(request.body).length, 'key', 'keys')} in ${request.clientEnv}`;
    case 'schema':
      return `the schema of ${request.clientEnv}`;
    case 'connector':
      return `connector ${connectorId}`;
    case 'connector-batch':
      return `${plural((request.body as { updates: unknown[] }).updates.length, 'connector', 'connectors')} in one batch`;
    case 'connector-delete':
      return `delete connector ${connectorId}`;
    case 'phone-number-move':
      return `move ${(request.body as { phoneNumber: string }).phoneNumber} to ${connectorId}`;
  }
}
