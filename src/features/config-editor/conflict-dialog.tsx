import { useState } from 'react';
import type { ConfigPage, JsonObject } from '../../../contract/agents-api.ts';
import { Button } from '../../components/ui/button.tsx';
import { Modal } from '../../components/ui/modal.tsx';
import { formatValue } from '../../components/ui/value-change.tsx';
import type { Choice } from './resolve-conflict.ts';
import { agree } from '../../../contract/plural.ts';

type Props = {
  /** The keys both this user and someone else changed. */
  keys: readonly string[];
  base: JsonObject;
  latest: ConfigPage;
  mine: JsonObject;
  schemaChanged: boolean;
  /** The user decided: their choice per key. Nothing has been sent. */
  onResolve: (choices: Record<string, Choice>) => void;
  onCancel: () => void;
};

const COLUMNS = [
  { id: 'base', label: 'When you opened the page', tone: 'bg-slate-100 dark:bg-slate-800' },
  {
    id: 'theirs',
    label: 'Theirs (on the server now)',
    tone: 'bg-amber-50 text-amber-950 dark:bg-amber-950/40 dark:text-amber-100',
  },
  { id: 'mine', label: 'Yours', tone: 'bg-brand-50 text-brand-950 dark:bg-brand-950/60 dark:text-brand-100' },
] as const;

/**
 * Someone else saved the same keys while this user was editing. Each such key is shown three ways — as it was, as
 * they left it, as this user has it — and the user picks one per key. Nothing is sent from here: the choices become
 * the draft, which goes through the usual review.
 */
export function ConflictDialog({ keys, base, latest, mine, schemaChanged, onResolve, onCancel }: Props) {
  const [choices, setChoices] = useState<Record<string, Choice>>(() =>
    Object.fromEntries(keys.map((key) => [key, 'mine'])),
  );
  const values = (key: string) => ({ base: base[key], theirs: latest.variables?.[key], mine: mine[key] });
  return (
    <Modal labelledBy="conflict-title" onClose={onCancel} className="w-[min(60rem,calc(100vw-2rem))] p-0">
      <form
        method="dialog"
        className="space-y-4 p-6"
        onSubmit={(event) => {
          event.preventDefault();
          onResolve(choices);
        }}
      >
        <h2 id="conflict-title" className="text-lg font-semibold">
          {keys.length === 0
            ? "The page's schema changed while you were editing"
            : `Someone else changed ${agree(keys.length, 'a key', `${keys.length} keys`)} you edited`}
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Nothing was saved. Choose which value to keep for each key; their other changes are kept as they are. You
          review the result before anything is sent.
        </p>
        {schemaChanged && (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-100">
            The page's schema changed too: the form will use the new schema, and your values are checked against it
            before saving.
          </p>
        )}
        <ul className="max-h-[55vh] space-y-4 overflow-auto">
          {keys.map((key) => (
            <li key={key} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
              <fieldset>
                <legend className="font-mono text-sm font-semibold">{key}</legend>
                <div className="mt-2 grid gap-2 md:grid-cols-3">
                  {COLUMNS.map((column) => (
                    <div key={column.id}>
                      <p className="text-xs text-slate-600 dark:text-slate-400">{column.label}</p>
                      <pre
                        aria-label={`${key} ${column.id}`}
                        className={`max-h-40 overflow-auto whitespace-pre-wrap break-words rounded p-2 text-xs ${column.tone}`}
                      >
                        {formatValue(values(key)[column.id], column.id === 'mine' ? '(emptied)' : undefined)}
                      </pre>
                    </div>
                  ))}
                </div>
                <div className="mt-2 flex gap-4 text-sm">
                  {(['mine', 'theirs'] as const).map((choice) => (
                    <label key={choice} className="inline-flex items-center gap-1.5">
                      <input
                        type="radio"
                        name={`choice-${key}`}
                        checked={choices[key] === choice}
                        onChange={() => setChoices((current) => ({ ...current, [key]: choice }))}
                      />
                      {choice === 'mine' ? 'Keep yours' : 'Take theirs'}
                    </label>
                  ))}
                </div>
              </fieldset>
            </li>
          ))}
        </ul>
        <div className="flex justify-end gap-2">
          <Button onClick={onCancel}>Decide later</Button>
          <Button type="submit" variant="primary">
            Use these values and review
          </Button>
        </div>
      </form>
    </Modal>
  );
}
