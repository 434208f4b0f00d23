import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ConfigPage } from '../../../contract/agents-api.ts';
import type { ClientEnv } from '../../../contract/client-envs.ts';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import type { CompareView } from '../../lib/compare-view.ts';
import { markUsable } from '../../lib/usable-mark.ts';
import { useVariablesCheck } from '../../lib/validation/use-variables-check.ts';
import { isDescribedBySchema } from '../../lib/variable-drift.ts';
import { buildRows, failingPointers, type CompareRow } from './compare-rows.ts';
import { CompareTable, type RowMarks } from './compare-table.tsx';
import { CompareToolbar } from './compare-toolbar.tsx';
import { PatchReviewDialog } from '../../components/patch-review/patch-review-dialog.tsx';
import { useConfigWrites } from '../../api/config-writes.ts';
import { paths } from '../../lib/paths.ts';
import { useNoteRequired } from '../../api/history.ts';
import { useWriteBlocks } from '../../api/me.ts';
import { usePatchRequests } from '../../api/change-requests.ts';
import { PromotionBar } from './promotion-bar.tsx';
import { SchemaDifferencesPanel } from './schema-differences-panel.tsx';
import { schemaDifferences } from '../../lib/schema-diff.ts';
import { useCompareKeys } from './use-compare-keys.ts';
import { usePromotions } from './use-promotions.ts';
import { ValueDiffDialog } from './value-diff-dialog.tsx';
import { OutcomeMessage } from '../../components/ui/outcome-message.tsx';

type Props = {
  agentId: string;
  pages: ConfigPage[];
  view: CompareView;
  onViewChange: (change: Partial<CompareView>) => void;
};

const searchTexts = new WeakMap<CompareRow, string>();
const searchTextOf = (row: CompareRow) => {
  let text = searchTexts.get(row);
  if (text === undefined) {
    text = `${row.path.join('.')}\n${row.values.map((v) => JSON.stringify(v) ?? '').join('\n')}`.toLowerCase();
    searchTexts.set(row, text);
  }
  return text;
};

