import { useDeferredValue, useEffect, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
} from '@tanstack/react-table';
import type { Connector, PhoneNumber } from '../../../contract/agents-api.ts';
import { CLIENT_ENVS } from '../../../contract/client-envs.ts';
import { Badge } from '../../components/ui/badge.tsx';
import { ENV_LABELS, EnvBadge } from '../../components/ui/env-badge.tsx';
import { EmptyState } from '../../components/ui/states.tsx';
import { markUsable } from '../../lib/usable-mark.ts';
import { DataTable } from './data-table.tsx';
import { FilterSelect, SearchBox } from '../../components/ui/filter-controls.tsx';
import { indexTelephony, NUMBER_ISSUES, type NumberIssue } from './health.ts';
import { displayPhoneNumber, numberSearchDigits } from './phone-format.ts';
import { WithTelephony } from './with-telephony.tsx';
import { readNumberView, writeView, type NumberView } from './telephony-view.ts';
import { paths, useRouteParams } from '../../lib/paths.ts';

type NumberRow = { number: PhoneNumber; connector?: Connector; issues: NumberIssue[]; search: string };

/** /agents/:agentId/phone-numbers — every number, its environment and connector, with the same search and filters. */
export function PhoneNumbersPage() {
  const { agentId } = useRouteParams();
  return (
    <WithTelephony agentId={agentId} what="phone numbers">
      {({ connectors, numbers }) =>
        numbers.length === 0 ? (
          <EmptyState title="No phone numbers">Numbers imported into this project appear here.</EmptyState>
        ) : (
          <NumbersTable agentId={agentId} connectors={connectors} numbers={numbers} />
        )
      }
    </WithTelephony>
  );
}

const GRID = 'minmax(14rem,1.4fr) minmax(9rem,1fr) 7.5rem minmax(12rem,1.4fr) minmax(12rem,1.4fr)';

