import { useRef, type ReactNode } from 'react';
import { flexRender, type Cell, type Row, type Table } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { usePhone } from '../../lib/use-media-query.ts';

type Props<T> = {
  table: Table<T>;
  label: string;
  /** CSS grid columns, one per visible column. */
  columns: string;
  /** Rendered in place of a grouped row's cells. */
  renderGroup?: (row: Row<T>) => ReactNode;
  /**
   * On a phone each row is a card: the `title` column's cell (beside the `select` column's, if shown), then the
   * `fields` columns as label and value, one per line — what matters, without scrolling sideways.
   */
  card: { title: string; fields: string[] };
};

const ROW_HEIGHT = 52;
const GROUP_HEIGHT = 44;
/** A card's title (two lines) and its padding, then a line per field. */
const cardHeight = (fields: number) => 60 + fields * 24;

/**
 * A react-table instance as an accessible grid of rows, of which only those near the viewport are in the DOM: ten
 * thousand connectors cost what thirty do. Header buttons sort (and say how, through aria-sort).
 */
export function DataTable<T>({ table, label, columns, renderGroup, card }: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  const phone = usePhone();
  // The virtualizer's functions change identity as it measures; this table is not compiled or memoised around them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4,
    initialRect: { width: 1280, height: 720 },
  });
  if (phone) return <Cards rows={rows} label={label} card={card} renderGroup={renderGroup} />;
  const grid = { gridTemplateColumns: columns };
  return (
    // A narrow window scrolls the table sideways inside its own box; the page itself never does.
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div role="table" aria-label={label} aria-rowcount={rows.length + 1} className="w-max min-w-full text-sm">
        <div role="rowgroup">
          {table.getHeaderGroups().map((group) => (
            <div
              role="row"
              aria-rowindex={1}
              key={group.id}
              style={grid}
              className="grid border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:border-slate-800 dark:bg-slate-800/60 dark:text-slate-300"
            >
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <div
                    role="columnheader"
                    key={header.id}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    className="flex min-w-0 items-center px-3 py-2"
                  >
                    {header.column.getCanSort() ? (
                      // The label gives way (truncated) before the arrow, and neither runs into the next column.
                      <button
                        type="button"
                        onClick={header.column.getToggleSortingHandler()}
                        className="flex min-w-0 max-w-full items-center gap-1.5 uppercase hover:text-slate-900 dark:hover:text-white"
                      >
                        <span className="truncate">
                          {flexRender(header.column.columnDef.header, header.getContext())}
                        </span>
                        <span aria-hidden className="w-2.5 shrink-0 text-[10px]">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                        </span>
                      </button>
                    ) : (
                      flexRender(header.column.columnDef.header, header.getContext())
                    )}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
        <div ref={scroller} role="rowgroup" className="max-h-[min(70vh,52rem)] overflow-auto">
          <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              return (
                <div
                  role="row"
                  aria-rowindex={item.index + 2}
                  key={item.key}
                  style={{ ...grid, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                  className={`absolute left-0 top-0 grid w-full items-center border-b border-slate-100 [contain:strict] dark:border-slate-800 ${
                    row.getIsSelected()
                      ? 'bg-brand-50 dark:bg-brand-950/40'
                      : row.getIsGrouped()
                        ? 'bg-slate-50 dark:bg-slate-800/40'
                        : ''
                  }`}
                >
                  {row.getIsGrouped() && renderGroup ? (
                    <div role="cell" className="col-span-full px-3">
                      {renderGroup(row)}
                    </div>
                  ) : (
                    row.getVisibleCells().map((cell) => (
                      <div
                        role={cell.column.id === 'name' || cell.column.id === 'number' ? 'rowheader' : 'cell'}
                        key={cell.id}
                        className="min-w-0 overflow-hidden px-3"
                      >
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </div>
                    ))
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

/** The rows as cards (a phone): virtualized like the table, each a list item with its fields labelled. */
function Cards<T>({
  rows,
  label,
  card,
  renderGroup,
}: {
  rows: Row<T>[];
  label: string;
  card: Props<T>['card'];
  renderGroup?: (row: Row<T>) => ReactNode;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const height = cardHeight(card.fields.length);
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (rows[index]?.getIsGrouped() ? GROUP_HEIGHT : height),
    overscan: 4,
    initialRect: { width: 390, height: 720 },
  });
  const cellOf = (row: Row<T>, id: string): Cell<T, unknown> | undefined =>
    row.getVisibleCells().find((cell) => cell.column.id === id);
  const render = (cell: Cell<T, unknown> | undefined) =>
    cell && flexRender(cell.column.columnDef.cell, cell.getContext());
  const labelOf = (cell: Cell<T, unknown>) => {
    const header = cell.column.columnDef.header;
    return typeof header === 'string' ? header : cell.column.id;
  };
  return (
    <div
      ref={scroller}
      role="list"
      aria-label={label}
      className="max-h-[min(75vh,52rem)] overflow-auto rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          const grouped = row.getIsGrouped();
          return (
            <div
              role="listitem"
              key={item.key}
              style={{ height: grouped ? GROUP_HEIGHT : height, transform: `translateY(${item.start}px)` }}
              className={`absolute left-0 top-0 w-full overflow-hidden border-b border-slate-100 px-3 py-2 text-sm dark:border-slate-800 ${
                row.getIsSelected()
                  ? 'bg-brand-50 dark:bg-brand-950/40'
                  : grouped
                    ? 'bg-slate-50 dark:bg-slate-800/40'
                    : ''
              }`}
            >
              {grouped && renderGroup ? (
                <div className="flex h-full items-center">{renderGroup(row)}</div>
              ) : (
                <>
                  <div className="flex min-w-0 items-start gap-2">
                    {cellOf(row, 'select') && <div className="pt-0.5">{render(cellOf(row, 'select'))}</div>}
                    <div className="min-w-0 flex-1">{render(cellOf(row, card.title))}</div>
                  </div>
                  <dl className="mt-1 grid grid-cols-[6.5rem_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs">
                    {card.fields.map((id) => {
                      const cell = cellOf(row, id);
                      if (!cell) return null;
                      return (
                        <div key={id} className="contents">
                          <dt className="truncate text-slate-500 dark:text-slate-400">{labelOf(cell)}</dt>
                          <dd className="flex h-5 min-w-0 items-center overflow-hidden">{render(cell)}</dd>
                        </div>
                      );
                    })}
                  </dl>
                </>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