export function CompareWorkspace({ agentId, pages, view, onViewChange }: Props) {
  // One array per distinct set of columns (the URL gives a new one each render), so the memos below hold.
  const envsKey = view.envs.join();
  const envs = useMemo(() => envsKey.split(',') as ClientEnv[], [envsKey]);
  const pageOf = useCallback((env: ClientEnv) => pages.find((page) => page.clientEnv === env), [pages]);
  const labels = useMemo(() => envs.map((env) => ENV_LABELS[env]), [envs]);
  const columns = useMemo(() => envs.map(pageOf), [envs, pageOf]);

  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [active, setActive] = useState<string>();
  const [reveal, setReveal] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  /** What an undo did (a promotion's outcome is the promotions' lastWrite, which offers its own undo). */
  const [undone, setUndone] = useState<string>();
  const [diff, setDiff] = useState<{ row: CompareRow; column: number }>();
  const promotions = usePromotions({
    agentId,
    pageOf,
    // Said by the outcome message, which takes focus (so not announced a second time).
    onDone: (summary, kind) => {
      if (kind === 'promote') setSelected(new Set());
      setUndone(kind === 'undo' ? summary : undefined);
    },
  });
  const { write, lastWrite } = promotions;
  const writes = useConfigWrites(agentId);
  const historyOf = useCallback((key: string) => paths.history(agentId, new URLSearchParams({ key })), [agentId]);
  const noteRequired = useNoteRequired();
  const writeBlock = useWriteBlocks(agentId);
  const navigate = useNavigate();
  // Under an approval policy a promotion becomes a change request: once opened, it is shown.
  const requestFor = usePatchRequests(agentId, (id) => navigate(paths.changeRequest(agentId, id)));
  const openPromotion = (pointers: string[], from: ClientEnv, to: ClientEnv) => {
    setDiff(undefined);
    promotions.openPromotion(pointers, from, to);
  };
  const [direction, setDirection] = useState<{ from: ClientEnv; to: ClientEnv }>({ from: envs[0], to: envs[1] });

  // Declared before the checks below: the table is usable once rendered; their marks appear when they finish.
  useEffect(() => markUsable('compare'), []);

  // Each environment is checked against its own schema, off the main thread; marks appear when the checks finish.
  const sandboxCheck = useVariablesCheck(pageOf('sandbox'));
  const preReleaseCheck = useVariablesCheck(pageOf('pre-release'));
  const liveCheck = useVariablesCheck(pageOf('live'));
  const failing = useMemo(
    (): Record<ClientEnv, Set<string>> => ({
      sandbox: failingPointers(sandboxCheck?.errors ?? []),
      'pre-release': failingPointers(preReleaseCheck?.errors ?? []),
      live: failingPointers(liveCheck?.errors ?? []),
    }),
    [sandboxCheck, preReleaseCheck, liveCheck],
  );

  const rows = useMemo(
    () =>
      buildRows(
        columns.map((page) => page?.variables),
        expanded,
      ),
    [columns, expanded],
  );
  const differences = useMemo(
    () =>
      schemaDifferences(
        columns.map((page) => page?.schema),
        labels,
      ),
    [columns, labels],
  );
  const marks = useMemo<RowMarks>(() => {
    const byPointer = new Map(differences.map((d) => [d.pointer, d.detail]));
    return {
      failing: (row, column) => failing[envs[column]].has(row.pointer),
      outsideSchema: (row, column) =>
        row.values[column] !== undefined && !isDescribedBySchema(columns[column]?.schema, row.path),
      schemaDifference: (row) => byPointer.get(row.pointer),
    };
  }, [differences, failing, columns, envs]);

  const query = useDeferredValue(view.query.trim().toLowerCase());
  const shown = useMemo(() => {
    const keep = (row: CompareRow) => {
      if (query && !searchTextOf(row).includes(query)) return false;
      if (view.show === 'differs') return row.status !== 'equal';
      if (view.show === 'failing') return envs.some((_, c) => marks.failing(row, c));
      if (view.show === 'unschemad') return envs.some((_, c) => marks.outsideSchema(row, c));
      return true;
    };
    return rows.filter(keep);
  }, [rows, query, view.show, marks, envs]);

  const { topLevel, differing } = useMemo(() => {
    const top = rows.filter((row) => row.path.length === 1);
    return { topLevel: top.length, differing: top.filter((row) => row.status !== 'equal').length };
  }, [rows]);

  const toggleIn = (set: ReadonlySet<string>, pointer: string) => {
    const next = new Set(set);
    if (!next.delete(pointer)) next.add(pointer);
    return next;
  };
  const onToggleExpand = useCallback((pointer: string) => setExpanded((set) => toggleIn(set, pointer)), []);
  const onToggleSelect = useCallback((pointer: string) => setSelected((set) => toggleIn(set, pointer)), []);
  const onActivate = useCallback((pointer: string) => setActive(pointer), []);
  const onOpenDiff = useCallback((row: CompareRow, column: number) => setDiff({ row, column }), [setDiff]);

  /** Moves the active row to the next (or previous) differing row among those shown. */
  function step(by: 1 | -1) {
    const from = shown.findIndex((row) => row.pointer === active);
    for (let i = from + by; i >= 0 && i < shown.length; i += by) {
      const row = shown[i];
      if (row.status === 'equal') continue;
      const ordinal = shown.slice(0, i + 1).filter((r) => r.status !== 'equal').length;
      const total = shown.filter((r) => r.status !== 'equal').length;
      setActive(row.pointer);
      setReveal((n) => n + 1);
      setAnnouncement(
        `${row.path.join('.')}: ${row.status === 'missing' ? 'missing in some environments' : 'differs'}. Difference ${ordinal} of ${total}.`,
      );
      return;
    }
    setAnnouncement(by === 1 ? 'No more differences below.' : 'No more differences above.');
  }

  const promoteSelection = (pointers = [...selected]) => {
    if (pointers.length === 0) setAnnouncement('Select rows to promote first (x selects the current row).');
    else openPromotion(pointers, direction.from, direction.to);
  };

  useCompareKeys({
    next: () => step(1),
    previous: () => step(-1),
    toggle: () => active !== undefined && onToggleSelect(active),
    promote: () => promoteSelection(selected.size > 0 ? [...selected] : active !== undefined ? [active] : []),
  });

  return (
    <div className="space-y-4">
      <CompareToolbar view={view} onChange={onViewChange} />
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <p aria-live="polite">
          <strong>{differing}</strong> of {topLevel} keys differ between {labels.join(', ')}
          {shown.length !== rows.length && (
            <span className="text-slate-600 dark:text-slate-400"> · showing {shown.length} rows</span>
          )}
        </p>
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous difference · <kbd>x</kbd> select · <kbd>p</kbd> promote
        </p>
      </div>
      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      {(lastWrite || undone) && (
        <OutcomeMessage
          key={lastWrite?.page.lastUpdated ?? undone}
          className="flex flex-wrap items-center justify-between gap-2"
        >
          <span>✓ {lastWrite?.summary ?? undone}</span>
          <span className="flex gap-2">
            {lastWrite ? (
              <button type="button" className="font-medium underline" onClick={() => promotions.openUndo(lastWrite)}>
                Undo
              </button>
            ) : (
              <Link className="font-medium underline" to={paths.history(agentId)}>
                See it in the history
              </Link>
            )}
            <button
              type="button"
              aria-label="Dismiss"
              className="px-1"
              onClick={() => {
                promotions.dismiss();
                setUndone(undefined);
              }}
            >
              ✕
            </button>
          </span>
        </OutcomeMessage>
      )}
      <SchemaDifferencesPanel differences={differences} />
      {selected.size > 0 && (
        <PromotionBar
          count={selected.size}
          direction={direction}
          onDirectionChange={setDirection}
          onPromote={() => promoteSelection()}
          onClear={() => setSelected(new Set())}
        />
      )}
      {shown.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm dark:border-slate-700">
          {rows.length === 0 ? 'No variables are set in these environments.' : 'No rows match this filter and search.'}
        </p>
      ) : (
        <CompareTable
          rows={shown}
          envs={envs}
          marks={marks}
          expanded={expanded}
          selected={selected}
          active={active}
          reveal={reveal}
          onToggleExpand={onToggleExpand}
          onToggleSelect={onToggleSelect}
          onSelectAll={(select) => setSelected(select ? new Set(shown.map((row) => row.pointer)) : new Set())}
          onActivate={onActivate}
          onOpenDiff={onOpenDiff}
          historyOf={historyOf}
        />
      )}
      {diff && (
        <ValueDiffDialog
          row={diff.row}
          envs={envs}
          initial={diff.column === 0 ? [envs[0], envs[1]] : [envs[0], envs[diff.column]]}
          onPromote={(from, to) => openPromotion([diff.row.pointer], from, to)}
          onClose={() => setDiff(undefined)}
        />
      )}
      {write && (
        <PatchReviewDialog
          key={write.seq}
          {...write}
          send={(patch, note) =>
            writes.writeVariables(write.target, patch, write.basedOn, { note, ...promotions.metaOf(write) })
          }
          noteRequired={noteRequired(write.target)}
          blocked={writeBlock(write.target)}
          request={requestFor(write.target)}
          onWritten={promotions.onWritten}
          onRestart={() => promotions.restart(write)}
          onClose={promotions.close}
        />
      )}
    </div>
  );
}