function NumbersTable({
  agentId,
  connectors,
  numbers,
}: {
  agentId: string;
  connectors: Connector[];
  numbers: PhoneNumber[];
}) {
  const [params, setParams] = useSearchParams();
  const view = readNumberView(params);
  const setView = (change: Partial<NumberView>) =>
    setParams(writeView({ ...view, ...change }), { replace: true, flushSync: true });
  const query = useDeferredValue(view.q.trim().toLowerCase());

  const rows = useMemo(() => {
    const byId = new Map(connectors.map((c) => [c.connectorId, c]));
    const { numberIssues } = indexTelephony(connectors, numbers);
    return numbers.map((number): NumberRow => {
      const connector = number.connectorId ? byId.get(number.connectorId) : undefined;
      return {
        number,
        connector,
        issues: numberIssues.get(number.number) ?? [],
        search: [number.number, number.clientEnv, connector?.name ?? '', number.connectorId ?? '']
          .join('\n')
          .toLowerCase(),
      };
    });
  }, [connectors, numbers]);
  const columns = useMemo((): ColumnDef<NumberRow>[] => {
    return [
      {
        id: 'number',
        header: 'Number',
        accessorFn: (row) => row.number.number,
        cell: ({ row }) => <DisplayedNumber e164={row.original.number.number} />,
        enableGlobalFilter: true,
      },
      {
        id: 'e164',
        header: 'E.164',
        accessorFn: (row) => row.number.number,
        cell: ({ getValue }) => <span className="font-mono text-xs">{getValue<string>()}</span>,
        enableSorting: false,
      },
      {
        id: 'clientEnv',
        header: 'Environment',
        accessorFn: (row) => row.number.clientEnv,
        cell: ({ getValue }) => <EnvBadge env={getValue<string>()} />,
        filterFn: (row, id, value) => row.getValue(id) === value,
      },
      {
        id: 'connector',
        header: 'Connector',
        accessorFn: (row) => row.connector?.name ?? '',
        cell: ({ row }) =>
          row.original.connector ? (
            <Link
              to={paths.connector(agentId, row.original.connector.connectorId)}
              className="block truncate font-medium text-brand-700 hover:underline dark:text-brand-300"
            >
              {row.original.connector.name}
            </Link>
          ) : (
            <span className="text-slate-500 dark:text-slate-400">none</span>
          ),
      },
      {
        id: 'health',
        header: 'Health',
        accessorFn: (row) => row.issues.length,
        cell: ({ row }) =>
          row.original.issues.length === 0 ? (
            <span className="text-xs text-emerald-800 dark:text-emerald-300">✓ OK</span>
          ) : (
            <span className="flex flex-wrap gap-1">
              {row.original.issues.map((issue) => (
                <Badge key={issue} tone="bad">
                  ⚠ {NUMBER_ISSUES[issue]}
                </Badge>
              ))}
            </span>
          ),
        filterFn: (row, _id, value) =>
          value === 'any' ? row.original.issues.length > 0 : row.original.issues.includes(value as NumberIssue),
      },
    ];
  }, [agentId]);
  const { env, health } = view;
  const columnFilters = useMemo(
    () =>
      [
        { id: 'clientEnv', value: env },
        { id: 'health', value: health },
      ].filter((filter) => filter.value !== undefined),
    [env, health],
  );
  const sorting = useMemo(() => (view.sort ? [view.sort] : []), [view.sort?.id, view.sort?.desc]); // eslint-disable-line react-hooks/exhaustive-deps -- the URL gives a new object each render
  // react-table's instance is read fresh each render; nothing here is compiled or memoised around it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable<NumberRow>({
    data: rows,
    columns,
    state: { globalFilter: query, columnFilters, sorting },
    getRowId: (row) => row.number.number,
    globalFilterFn: (row, _columnId, value: string) => matchesNumberSearch(row.original, value),
    getColumnCanGlobalFilter: (column) => column.id === 'number',
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      setView({ sort: next[0] });
    },
    // The URL owns this table's state: nothing may reset it behind the user's back.
    autoResetAll: false,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const shown = table.getFilteredRowModel().rows.length;
  useEffect(() => markUsable('phone-numbers'), []);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <SearchBox
          id="number-search"
          label="Search numbers"
          value={view.q}
          placeholder="+44 20 7946, connector name…"
          onChange={(q) => setView({ q })}
        />
        <FilterSelect
          id="number-env-filter"
          label="Environment"
          value={view.env}
          all="All environments"
          onChange={(env) => setView({ env: env as NumberView['env'] })}
        >
          {CLIENT_ENVS.map((env) => (
            <option key={env} value={env}>
              {ENV_LABELS[env]}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          id="number-health-filter"
          label="Health"
          value={view.health}
          all="All"
          onChange={(health) => setView({ health: health as NumberView['health'] })}
        >
          <option value="any">Any problem</option>
          {(Object.keys(NUMBER_ISSUES) as NumberIssue[]).map((issue) => (
            <option key={issue} value={issue}>
              {NUMBER_ISSUES[issue]}
            </option>
          ))}
        </FilterSelect>
      </div>
      <p aria-live="polite" className="text-sm">
        Showing <strong>{shown.toLocaleString('en')}</strong> of {rows.length.toLocaleString('en')} phone numbers
      </p>
      {shown === 0 ? (
        <EmptyState title="No phone number matches">Change the search or clear the filters.</EmptyState>
      ) : (
        <DataTable
          table={table}
          label="Phone numbers"
          columns={GRID}
          card={{ title: 'number', fields: ['clientEnv', 'connector', 'health'] }}
        />
      )}
    </div>
  );
}

/** Text matches anywhere; a query that is a number ("+44 20 7946", "020 7946") matches the digits of the number. */
function matchesNumberSearch(row: NumberRow, query: string): boolean {
  if (row.search.includes(query)) return true;
  const digits = numberSearchDigits(query);
  return digits !== undefined && row.number.number.includes(digits);
}

function DisplayedNumber({ e164 }: { e164: string }) {
  const shown = displayPhoneNumber(e164);
  return (
    <span className="block truncate">
      <span className="font-mono font-medium">{shown.formatted}</span>
      {shown.country && <span className="block text-xs text-slate-600 dark:text-slate-400">{shown.country}</span>}
    </span>
  );
}
