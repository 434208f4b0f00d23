import { useRef, type ReactNode } from 'react';
import { flexRender, type Row, type Table } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';

type Props<T> = {
  table: Table<T>;
  label: string;
  /** CSS grid columns, one per visible column. */
  columns: string;
  /** Rendered in place of a grouped row's cells. */
  renderGroup?: (row: Row<T>) => ReactNode;
};

const ROW_HEIGHT = 52;

/**
 * A react-table instance as an accessible grid of rows, of which only those near the viewport are in the DOM: ten
 * thousand connectors cost what thirty do. Header buttons sort (and say how, through aria-sort).
 */
export function DataTable<T>({ table, label, columns, renderGroup }: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  // The virtualizer's functions change identity as it measures; this table is not compiled or memoised around them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4,
    initialRect: { width: 1280, height: 720 },
  });
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
