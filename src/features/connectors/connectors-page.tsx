import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  getCoreRowModel,
  getExpandedRowModel,
  getFilteredRowModel,
  getGroupedRowModel,
  getSortedRowModel,
  useReactTable,
  type RowSelectionState,
} from '@tanstack/react-table';
import type { Connector, PhoneNumber } from '../../../contract/agents-api.ts';
import { CLIENT_ENVS } from '../../../contract/client-envs.ts';
import { Button } from '../../components/ui/button.tsx';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import { EmptyState } from '../../components/ui/states.tsx';
import { markUsable } from '../../lib/usable-mark.ts';
import { BatchEditDialog } from './batch-edit-dialog.tsx';
import { suggestionsOf } from './connector-suggestions.tsx';
import { CONNECTOR_GRID, connectorColumns, toConnectorRow, type ConnectorRow } from './connector-columns.tsx';
import { DataTable } from './data-table.tsx';
import { FilterSelect, SearchBox } from '../../components/ui/filter-controls.tsx';
import { CONNECTOR_ISSUES, indexTelephony, type ConnectorIssue } from './health.ts';
import { WithTelephony } from './with-telephony.tsx';
import { numberSearchDigits } from './phone-format.ts';
import { plural } from '../../../contract/plural.ts';
import { readConnectorView, writeView, type ConnectorView } from './telephony-view.ts';
import { useRouteParams } from '../../lib/paths.ts';
import { useWriteBlock } from '../../api/me.ts';

export function ConnectorsPage() {
  const { agentId } = useRouteParams();
  return (
    <WithTelephony agentId={agentId} what="connectors and phone numbers">
      {({ connectors, numbers }) =>
        connectors.length === 0 ? (
          <EmptyState title="No connectors">
            Connectors are created in Agent Studio when numbers are set up; they appear here once they exist.
          </EmptyState>
        ) : (
          <ConnectorsTable agentId={agentId} connectors={connectors} numbers={numbers} />
        )
      }
    </WithTelephony>
  );
}

type TableProps = { agentId: string; connectors: Connector[]; numbers: PhoneNumber[] };

