import { useState } from 'react';
import type { ClientEnv, JsonObject } from '../../../contract/agents-api.ts';
import { Button } from '../../components/ui/button.tsx';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import { Modal } from '../../components/ui/modal.tsx';

type Props = {
  env: ClientEnv;
  before: JsonObject;
  patch: JsonObject;
  onConfirm: () => void;
  onCancel: () => void;
};

const show = (value: unknown) => (value === undefined ? '(not set)' : JSON.stringify(value, null, 2));

/** Shows exactly what a save sends, old → new per key; live needs the word "live" typed before it is sent. */
export function ReviewDialog({ env, before, patch, onConfirm, onCancel }: Props) {
  const [typed, setTyped] = useState('');
  const needsTyping = env === 'live';
  const confirmed = !needsTyping || typed.trim() === 'live';
  const keys = Object.keys(patch);
  return (
    <Modal labelledBy="review-title" onClose={onCancel} className="w-[min(44rem,calc(100vw-2rem))] p-0">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (confirmed) onConfirm();
        }}
        className="space-y-4 p-6"
      >
        <h2 id="review-title" className="text-lg font-semibold">
          Review {keys.length === 1 ? '1 change' : `${keys.length} changes`} to {ENV_LABELS[env]}
        </h2>
        <ul className="max-h-[45vh] space-y-3 overflow-auto">
          {keys.map((key) => (
            <li key={key} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
              <p className="font-mono text-sm font-semibold">{key}</p>
              <div className="mt-2 grid gap-2 sm:grid-cols-2">
                <pre aria-label={`${key} before`} className="overflow-auto whitespace-pre-wrap break-words rounded bg-red-50 p-2 text-xs text-red-900 dark:bg-red-950/40 dark:text-red-200">
                  {show(before[key])}
                </pre>
                <pre aria-label={`${key} after`} className="overflow-auto whitespace-pre-wrap break-words rounded bg-emerald-50 p-2 text-xs text-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-200">
                  {show(patch[key])}
                </pre>
              </div>
            </li>
          ))}
        </ul>
        <details className="text-sm">
          <summary>Request body</summary>
          <pre className="mt-2 max-h-48 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
            {JSON.stringify({ variables: patch }, null, 2)}
          </pre>
        </details>
        {needsTyping && (
          <div className="rounded-md border border-red-300 bg-red-50 p-3 text-sm dark:border-red-800 dark:bg-red-950/40">
            <label htmlFor="confirm-live" className="font-medium text-red-900 dark:text-red-200">
              Live callers hear this at once. Type <kbd className="font-mono">live</kbd> to confirm.
            </label>
            <input
              id="confirm-live"
              autoComplete="off"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              className="mt-2 block w-40 rounded-md border-0 px-2 py-1 font-mono text-sm ring-1 ring-inset ring-red-300 dark:bg-slate-950 dark:ring-red-800"
            />
          </div>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={onCancel}>Keep editing</Button>
          <Button type="submit" variant={env === 'live' ? 'danger' : 'primary'} disabled={!confirmed}>
            Save to {ENV_LABELS[env]}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
