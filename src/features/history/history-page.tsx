import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { CLIENT_ENVS } from '../../../contract/client-envs.ts';
import { HISTORY_KINDS } from '../../../contract/history-values.ts';
import type { HistoryEntry } from '../../../contract/history.ts';
import { historyExportUrl, historyQuery } from '../../api/history.ts';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import { FilterSelect, SearchBox } from '../../components/ui/filter-controls.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states.tsx';
import { paths, useRouteParams } from '../../lib/paths.ts';
import { markUsable } from '../../lib/usable-mark.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { HistoryEntryCard } from './history-entry-card.tsx';
import { filtersOf, readHistoryView, writeHistoryView, type HistoryView } from './history-filters.ts';
import { HistorySettingsPanel } from './history-settings.tsx';
import { KeyBlame } from './key-blame.tsx';
import { useRestoreFlow, type RestoreRequest } from './restore-dialog.tsx';

const KIND_WORDS: Record<(typeof HISTORY_KINDS)[number], string> = {
  variables: 'Values saved',
  schema: 'Schema saved',
  external: 'Changed outside Switchboard',
  restore: 'Restores',
  promotion: 'Promotions',
  connector: 'Connectors',
  'phone-number': 'Phone numbers',
  'change-request': 'Change requests',
};

/** /agents/:agentId/history — every recorded change of the agent, newest first, filtered by what is in the URL. */
export function HistoryPage() {
  const { agentId } = useRouteParams();
  const [params, setParams] = useSearchParams();
  const view = readHistoryView(params);
  const setView = (change: Partial<HistoryView>) =>
    setParams(writeHistoryView({ ...view, ...change }), { replace: true, flushSync: true });
  // Typing updates the URL at once (the field stays responsive); the server is asked once typing pauses.
  const filtersText = useDebouncedValue(JSON.stringify(filtersOf(view)), 250);
  const filters = useMemo(() => JSON.parse(filtersText) as ReturnType<typeof filtersOf>, [filtersText]);
  const history = useInfiniteQuery({ ...historyQuery(agentId, filters), staleTime: 0 });
  const entries = useMemo(() => history.data?.pages.flatMap((page) => page.entries) ?? [], [history.data]);
  const restore = useRestoreFlow(agentId);
  const keyLink = (key: string) => paths.history(agentId, writeHistoryView({ env: view.env, key }));

  useEffect(() => {
    if (history.isSuccess) markUsable('history');
  }, [history.isSuccess]);
  // A search reads the history a window at a time: while nothing is found yet, it goes on by itself.
  const searching = entries.length === 0 && history.hasNextPage;
  const { fetchNextPage, isFetchingNextPage } = history;
  useEffect(() => {
    if (searching && !isFetchingNextPage) void fetchNextPage();
  }, [searching, isFetchingNextPage, fetchNextPage]);

  const filtered = Object.keys(view).length > 0;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">History</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
            Every change Switchboard made, and every change made elsewhere that it saw when it next read the page.
            PolyAI keeps no history: what changed while Switchboard was not looking is found on its next read, as one
            change.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <a
            href={historyExportUrl(agentId)}
            download
            className="rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-slate-300 hover:bg-slate-50 dark:ring-slate-700 dark:hover:bg-slate-800"
          >
            Export (JSON Lines)
          </a>
          <HistorySettingsPanel />
        </div>
      </div>

      <form
        role="search"
        aria-label="Filter the history"
        className="grid grid-cols-2 items-end gap-3 sm:flex sm:flex-wrap [&>*:first-child]:col-span-2 [&_input]:w-full [&_select]:w-full"
        onSubmit={(event) => event.preventDefault()}
      >
        <SearchBox
          id="history-q"
          label="Search"
          value={view.q ?? ''}
          placeholder="Notes, authors, keys, values"
          onChange={(q) => setView({ q })}
        />
        <FilterSelect
          id="history-env"
          label="Environment"
          value={view.env}
          onChange={(env) => setView({ env })}
          all="All environments"
        >
          {CLIENT_ENVS.map((env) => (
            <option key={env} value={env}>
              {ENV_LABELS[env]}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          id="history-kind"
          label="Kind"
          value={view.kind}
          onChange={(kind) => setView({ kind })}
          all="All kinds"
        >
          {HISTORY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_WORDS[kind]}
            </option>
          ))}
        </FilterSelect>
        <TextFilter id="history-key" label="Key" value={view.key} onChange={(key) => setView({ key })} />
        <TextFilter id="history-author" label="Author" value={view.author} onChange={(author) => setView({ author })} />
        <TextFilter
          id="history-from"
          label="From"
          type="date"
          value={view.from}
          onChange={(from) => setView({ from })}
        />
        <TextFilter id="history-to" label="To" type="date" value={view.to} onChange={(to) => setView({ to })} />
        {filtered && (
          <button
            type="button"
            className="pb-1.5 text-sm font-medium text-brand-700 hover:underline dark:text-brand-300"
            onClick={() => setParams(new URLSearchParams(), { replace: true })}
          >
            Clear filters
          </button>
        )}
      </form>

      {restore.status}
      {view.key && history.isSuccess && <KeyBlame name={view.key} entries={entries} complete={!history.hasNextPage} />}

      {history.isPending || searching ? (
        <Loading label={searching ? 'Searching older changes…' : 'Loading the history…'} />
      ) : history.isError ? (
        <ErrorState
          title="The history could not be loaded"
          error={history.error}
          onRetry={() => void history.refetch()}
        />
      ) : entries.length === 0 ? (
        <EmptyState title={filtered ? 'No change matches these filters' : 'No changes recorded yet'}>
          {filtered
            ? 'Try fewer filters, or another spelling.'
            : 'Saves, promotions, restores and telephony edits made through Switchboard appear here, as do changes made elsewhere once Switchboard reads the page.'}
        </EmptyState>
      ) : (
        <EntryList
          agentId={agentId}
          entries={entries}
          more={history.hasNextPage}
          loadingMore={history.isFetchingNextPage}
          loadMore={() => void history.fetchNextPage()}
          onRestore={restore.open}
          keyLink={keyLink}
        />
      )}

      {restore.dialog}
    </div>
  );
}

