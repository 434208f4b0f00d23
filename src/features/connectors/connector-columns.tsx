import { Link } from 'react-router';
import type { ColumnDef, FilterFn } from '@tanstack/react-table';
import type { Connector } from '../../../contract/agents-api.ts';
import { Badge } from '../../components/ui/badge.tsx';
import { EnvBadge } from '../../components/ui/env-badge.tsx';
import { CONNECTOR_ISSUES, type ConnectorIssue } from './health.ts';
import { paths } from '../../lib/paths.ts';

/** One table row: the connector and what the phone-number list says about it. */
export type ConnectorRow = { connector: Connector; numbers: number; issues: ConnectorIssue[]; search: string };

export const toConnectorRow = (connector: Connector, numbers: string[], issues: ConnectorIssue[]): ConnectorRow => ({
  connector,
  numbers: numbers.length,
  issues,
  // Everything a person might type to find it, lower-cased once instead of on every keystroke.
  search: [
    connector.name,
    connector.connectorId,
    connector.clientEnv,
    connector.variantId || 'unassigned',
    connector.asrLangCode,
    connector.ttsLangCode,
    connector.voiceName,
    ...numbers,
  ]
    .join('\n')
    .toLowerCase(),
});

const equals: FilterFn<ConnectorRow> = (row, columnId, value) => row.getValue(columnId) === value;

export const connectorColumns = (agentId: string): ColumnDef<ConnectorRow>[] => [
  {
    id: 'select',
    header: ({ table }) => (
      <input
        type="checkbox"
        aria-label="Select all shown connectors"
        className="size-4"
        checked={table.getIsAllRowsSelected()}
        onChange={table.getToggleAllRowsSelectedHandler()}
      />
    ),
    cell: ({ row }) => (
      <input
        type="checkbox"
        aria-label={`Select ${row.original.connector.name}`}
        className="size-4"
        checked={row.getIsSelected()}
        onChange={row.getToggleSelectedHandler()}
      />
    ),
    enableSorting: false,
  },
  {
    id: 'name',
    header: 'Name',
    accessorFn: (row) => row.connector.name,
    cell: ({ row }) => (
      <Link to={paths.connector(agentId, row.original.connector.connectorId)} className="block truncate">
        <span className="font-medium text-brand-700 hover:underline dark:text-brand-300">
          {row.original.connector.name}
        </span>
        <span className="block truncate font-mono text-xs text-slate-500 dark:text-slate-400">
          {row.original.connector.connectorId}
        </span>
      </Link>
    ),
    // The one column the global search runs on: its row already holds every searchable field.
    enableGlobalFilter: true,
  },
  {
    id: 'clientEnv',
    header: 'Environment',
    accessorFn: (row) => row.connector.clientEnv,
    cell: ({ getValue }) => <EnvBadge env={getValue<string>()} />,
    filterFn: equals,
  },
  {
    id: 'variant',
    header: 'Variant',
    accessorFn: (row) => row.connector.variantId,
    cell: ({ getValue }) =>
      getValue<string>() ? <span className="font-mono text-xs">{getValue<string>()}</span> : <Badge>unassigned</Badge>,
  },
  {
    id: 'asr',
    header: 'ASR',
    accessorFn: (row) => row.connector.asrLangCode,
    cell: ({ getValue }) => <span className="font-mono text-xs">{getValue<string>()}</span>,
    filterFn: (row, _id, value) =>
      row.original.connector.asrLangCode === value || row.original.connector.ttsLangCode === value,
  },
  {
    id: 'tts',
    header: 'TTS',
    accessorFn: (row) => row.connector.ttsLangCode,
    cell: ({ getValue }) => <span className="font-mono text-xs">{getValue<string>()}</span>,
  },
  {
    id: 'voice',
    header: 'Voice',
    accessorFn: (row) => row.connector.voiceName,
    cell: ({ getValue }) => <span className="block truncate font-mono text-xs">{getValue<string>()}</span>,
    filterFn: equals,
  },
  {
    id: 'handoff',
    header: 'Handoff',
    accessorFn: (row) => (row.connector.disableHandoff ? 'disabled' : 'enabled'),
    cell: ({ getValue }) =>
      getValue() === 'disabled' ? <Badge tone="warn">disabled</Badge> : <Badge tone="good">enabled</Badge>,
    filterFn: equals,
  },
  {
    id: 'numbers',
    header: 'Numbers',
    accessorFn: (row) => row.numbers,
    cell: ({ getValue }) => <span className="tabular-nums">{getValue<number>()}</span>,
  },
  {
    id: 'health',
    header: 'Health',
    accessorFn: (row) => row.issues.length,
    cell: ({ row }) => <IssueBadges issues={row.original.issues} />,
    filterFn: (row, _id, value) =>
      value === 'any' ? row.original.issues.length > 0 : row.original.issues.includes(value as ConnectorIssue),
  },
];

// Fixed columns are as wide as their headers (uppercase, with the sort arrow): none is cut short at desktop widths.
export const CONNECTOR_GRID =
  '2.5rem minmax(12rem,1.6fr) 9rem minmax(6rem,0.8fr) 5rem 5rem minmax(9rem,1.2fr) 7rem 7rem minmax(9rem,1.2fr)';

export function IssueBadges({ issues }: { issues: readonly ConnectorIssue[] }) {
  if (issues.length === 0) return <span className="text-xs text-emerald-800 dark:text-emerald-300">✓ OK</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {issues.map((issue) => (
        <span key={issue} title={CONNECTOR_ISSUES[issue]} className="truncate">
          <Badge tone={issue === 'no-numbers' ? 'warn' : 'bad'}>⚠ {CONNECTOR_ISSUES[issue]}</Badge>
        </span>
      ))}
    </span>
  );
}
