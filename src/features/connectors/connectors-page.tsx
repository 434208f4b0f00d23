import { useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { Connector } from '../../../contract/agents-api.ts';
import { CLIENT_ENVS, isClientEnv } from '../../../contract/client-envs.ts';
import { connectorListQuery } from '../../api/connectors.ts';
import { Badge } from '../../components/ui/badge.tsx';
import { ENV_LABELS, EnvBadge } from '../../components/ui/env-badge.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states.tsx';

const COLUMNS = ['Name', 'Environment', 'Variant', 'ASR language', 'TTS language', 'Voice', 'Handoff'];

export function ConnectorsPage() {
  const agentId = useParams().agentId!;
  const [params, setParams] = useSearchParams();
  const envParam = params.get('env') ?? '';
  const env = isClientEnv(envParam) ? envParam : undefined;
  const connectors = useQuery(connectorListQuery(agentId));

  const setEnv = (value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set('env', value);
      else next.delete('env');
      return next;
    });

  const rows = connectors.data?.connectors.filter((c) => !env || c.clientEnv === env) ?? [];
  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="font-mono text-xs text-slate-500 dark:text-slate-400">{agentId}</p>
          <h1 className="text-2xl font-semibold tracking-tight">Connectors</h1>
        </div>
        <div>
          <label htmlFor="env-filter" className="block text-sm font-medium">
            Environment
          </label>
          <select
            id="env-filter"
            value={env ?? ''}
            onChange={(e) => setEnv(e.target.value)}
            className="mt-1 rounded-md border-0 bg-white py-1.5 pl-2.5 pr-8 text-sm shadow-sm ring-1 ring-inset ring-slate-300 dark:bg-slate-950 dark:ring-slate-700"
          >
            <option value="">All environments</option>
            {CLIENT_ENVS.map((e) => (
              <option key={e} value={e}>
                {ENV_LABELS[e]}
              </option>
            ))}
          </select>
        </div>
      </header>

      {connectors.isPending ? (
        <Loading label="Loading connectors…" />
      ) : connectors.isError ? (
        <ErrorState title="Connectors could not be loaded" error={connectors.error} onRetry={() => connectors.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={env ? `No connectors in ${ENV_LABELS[env]}` : 'No connectors'}>
          Connectors are created in Agent Studio when numbers are set up; they appear here once they exist.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">
              {rows.length} connectors{env ? ` in ${ENV_LABELS[env]}` : ''}
            </caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600 dark:border-slate-800 dark:bg-slate-800/50 dark:text-slate-300">
              <tr>
                {COLUMNS.map((column) => (
                  <th key={column} scope="col" className="px-4 py-2.5 font-semibold">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {rows.map((connector) => (
                <ConnectorRow key={connector.connectorId} connector={connector} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {connectors.isSuccess && rows.length > 0 && (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Showing {rows.length} of {connectors.data.connectors.length} connectors.
        </p>
      )}
    </div>
  );
}

function ConnectorRow({ connector }: { connector: Connector }) {
  return (
    <tr className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
      <th scope="row" className="px-4 py-2.5 font-medium">
        {connector.name}
        <span className="block font-mono text-xs font-normal text-slate-500 dark:text-slate-400">{connector.connectorId}</span>
      </th>
      <td className="px-4 py-2.5">
        <EnvBadge env={connector.clientEnv} />
      </td>
      <td className="px-4 py-2.5">
        {connector.variantId ? <span className="font-mono text-xs">{connector.variantId}</span> : <Badge>unassigned</Badge>}
      </td>
      <td className="px-4 py-2.5 font-mono text-xs">{connector.asrLangCode}</td>
      <td className="px-4 py-2.5 font-mono text-xs">{connector.ttsLangCode}</td>
      <td className="px-4 py-2.5 font-mono text-xs">{connector.voiceName}</td>
      <td className="px-4 py-2.5">{connector.disableHandoff ? <Badge tone="warn">disabled</Badge> : <Badge tone="good">enabled</Badge>}</td>
    </tr>
  );
}
