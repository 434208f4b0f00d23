import type { ReactNode } from 'react';
import { isNestedPair, leafChanges, readablePath } from '../../lib/nested-changes.ts';
import { wordDiff } from '../../lib/word-diff.ts';
import { MarkedWords } from './marked-words.tsx';

/** A value as formatted JSON text (rendered as text, never as markup); `missing` stands in for an absent one. */
export const formatValue = (value: unknown, missing = '(not set)') =>
  value === undefined ? missing : JSON.stringify(value, null, 2);
const inline = (value: unknown) => (value === undefined ? '(not set)' : JSON.stringify(value));

type Props = {
  name: string;
  before: unknown;
  after: unknown;
  beforeLabel?: string;
  afterLabel?: string;
  children?: ReactNode;
};

/**
 * Scalars side by side; two objects (or two arrays) as the list of leaves that change, with the whole values one
 * click away — reading a diff out of two JSON blobs is how a wrong save gets approved.
 */
export function ValueChange({ name, before, after, beforeLabel = 'Before', afterLabel = 'After', children }: Props) {
  const nested = isNestedPair(before, after);
  const sides = (
    <WholeValues name={name} before={before} after={after} beforeLabel={beforeLabel} afterLabel={afterLabel} />
  );
  return (
    <li className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <p className="font-mono text-sm font-semibold">{name}</p>
      {nested ? (
        <>
          <LeafChangeList name={name} before={before} after={after} />
          <details className="mt-2 text-xs">
            <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Whole values</summary>
            {sides}
          </details>
        </>
      ) : (
        sides
      )}
      {children}
    </li>
  );
}

function LeafChangeList({ name, before, after }: { name: string; before: unknown; after: unknown }) {
  const changes = leafChanges(before, after);
  return (
    <ul aria-label={`${name} changes`} className="mt-2 space-y-1 text-xs">
      {changes.map((change) => {
        const path = readablePath(change.path) || '(whole value)';
        return (
          <li key={path} className="flex flex-wrap items-baseline gap-x-2 font-mono">
            <span className="font-semibold">{path}</span>
            {change.kind === 'added' ? (
              <span className="text-emerald-800 dark:text-emerald-300">added {inline(change.after)}</span>
            ) : change.kind === 'removed' ? (
              <span className="text-red-800 line-through dark:text-red-300">removed {inline(change.before)}</span>
            ) : (
              <span>
                <span className="text-red-800 line-through dark:text-red-300">{inline(change.before)}</span>
                {' → '}
                <span className="text-emerald-800 dark:text-emerald-300">{inline(change.after)}</span>
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

type SidesProps = { name: string; before: unknown; after: unknown; beforeLabel: string; afterLabel: string };

function WholeValues({ name, before, after, beforeLabel, afterLabel }: SidesProps) {
  // Two texts: the words that changed are marked on each side (the text itself reads exactly as the value).
  const words =
    typeof before === 'string' && typeof after === 'string'
      ? wordDiff(formatValue(before), formatValue(after))
      : undefined;
  return (
    <div className="mt-2 grid gap-2 sm:grid-cols-2">
      <div>
        <p className="text-xs text-slate-500 dark:text-slate-400">{beforeLabel}</p>
        <pre
          aria-label={`${name} before`}
          className="max-h-48 overflow-auto whitespace-pre-wrap break-words rounded bg-red-50 p-2 text-xs text-red-900 dark:bg-red-950/40 dark:text-red-200"
        >
          {words ? <MarkedWords parts={words.before} /> : formatValue(before)}
        </pre>
      </div>
      <div>
        <p className="text-xs text-slate-500 dark:text-slate-400">{afterLabel}</p>
        <pre
          aria-label={`${name} after`}
          className="max-h-48 overflow-auto whitespace-pre-wrap break-words rounded bg-emerald-50 p-2 text-xs text-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-200"
        >
          {words ? <MarkedWords parts={words.after} /> : formatValue(after)}
        </pre>
      </div>
    </div>
  );
}