function ConnectorsTable({ agentId, connectors, numbers }: TableProps) {
  const [params, setParams] = useSearchParams();
  const view = readConnectorView(params);
  const writeBlock = useWriteBlock(agentId);
  // Synchronous, so the search box never shows a value the URL does not have yet.
  const setView = (change: Partial<ConnectorView>) =>
    setParams(writeView({ ...view, ...change }), { replace: true, flushSync: true });
  // The box answers at once; filtering ten thousand rows follows in a render that typing can interrupt.
  const query = useDeferredValue(view.q.trim().toLowerCase());
  const [selection, setSelection] = useState<RowSelectionState>({});
  /** The connectors being batch-edited, fixed when the dialog opens (the selection is cleared once it is sent). */
  const [editing, setEditing] = useState<Connector[]>();

  const rows = useMemo(() => {
    const index = indexTelephony(connectors, numbers);
    return connectors.map((c) =>
      toConnectorRow(
        c,
        (index.numbersOf.get(c.connectorId) ?? []).map((n) => n.number),
        index.connectorIssues.get(c.connectorId) ?? [],
      ),
    );
  }, [connectors, numbers]);
  const options = useMemo(() => suggestionsOf(connectors), [connectors]);
  const columns = useMemo(() => connectorColumns(agentId), [agentId]);
  // One array per distinct set of filters: a new one would make react-table filter ten thousand rows again.
  const { env, lang, voice, handoff, health } = view;
  const columnFilters = useMemo(
    () =>
      [
        { id: 'clientEnv', value: env },
        { id: 'asr', value: lang },
        { id: 'voice', value: voice },
        { id: 'handoff', value: handoff },
        { id: 'health', value: health },
      ].filter((filter) => filter.value !== undefined),
    [env, lang, voice, handoff, health],
  );
  const sorting = useMemo(() => (view.sort ? [view.sort] : []), [view.sort?.id, view.sort?.desc]); // eslint-disable-line react-hooks/exhaustive-deps -- the URL gives a new object each render
  const grouping = useMemo(() => (view.groupByEnv ? ['clientEnv'] : []), [view.groupByEnv]);

  // react-table's instance is read fresh each render; nothing here is compiled or memoised around it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable<ConnectorRow>({
    data: rows,
    columns,
    state: {
      globalFilter: query,
      columnFilters,
      sorting,
      grouping,
      expanded: true,
      rowSelection: selection,
    },
    getRowId: (row) => row.connector.connectorId,
    // Text anywhere, or a phone number written any way the console writes it ("+44 20 7946 0100", "020 7946 0100").
    globalFilterFn: (row, _columnId, value: string) => {
      if (row.original.search.includes(value)) return true;
      const digits = numberSearchDigits(value);
      return digits !== undefined && row.original.search.includes(digits);
    },
    getColumnCanGlobalFilter: (column) => column.id === 'name',
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      setView({ sort: next[0] });
    },
    onRowSelectionChange: setSelection,
    enableRowSelection: (row) => !row.getIsGrouped(),
    // The URL owns this table's state: nothing may reset it behind the user's back.
    autoResetAll: false,
    // Grouping by environment keeps the columns where they are.
    groupedColumnMode: false,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getGroupedRowModel: getGroupedRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
  });
  const shown = table.getFilteredRowModel().rows.length;
  const selected = table.getSelectedRowModel().flatRows.map((row) => row.original.connector);
  const filtered = columnFilters.length > 0 || view.q !== '';
  useEffect(() => markUsable('connectors'), []);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <SearchBox
          id="connector-search"
          label="Search connectors"
          value={view.q}
          placeholder="Name, ID, language, voice, number…"
          onChange={(q) => setView({ q })}
        />
        <FilterSelect
          id="env-filter"
          label="Environment"
          value={view.env}
          all="All environments"
          onChange={(env) => setView({ env: env as ConnectorView['env'] })}
        >
          {CLIENT_ENVS.map((env) => (
            <option key={env} value={env}>
              {ENV_LABELS[env]}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          id="lang-filter"
          label="Language"
          value={view.lang}
          all="Any language"
          onChange={(lang) => setView({ lang })}
        >
          {options.langs.map((lang) => (
            <option key={lang}>{lang}</option>
          ))}
        </FilterSelect>
        <FilterSelect
          id="voice-filter"
          label="Voice"
          value={view.voice}
          all="Any voice"
          onChange={(voice) => setView({ voice })}
        >
          {options.voices.map((voice) => (
            <option key={voice}>{voice}</option>
          ))}
        </FilterSelect>
        <FilterSelect
          id="handoff-filter"
          label="Handoff"
          value={view.handoff}
          all="Either"
          onChange={(handoff) => setView({ handoff: handoff as ConnectorView['handoff'] })}
        >
          <option value="enabled">Enabled</option>
          <option value="disabled">Disabled</option>
        </FilterSelect>
        <FilterSelect
          id="health-filter"
          label="Health"
          value={view.health}
          all="All"
          onChange={(health) => setView({ health: health as ConnectorView['health'] })}
        >
          <option value="any">Any problem</option>
          {(Object.keys(CONNECTOR_ISSUES) as ConnectorIssue[]).map((issue) => (
            <option key={issue} value={issue}>
              {CONNECTOR_ISSUES[issue]}
            </option>
          ))}
        </FilterSelect>
        <label className="flex items-center gap-2 pb-1.5 text-sm">
          <input
            type="checkbox"
            checked={view.groupByEnv}
            onChange={(e) => setView({ groupByEnv: e.target.checked })}
            className="size-4"
          />
          Group by environment
        </label>
        {filtered && (
          <Button
            variant="ghost"
            onClick={() =>
              setView({
                q: '',
                env: undefined,
                lang: undefined,
                voice: undefined,
                handoff: undefined,
                health: undefined,
              })
            }
          >
            Clear filters
          </Button>
        )}
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <p aria-live="polite">
          Showing <strong>{shown.toLocaleString('en')}</strong> of {rows.length.toLocaleString('en')} connectors
        </p>
        {selected.length > 0 && (
          <div className="flex items-center gap-2">
            <span>{selected.length} selected</span>
            <Button
              variant="primary"
              disabled={!!writeBlock}
              aria-describedby={writeBlock ? 'connectors-write-block' : undefined}
              onClick={() => setEditing(selected)}
            >
              Edit selected…
            </Button>
            {writeBlock && <span id="connectors-write-block">{writeBlock}</span>}
            <Button variant="ghost" onClick={() => setSelection({})}>
              Clear selection
            </Button>
          </div>
        )}
      </div>
      {shown === 0 ? (
        <EmptyState title="No connector matches">Change the search or clear the filters.</EmptyState>
      ) : (
        <DataTable
          table={table}
          label="Connectors"
          columns={CONNECTOR_GRID}
          card={{ title: 'name', fields: ['clientEnv', 'health', 'numbers', 'voice'] }}
          renderGroup={(row) => (
            <span className="font-semibold">
              {ENV_LABELS[row.groupingValue as keyof typeof ENV_LABELS] ?? String(row.groupingValue)} ·{' '}
              {plural(row.subRows.length, 'connector', 'connectors')}
            </span>
          )}
        />
      )}
      {editing && (
        <BatchEditDialog
          agentId={agentId}
          connectors={editing}
          suggestions={options}
          onClose={() => setEditing(undefined)}
          onDone={() => setSelection({})}
        />
      )}
    </div>
  );
}
