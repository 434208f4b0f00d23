/** The typed confirmation before a write to live: the user types the environment's name, so no click reaches it by habit. */
export function TypeToConfirm({
  word,
  value,
  onChange,
}: {
  word: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="rounded-md border border-red-300 bg-red-50 p-3 text-sm dark:border-red-800 dark:bg-red-950/40">
      <label htmlFor="confirm-live" className="font-medium text-red-900 dark:text-red-200">
        Live callers hear this at once. Type <kbd className="font-mono">{word}</kbd> to confirm.
      </label>
      <input
        id="confirm-live"
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="mt-2 block w-40 rounded-md border-0 px-2 py-1 font-mono text-sm ring-1 ring-inset ring-red-300 dark:bg-slate-950 dark:ring-red-800"
      />
    </div>
  );
}

/** Live writes need the word typed; other environments do not. */
export const isConfirmed = (env: string, typed: string) => env !== 'live' || typed.trim() === 'live';