function TextFilter({
  id,
  label,
  value,
  onChange,
  type = 'text',
}: {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (value: string) => void;
  type?: 'text' | 'date';
}) {
  return (
    <div className={type === 'date' ? 'sm:w-40' : 'sm:w-44'}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        type={type}
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value)}
        className="mt-1 block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 dark:bg-slate-950 dark:ring-slate-700"
      />
    </div>
  );
}

type ListProps = {
  agentId: string;
  entries: HistoryEntry[];
  more: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  onRestore: (request: RestoreRequest) => void;
  keyLink: (key: string) => string;
};

/** The entries, drawn only where the window shows them (an agent can have 100,000); the next page loads near the end. */
function EntryList({ agentId, entries, more, loadingMore, loadMore, onRestore, keyLink }: ListProps) {
  const [scrollMargin, setScrollMargin] = useState(0);
  const virtualizer = useWindowVirtualizer({
    count: entries.length,
    estimateSize: () => 220,
    overscan: 4,
    scrollMargin,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (more && !loadingMore && last >= entries.length - 5) loadMore();
  }, [more, loadingMore, last, entries.length, loadMore]);

  return (
    <section aria-label={`${entries.length}${more ? '+' : ''} recorded changes`}>
      <div
        ref={(element) => {
          if (element) setScrollMargin(element.offsetTop);
        }}
        style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
      >
        {items.map((item) => {
          const entry = entries[item.index];
          return (
            <div
              key={entry.id}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="absolute left-0 top-0 w-full pb-3"
              style={{ transform: `translateY(${item.start - scrollMargin}px)` }}
            >
              <HistoryEntryCard agentId={agentId} entry={entry} onRestore={onRestore} keyLink={keyLink} />
            </div>
          );
        })}
      </div>
      {more && (
        <button
          type="button"
          onClick={loadMore}
          disabled={loadingMore}
          className="mt-2 text-sm font-medium text-brand-700 hover:underline dark:text-brand-300"
        >
          {loadingMore ? 'Loading older changes…' : 'Load older changes'}
        </button>
      )}
      {!more && (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          That is everything recorded: nothing earlier is known.
        </p>
      )}
    </section>
  );
}
