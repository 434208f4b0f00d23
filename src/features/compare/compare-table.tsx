import { memo, useEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Link } from 'react-router';
import type { ClientEnv } from '../../../contract/client-envs.ts';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import { jsonEqual } from '../../lib/json-equal.ts';
import { usePhone } from '../../lib/use-media-query.ts';
import type { CompareRow } from './compare-rows.ts';
import { valuePreview } from './value-preview.ts';

/** What the table needs to mark each row: schema failures and unknown keys per column, schema differences per path. */
export type RowMarks = {
  failing: (row: CompareRow, column: number) => boolean;
  outsideSchema: (row: CompareRow, column: number) => boolean;
  schemaDifference: (row: CompareRow) => string | undefined;
};

type Props = {
  rows: CompareRow[];
  envs: ClientEnv[];
  marks: RowMarks;
  expanded: ReadonlySet<string>;
  selected: ReadonlySet<string>;
  active: string | undefined;
  /** Bumped when the keyboard moves to a row: scroll it into view and focus it. */
  reveal: number;
  onToggleExpand: (pointer: string) => void;
  onToggleSelect: (pointer: string) => void;
  onSelectAll: (select: boolean) => void;
  onActivate: (pointer: string) => void;
  onOpenDiff: (row: CompareRow, column: number) => void;
  /** Where a top-level key's history is shown. */
  historyOf: (key: string) => string;
};

/** Values wrap to two lines in a row; the diff dialog shows them whole. */
const ROW_HEIGHT = 56;
/** On a phone each key is a card: its name and status, then each environment's value (two lines) stacked. */
const cardHeight = (envs: number) => 46 + envs * 44;

export const rowId = (pointer: string) =>
  `compare-row${pointer.replace(/[^a-zA-Z0-9_-]/g, (c) => `_${c.charCodeAt(0)}`)}`;

