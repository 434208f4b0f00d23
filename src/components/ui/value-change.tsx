import type { ReactNode } from 'react';

/** One key's value before and after a write, side by side, as formatted JSON (rendered as text, never as markup). */
const show = (value: unknown) => (value === undefined ? '(not set)' : JSON.stringify(value, null, 2));

type Props = { name: string; before: unknown; after: unknown; beforeLabel?: string; afterLabel?: string; children?: ReactNode };

export function ValueChange({ name, before, after, beforeLabel = 'Before', afterLabel = 'After', children }: Props) {
  return (
    <li className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <p className="font-mono text-sm font-semibold">{name}</p>
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        <div>
          <p className="text-xs text-slate-500 dark:text-slate-400">{beforeLabel}</p>
          <pre aria-label={`${name} before`} className="max-h-48 overflow-auto whitespace-pre-wrap break-words rounded bg-red-50 p-2 text-xs text-red-900 dark:bg-red-950/40 dark:text-red-200">
            {show(before)}
          </pre>
        </div>
        <div>
          <p className="text-xs text-slate-500 dark:text-slate-400">{afterLabel}</p>
          <pre aria-label={`${name} after`} className="max-h-48 overflow-auto whitespace-pre-wrap break-words rounded bg-emerald-50 p-2 text-xs text-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-200">
            {show(after)}
          </pre>
        </div>
      </div>
      {children}
    </li>
  );
}
