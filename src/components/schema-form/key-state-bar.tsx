/**
 * One line above each top-level key of the form: whether the page stores it (absent, null or a value), whether it is
 * edited, and whether someone else changed it meanwhile — with the deliberate actions (set to null, undo) next to it.
 * A form field alone cannot show the difference between "not set" and "set to the default" or "set to null".
 */
import { Link } from 'react-router';
import { Badge } from '../ui/badge.tsx';

export type KeyState = {
  /** What the page stores for the key now (before this user's edits). */
  stored: 'absent' | 'null' | 'value';
  /** The draft's value differs from what was loaded. */
  edited: boolean;
  /** The edit empties a stored key: the API cannot remove keys, so this must be resolved before saving. */
  emptied: boolean;
  /** The draft holds null for the key. */
  isNull: boolean;
  /** The page on the server has a different value for the key than the one this form was loaded from. */
  changedOnServer: boolean;
  /** The key's schema accepts null, so "set to null" is a valid way to clear it. */
  nullable: boolean;
  /** The value is an object or array: its section can be collapsed. */
  collapsible: boolean;
};

/** What a one-form page gives its field template (rjsf's formContext) to draw each top-level key's state. */
export type KeyStateContext = {
  states: Record<string, KeyState>;
  collapsed: string[];
  onKeyAction: (key: string, action: 'undo' | 'null' | 'toggle') => void;
  historyOf?: (key: string) => string;
};

type Props = {
  name: string;
  state: KeyState;
  collapsed: boolean;
  onAction: (key: string, action: 'undo' | 'null' | 'toggle') => void;
  /** Where this key's history (who changed it, when, why, its values over time) is shown. */
  historyHref?: string;
};

/** What stands in for a collapsed key's fields. */
export function CollapsedNote({ title }: { title: string }) {
  return (
    <p className="rounded-lg border border-dashed border-slate-300 px-4 py-2 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
      {title} is collapsed.
    </p>
  );
}

const action =
  'rounded px-1.5 py-0.5 font-medium text-brand-700 hover:bg-brand-50 dark:text-brand-300 dark:hover:bg-brand-950';

export function KeyStateBar({ name, state, collapsed, onAction, historyHref }: Props) {
  const { stored, edited, emptied, isNull, changedOnServer, nullable, collapsible } = state;
  return (
    <div className="mb-1.5 flex min-h-6 flex-wrap items-center gap-x-2 gap-y-1 text-xs" data-key-state={name}>
      <code className="text-slate-500 dark:text-slate-400">{name}</code>
      {stored === 'absent' && !edited && <Badge>Not set — not saved unless you change it</Badge>}
      {stored === 'null' && !edited && <Badge>null</Badge>}
      {emptied && <Badge tone="warn">Emptied — the API cannot remove a key: set it to null or undo</Badge>}
      {edited && !emptied && <Badge tone="info">{isNull ? 'Edited: set to null' : 'Edited'}</Badge>}
      {changedOnServer && <Badge tone="warn">Changed on server since you opened the page</Badge>}
      <span className="ml-auto flex gap-1">
        {historyHref && (
          <Link to={historyHref} className={action} aria-label={`History of ${name}`}>
            History
          </Link>
        )}
        {nullable && !isNull && (emptied || stored !== 'absent') && (
          <button
            type="button"
            className={action}
            onClick={() => onAction(name, 'null')}
            aria-label={`Set ${name} to null`}
          >
            Set to null
          </button>
        )}
        {edited && (
          <button
            type="button"
            className={action}
            onClick={() => onAction(name, 'undo')}
            aria-label={`Undo the edit of ${name}`}
          >
            Undo
          </button>
        )}
        {collapsible && (
          <button
            type="button"
            className={action}
            aria-expanded={!collapsed}
            onClick={() => onAction(name, 'toggle')}
            aria-label={`${collapsed ? 'Expand' : 'Collapse'} ${name}`}
          >
            {collapsed ? '▸ Expand' : '▾ Collapse'}
          </button>
        )}
      </span>
    </div>
  );
}
