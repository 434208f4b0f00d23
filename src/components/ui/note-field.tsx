import { NOTE_MAX_LENGTH } from '../../../contract/history-values.ts';

type Props = { value: string; onChange: (value: string) => void; required: boolean; id?: string };

/** "Why" for the history: optional, unless the team requires one for live (then the write waits for it). */
export function NoteField({ value, onChange, required, id = 'change-note' }: Props) {
  return (
    <div className="text-sm">
      <label htmlFor={id} className="font-medium">
        Note{' '}
        {required ? (
          <span className="text-red-800 dark:text-red-300">(required for live)</span>
        ) : (
          <span className="font-normal text-slate-600 dark:text-slate-400">(optional)</span>
        )}
      </label>
      <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
        Why this change? It is kept in the history with your name.
      </p>
      <textarea
        id={id}
        rows={2}
        maxLength={NOTE_MAX_LENGTH}
        required={required}
        aria-describedby={`${id}-hint`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="mt-1 block w-full rounded-md border-0 px-2 py-1 text-sm ring-1 ring-inset ring-slate-300 dark:bg-slate-950 dark:ring-slate-700"
      />
    </div>
  );
}

/** Whether a write may be sent as far as its note goes. */
export const noteSatisfied = (required: boolean, note: string) => !required || note.trim() !== '';
