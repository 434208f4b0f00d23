import type { JsonObject } from '../../../contract/agents-api.ts';
import { Button } from '../../components/ui/button.tsx';
import { Timestamp } from '../../components/ui/timestamp.tsx';
import type { Draft } from './drafts.ts';
import { plural } from '../../../contract/plural.ts';

type Props = { draft: Draft; applied: boolean; current: JsonObject; onApply: () => void; onDiscard: () => void };

const show = (value: unknown) => (value === undefined ? '(not set)' : JSON.stringify(value));

/**
 * Unsaved edits found in this browser. Made on the current version: already restored, and said so. Made on an older
 * version: shown against the current values, applied only if the user asks.
 */
export function DraftBanner({ draft, applied, current, onApply, onDiscard }: Props) {
  const keys = Object.keys(draft.changes);
  if (applied) {
    return (
      <div
        role="status"
        className="mb-5 flex flex-wrap items-center justify-between gap-2 rounded-md border border-brand-200 bg-brand-50 px-3 py-2 text-sm text-brand-900 dark:border-brand-800 dark:bg-brand-950 dark:text-brand-100"
      >
        <span>
          Restored {plural(keys.length, 'unsaved change', 'unsaved changes')} from <Timestamp iso={draft.savedAt} />.
        </span>
      </div>
    );
  }
  return (
    <div
      role="alert"
      className="mb-5 space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <p className="font-medium">
        Unsaved changes from <Timestamp iso={draft.savedAt} /> were made on an older version of this page.
      </p>
      <ul className="space-y-1">
        {keys.map((key) => (
          <li key={key} className="font-mono text-xs">
            <span className="font-semibold">{key}</span>: yours {show(draft.changes[key])} · now {show(current[key])}
          </li>
        ))}
      </ul>
      <div className="flex gap-2">
        <Button onClick={onApply}>Apply mine to the current version</Button>
        <Button onClick={onDiscard}>Discard them</Button>
      </div>
    </div>
  );
}