/** Every variable as a row, environments as columns; only the rows near the viewport are in the DOM. */
export function CompareTable({
  rows,
  envs,
  marks,
  expanded,
  selected,
  active,
  reveal,
  onToggleExpand,
  onToggleSelect,
  onSelectAll,
  onActivate,
  onOpenDiff,
  historyOf,
}: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const phone = usePhone();
  const height = phone ? cardHeight(envs.length) : ROW_HEIGHT;
  // The virtualizer's functions change identity as it measures; this table is not compiled or memoised around them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    // One fixed height: no row is measured, so filtering and scrolling never force a layout per row.
    estimateSize: () => height,
    // Rows for a typical window from the first render on, before the table has been measured.
    initialRect: { width: 1280, height: 720 },
    overscan: 3,
    // Rows are keyed by position, not by key: when a filter changes the list, React reuses the row elements and
    // only updates their text, instead of tearing down and building every visible row.
  });
  useEffect(() => {
    if (!reveal || active === undefined) return;
    const index = rows.findIndex((row) => row.pointer === active);
    if (index < 0) return;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    // The row exists once the virtualizer has rendered its new range.
    const frame = requestAnimationFrame(() => document.getElementById(rowId(active))?.focus({ preventScroll: true }));
    return () => cancelAnimationFrame(frame);
  }, [reveal]); // eslint-disable-line react-hooks/exhaustive-deps -- only a keyboard move scrolls and moves focus
  // Rows and cards differ in height: measured again when the window crosses between them.
  useEffect(() => virtualizer.measure(), [height, virtualizer]);
  const template = useMemo(
    () => ({ gridTemplateColumns: `2.75rem minmax(13rem, 1.2fr) repeat(${envs.length}, minmax(10rem, 1fr)) 9rem` }),
    [envs.length],
  );
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.pointer));
  const rowProps = (row: CompareRow, index: number) => ({
    row,
    index,
    envs,
    template,
    marks,
    isExpanded: expanded.has(row.pointer),
    isSelected: selected.has(row.pointer),
    isActive: active === row.pointer,
    onToggleExpand,
    onToggleSelect,
    onActivate,
    onOpenDiff,
    historyOf,
  });

  if (phone) {
    return (
      <div className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <label className="flex items-center gap-2 border-b border-slate-200 px-3 py-2 text-sm dark:border-slate-800">
          <input
            type="checkbox"
            checked={allSelected}
            onChange={(e) => onSelectAll(e.target.checked)}
            className="size-4"
          />
          Select all shown keys
        </label>
        <div
          ref={scroller}
          role="list"
          aria-label="Variables by environment"
          className="max-h-[min(70vh,48rem)] overflow-auto"
          tabIndex={-1}
        >
          <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => (
              <div
                key={item.key}
                role="listitem"
                className="absolute left-0 top-0 w-full [contain:strict]"
                style={{ height, transform: `translateY(${item.start}px)` }}
              >
                <Card {...rowProps(rows[item.index], item.index)} height={height} />
              </div>
            ))}
          </div>
        </div>
      </div>
    );
  }

  return (
    // A narrow window scrolls the table sideways inside its own box; the page itself never does.
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div
        role="table"
        aria-label="Variables by environment"
        aria-rowcount={rows.length + 1}
        className="w-max min-w-full text-sm"
      >
        <div role="rowgroup">
          <div
            role="row"
            aria-rowindex={1}
            style={template}
            className="grid border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:border-slate-800 dark:bg-slate-800/60 dark:text-slate-300"
          >
            <span role="columnheader" className="flex items-center justify-center py-2">
              <input
                type="checkbox"
                aria-label="Select all shown rows"
                checked={allSelected}
                onChange={(e) => onSelectAll(e.target.checked)}
                className="size-4"
              />
            </span>
            <span role="columnheader" className="px-3 py-2">
              Key
            </span>
            {envs.map((env) => (
              <span role="columnheader" key={env} className="px-3 py-2">
                {ENV_LABELS[env]}
              </span>
            ))}
            <span role="columnheader" className="px-3 py-2">
              Status
            </span>
          </div>
        </div>
        <div ref={scroller} role="rowgroup" className="max-h-[min(65vh,48rem)] overflow-auto" tabIndex={-1}>
          <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              return (
                <div
                  key={item.key}
                  className="absolute left-0 top-0 w-full [contain:strict]"
                  style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                >
                  <Row {...rowProps(row, item.index)} />
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

const STATUS = {
  equal: { glyph: '=', text: 'Same', tone: 'text-slate-500 dark:text-slate-400' },
  differs: { glyph: '≠', text: 'Differs', tone: 'font-medium text-amber-800 dark:text-amber-300' },
  missing: { glyph: '∅', text: 'Missing', tone: 'font-medium text-red-700 dark:text-red-300' },
};

type RowProps = Omit<Props, 'rows' | 'expanded' | 'selected' | 'active' | 'reveal' | 'onSelectAll'> & {
  row: CompareRow;
  index: number;
  template: { gridTemplateColumns: string };
  isExpanded: boolean;
  isSelected: boolean;
  isActive: boolean;
};

const Row = memo(function Row({
  row,
  index,
  envs,
  template,
  marks,
  isExpanded,
  isSelected,
  isActive,
  onToggleExpand,
  onToggleSelect,
  onActivate,
  onOpenDiff,
  historyOf,
}: RowProps) {
  const name = row.path.join('.');
  const schemaDifference = marks.schemaDifference(row);
  return (
    <div
      id={rowId(row.pointer)}
      role="row"
      aria-rowindex={index + 2}
      tabIndex={-1}
      style={{ ...template, height: ROW_HEIGHT }}
      onClick={() => onActivate(row.pointer)}
      className={`grid border-b border-slate-100 outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-500 dark:border-slate-800 ${isActive ? 'bg-brand-50 dark:bg-brand-950/40' : ''}`}
    >
      <span role="cell" className="flex items-start justify-center pt-2.5">
        <input
          type="checkbox"
          aria-label={`Select ${name}`}
          checked={isSelected}
          onChange={() => onToggleSelect(row.pointer)}
          className="size-4"
        />
      </span>
      <span
        role="rowheader"
        className="flex min-w-0 items-start gap-1 overflow-hidden px-2 py-2"
        style={{ paddingLeft: `${0.5 + (row.path.length - 1) * 1.25}rem` }}
      >
        {row.expandable ? (
          <button
            type="button"
            aria-expanded={isExpanded}
            aria-label={`${isExpanded ? 'Collapse' : 'Expand'} ${name}`}
            onClick={() => onToggleExpand(row.pointer)}
            className="-ml-1 rounded px-1 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800"
          >
            <span aria-hidden>{isExpanded ? '▾' : '▸'}</span>
          </button>
        ) : (
          <span className="w-3.5 shrink-0" aria-hidden />
        )}
        <span className="min-w-0">
          <span className="block truncate font-mono text-xs font-medium" title={name}>
            {row.path[row.path.length - 1]}
          </span>
          {row.path.length === 1 && (
            <Link
              to={historyOf(name)}
              onClick={(event) => event.stopPropagation()}
              aria-label={`History of ${name}`}
              className="text-xs text-brand-700 hover:underline dark:text-brand-300"
            >
              History
            </Link>
          )}
          {schemaDifference && (
            <span className="mt-0.5 block text-xs text-violet-800 dark:text-violet-300" title={schemaDifference}>
              ◆ schema differs
            </span>
          )}
        </span>
      </span>
      {envs.map((env, column) => {
        const value = row.values[column];
        // Cells that differ from the first column are tinted; the status column says it in words.
        const differs = column > 0 && !jsonEqual(value, row.values[0]);
        const failing = marks.failing(row, column);
        const outside = marks.outsideSchema(row, column);
        return (
          <span
            role="cell"
            key={env}
            className={`min-w-0 overflow-hidden p-1 ${differs ? 'bg-amber-50/70 dark:bg-amber-900/35' : ''}`}
          >
            <button
              type="button"
              onClick={() => onOpenDiff(row, column)}
              title="Compare this value with another environment"
              className="flex h-full w-full items-start rounded px-2 py-1 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
            >
              <span className="line-clamp-2 text-xs [overflow-wrap:anywhere]">
                <span className="sr-only">{ENV_LABELS[env]}: </span>
                <CellValue value={value} failing={failing} outside={outside} />
              </span>
            </button>
          </span>
        );
      })}
      <span role="cell" className="overflow-hidden px-3 py-2">
        <StatusText row={row} envs={envs} />
      </span>
    </div>
  );
});

/** A key as a card (a phone): select, name, status and history on top, then each environment's value, labelled. */
const Card = memo(function Card({
  row,
  envs,
  marks,
  isExpanded,
  isSelected,
  isActive,
  onToggleExpand,
  onToggleSelect,
  onActivate,
  onOpenDiff,
  historyOf,
  height,
}: RowProps & { height: number }) {
  const name = row.path.join('.');
  return (
    <div
      id={rowId(row.pointer)}
      tabIndex={-1}
      style={{ height }}
      onClick={() => onActivate(row.pointer)}
      className={`overflow-hidden border-b border-slate-100 px-3 py-2 outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-500 dark:border-slate-800 ${isActive ? 'bg-brand-50 dark:bg-brand-950/40' : ''}`}
    >
      <div className="flex min-w-0 items-center gap-2">
        <input
          type="checkbox"
          aria-label={`Select ${name}`}
          checked={isSelected}
          onChange={() => onToggleSelect(row.pointer)}
          className="size-4 shrink-0"
        />
        {row.expandable && (
          <button
            type="button"
            aria-expanded={isExpanded}
            aria-label={`${isExpanded ? 'Collapse' : 'Expand'} ${name}`}
            onClick={() => onToggleExpand(row.pointer)}
            className="rounded px-1 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800"
          >
            <span aria-hidden>{isExpanded ? '▾' : '▸'}</span>
          </button>
        )}
        <span className="min-w-0 flex-1 truncate font-mono text-xs font-medium" title={name}>
          {name}
        </span>
        <span className="shrink-0">
          <StatusText row={row} envs={envs} />
        </span>
        {row.path.length === 1 && (
          <Link
            to={historyOf(name)}
            onClick={(event) => event.stopPropagation()}
            aria-label={`History of ${name}`}
            className="shrink-0 text-xs text-brand-700 hover:underline dark:text-brand-300"
          >
            History
          </Link>
        )}
      </div>
      <dl className="mt-1 space-y-1">
        {envs.map((env, column) => {
          const value = row.values[column];
          const differs = column > 0 && !jsonEqual(value, row.values[0]);
          return (
            <div key={env} className={`rounded ${differs ? 'bg-amber-50/70 dark:bg-amber-900/35' : ''}`}>
              <dt className="sr-only">{ENV_LABELS[env]}</dt>
              <dd>
                <button
                  type="button"
                  onClick={() => onOpenDiff(row, column)}
                  className="flex h-10 w-full items-start gap-2 rounded px-2 py-1 text-left text-xs hover:bg-slate-100 dark:hover:bg-slate-800"
                >
                  <span aria-hidden className="w-20 shrink-0 text-slate-600 dark:text-slate-300">
                    {ENV_LABELS[env]}
                  </span>
                  <span className="line-clamp-2 min-w-0 [overflow-wrap:anywhere]">
                    <CellValue
                      value={value}
                      failing={marks.failing(row, column)}
                      outside={marks.outsideSchema(row, column)}
                    />
                  </span>
                </button>
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
});

/** A row's status in words: same, differs, or where it is missing. */
function StatusText({ row, envs }: { row: CompareRow; envs: ClientEnv[] }) {
  const status = STATUS[row.status];
  const missingIn = envs.filter((_, i) => row.values[i] === undefined).map((env) => ENV_LABELS[env]);
  return (
    <span className={`text-xs ${status.tone}`}>
      <span aria-hidden>{status.glyph} </span>
      {row.status === 'missing' ? `Missing in ${missingIn.join(', ')}` : status.text}
    </span>
  );
}

/** One environment's value in a row or card, with what is wrong with it. */
function CellValue({ value, failing, outside }: { value: unknown; failing: boolean; outside: boolean }) {
  return (
    <>
      {failing && <span className="mr-1.5 font-sans font-medium text-red-700 dark:text-red-300">✕ fails schema</span>}
      {outside && (
        <span className="mr-1.5 font-sans font-medium text-amber-800 dark:text-amber-300">? not in schema</span>
      )}
      {value === undefined ? (
        <em className="text-slate-600 dark:text-slate-300">— not set</em>
      ) : (
        <span className="font-mono">{valuePreview(value)}</span>
      )}
    </>
  );
}
