import { useState, type ReactNode } from 'react';
import { useAgentName } from '../../api/agents.ts';
import { AgentEyebrow } from '../../components/ui/agent-eyebrow.tsx';
import { Link, useSearchParams } from 'react-router';
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { Connector, PhoneNumberList } from '../../../contract/agents-api.ts';
import { isClientEnv } from '../../../contract/client-envs.ts';
import { connectorListQuery, connectorQuery } from '../../api/connectors.ts';
import { ApiError } from '../../api/http-client.ts';
import { connectorNumbersQuery } from '../../api/phone-numbers.ts';
import { Badge } from '../../components/ui/badge.tsx';
import { Button, buttonClass } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { ENV_LABELS, EnvBadge } from '../../components/ui/env-badge.tsx';
import { ErrorState, Loading } from '../../components/ui/states.tsx';
import { IssueBadges } from './connector-columns.tsx';
import { ConnectorEditForm } from './connector-edit-form.tsx';
import { suggestionsOf } from './connector-suggestions.tsx';
import { ConnectorNumbers } from './connector-numbers.tsx';
import { DeleteConnectorDialog } from './delete-connector-dialog.tsx';
import { connectorIssuesOf } from './health.ts';
import { paths, useRouteParams } from '../../lib/paths.ts';
import { useWriteBlock } from '../../api/me.ts';
import { OutcomeMessage } from '../../components/ui/outcome-message.tsx';

/** /agents/:agentId/connectors/:connectorId — every field, its numbers, fixes, and its environment's config. */
export function ConnectorDetailPage() {
  const { agentId, connectorId } = useRouteParams();
  const queryClient = useQueryClient();
  const connector = useQuery(connectorQuery(queryClient, agentId, connectorId));
  const numbers = useQuery(connectorNumbersQuery(agentId, connectorId));
  return (
    <div className="space-y-5">
      <Link to={paths.connectors(agentId)} className="text-sm text-brand-700 underline dark:text-brand-300">
        ← All connectors
      </Link>
      {connector.isPending ? (
        <Loading label="Loading connector…" />
      ) : connector.isError ? (
        <ErrorState
          title={
            connector.error instanceof ApiError && connector.error.status === 404
              ? 'Connector not found'
              : 'The connector could not be loaded'
          }
          error={connector.error}
          onRetry={() => connector.refetch()}
        />
      ) : (
        <ConnectorDetail agentId={agentId} connector={connector.data} numbers={numbers} />
      )}
    </div>
  );
}

type DetailProps = { agentId: string; connector: Connector; numbers: UseQueryResult<PhoneNumberList> };

function ConnectorDetail({ agentId, connector, numbers }: DetailProps) {
  const [params] = useSearchParams();
  const [deleting, setDeleting] = useState(false);
  const writeBlock = useWriteBlock(agentId);
  // Said here, not in the form: the form starts afresh from the saved connector.
  const [saved, setSaved] = useState<Connector>();
  const connectors = useQuery(connectorListQuery(agentId));
  const agentName = useAgentName(agentId);
  const own = numbers.data?.phoneNumbers ?? [];
  const issues = connectorIssuesOf(connector, numbers.data?.phoneNumbers);
  const env = connector.clientEnv;
  const fields: [string, ReactNode][] = [
    ['Connector ID', <code key="id">{connector.connectorId}</code>],
    ['Environment', <EnvBadge key="env" env={env} />],
    ['Variant', connector.variantId ? <code key="v">{connector.variantId}</code> : <Badge key="v">unassigned</Badge>],
    ['ASR language', <code key="asr">{connector.asrLangCode}</code>],
    ['TTS language', <code key="tts">{connector.ttsLangCode}</code>],
    ['Voice', <code key="voice">{connector.voiceName}</code>],
    [
      'Handoff',
      connector.disableHandoff ? (
        <Badge key="h" tone="warn">
          disabled
        </Badge>
      ) : (
        <Badge key="h" tone="good">
          enabled
        </Badge>
      ),
    ],
    ['Project', <code key="p">{connector.projectId}</code>],
    ['Health', <IssueBadges key="health" issues={issues} />],
  ];
  return (
    <>
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <AgentEyebrow agentId={agentId} name={agentName} />
          <h1 className="text-2xl font-semibold tracking-tight">{connector.name}</h1>
        </div>
        <div className="flex gap-2">
          {isClientEnv(env) && (
            <Link to={paths.editor(agentId, env)} className={buttonClass('secondary')}>
              Open {ENV_LABELS[env]} config
            </Link>
          )}
          <Button variant="danger" disabled={!!writeBlock} title={writeBlock} onClick={() => setDeleting(true)}>
            Delete connector…
          </Button>
        </div>
      </header>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card aria-labelledby="connector-fields" className="p-5">
          <h2 id="connector-fields" className="text-lg font-semibold">
            Settings
          </h2>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            {fields.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card aria-labelledby="connector-edit" className="p-5">
          <h2 id="connector-edit" className="text-lg font-semibold">
            {issues.length > 0 ? 'Fix it' : 'Change settings'}
          </h2>
          {saved && <OutcomeMessage className="mt-2">✓ Saved. TTS language is {saved.ttsLangCode}.</OutcomeMessage>}
          {/* Keyed by the stored values: when they change (a save, or someone else), the form starts from them again. */}
          {writeBlock ? (
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{writeBlock}</p>
          ) : (
            <ConnectorEditForm
              key={`${connector.variantId}|${connector.asrLangCode}|${connector.voiceName}`}
              agentId={agentId}
              connector={connector}
              suggestions={suggestionsOf(connectors.data?.connectors ?? [])}
              onSaved={setSaved}
            />
          )}
        </Card>
      </div>
      <ConnectorNumbers
        agentId={agentId}
        connector={connector}
        numbers={numbers}
        connectors={connectors.data?.connectors ?? []}
        highlight={params.get('number') ?? undefined}
        writeBlock={writeBlock}
      />
      {deleting && (
        <DeleteConnectorDialog
          agentId={agentId}
          connector={connector}
          numbers={own.map((n) => n.number)}
          numbersKnown={numbers.isSuccess}
          onClose={() => setDeleting(false)}
        />
      )}
    </>
  );
}
