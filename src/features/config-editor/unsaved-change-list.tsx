import type { JsonObject } from '../../../contract/agents-api.ts';
import { acceptsNull } from '../../components/schema-form/accepts-null.ts';
import type { TopLevelDiff } from '../../lib/changed-keys.ts';
import { agree } from '../../../contract/plural.ts';

/** Beyond this many, the list names the first ones and counts the rest: the review dialog shows them all. */
const LISTED = 12;

type Props = {
  schema: JsonObject;
  diff: TopLevelDiff;
  /** Keys whose value on the server changed since the form was loaded. */
  theirKeys: readonly string[];
  onUndo: (key: string) => void;
  onSetNull: (key: string) => void;
};

const action =
  'rounded px-1.5 text-xs font-medium text-brand-700 hover:bg-brand-50 dark:text-brand-300 dark:hover:bg-brand-950';

/**
 * The keys this save would touch, each with its own undo; an emptied key (which PATCH cannot express) with the
 * deliberate ways out. Works the same whether the edit came from the form, the JSON view or an import.
 */
export function UnsavedChangeList({ schema, diff, theirKeys, onUndo, onSetNull }: Props) {
  const entries = [
    ...diff.changedKeys.map((key) => ({ key, emptied: false })),
    ...diff.clearedKeys.map((key) => ({ key, emptied: true })),
  ];
  const overlapping = theirKeys.filter((key) => key in diff.patch || diff.clearedKeys.includes(key));
  return (
    <div className="space-y-2 text-sm">
      {entries.length > 0 && (
        <ul aria-label="Unsaved changes" className="space-y-1">
          {entries.slice(0, LISTED).map(({ key, emptied }) => (
            <li key={key} className="flex flex-wrap items-center gap-x-1">
              <code className="min-w-0 truncate text-xs" title={key}>
                {key}
              </code>
              {emptied && <span className="text-xs text-amber-800 dark:text-amber-300">emptied</span>}
              {diff.patch[key] === null && <span className="text-xs text-slate-600 dark:text-slate-400">→ null</span>}
              <span className="ml-auto">
                {emptied && acceptsNull(schema, key) && (
                  <button
                    type="button"
                    className={action}
                    onClick={() => onSetNull(key)}
                    aria-label={`Set ${key} to null instead`}
                  >
                    Set to null
                  </button>
                )}
                <button type="button" className={action} onClick={() => onUndo(key)} aria-label={`Undo ${key}`}>
                  Undo
                </button>
              </span>
            </li>
          ))}
          {entries.length > LISTED && (
            <li className="text-xs text-slate-600 dark:text-slate-400">and {entries.length - LISTED} more</li>
          )}
        </ul>
      )}
      {diff.clearedKeys.length > 0 && (
        <p role="alert" className="text-amber-800 dark:text-amber-300">
          {agree(diff.clearedKeys.length, 'An emptied key', 'Emptied keys')} cannot be saved: the API cannot remove a
          key. Set {agree(diff.clearedKeys.length, 'it', 'each')} to null where the schema allows it, or undo.
        </p>
      )}
      {theirKeys.length > 0 && (
        <p className="text-amber-800 dark:text-amber-300">
          Changed on the server since you opened the page: {theirKeys.join(', ')}.{' '}
          {overlapping.length > 0
            ? `You edited ${overlapping.join(', ')} too: saving will show both versions and send nothing until you choose.`
            : 'You did not edit those keys: saving sends only yours on top.'}
        </p>
      )}
    </div>
  );
}
