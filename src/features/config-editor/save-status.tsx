import { Link } from 'react-router';
import type { ConfigPage } from '../../../contract/agents-api.ts';
import { ApiError } from '../../api/http-client.ts';
import { Button } from '../../components/ui/button.tsx';
import { OutcomeMessage } from '../../components/ui/outcome-message.tsx';
import { Timestamp } from '../../components/ui/timestamp.tsx';
import type { SaveState } from './use-save-variables.ts';
import { plural } from '../../../contract/plural.ts';

type Props = {
  state: SaveState;
  /** Where the saved change is shown (the page's history). */
  historyLink: string;
  onLoadLatest: (page: ConfigPage) => void;
  onRetry: () => void;
  onChoose: () => void;
};

/** What the last save did, in words: saved, refused because of a conflict, or failed (and whether it may have landed). */
export function SaveStatus({ state, historyLink, onLoadLatest, onRetry, onChoose }: Props) {
  if (state.kind === 'saved') {
    // Keyed by the version saved: each save's message takes focus.
    return (
      <OutcomeMessage key={state.page.lastUpdated}>
        <p className="font-medium">Saved {plural(state.sentKeys.length, 'key', 'keys')}.</p>
        <p>
          Server time: <Timestamp iso={state.page.lastUpdated} />
        </p>
        {state.theirKeys.length > 0 && (
          <p className="mt-1">Also loaded changes made elsewhere to: {state.theirKeys.join(', ')}.</p>
        )}
        <Link className="font-medium underline" to={historyLink}>
          See it in the history
        </Link>
      </OutcomeMessage>
    );
  }
  if (state.kind === 'conflict') {
    return (
      <div
        role="alert"
        className="space-y-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950/40 dark:text-amber-200"
      >
        <p className="font-medium">Nothing was saved: someone else changed this page.</p>
        {state.keys.length > 0 && <p>They changed the same keys you did: {state.keys.join(', ')}.</p>}
        {state.schemaChanged && <p>The page's schema changed too.</p>}
        <div className="flex flex-wrap gap-2">
          <Button onClick={onChoose}>{state.keys.length > 0 ? 'Choose per key' : 'Keep my edits'}</Button>
          <Button onClick={() => onLoadLatest(state.latest)}>Discard mine and load theirs</Button>
        </div>
      </div>
    );
  }
  if (state.kind === 'failed') {
    const { error, landed } = state;
    const known = error instanceof ApiError && !error.outcomeUnknown;
    const headline = known
      ? 'The server refused the save.'
      : landed === false
        ? 'Not saved: the server did not confirm, and the page does not have your changes.'
        : 'The outcome is unknown: the server did not answer and the page could not be checked.';
    return (
      <div
        role="alert"
        className="space-y-2 rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950/40 dark:text-red-200"
      >
        <p className="font-medium">{headline}</p>
        <p>{error instanceof Error ? error.message : String(error)}</p>
        {error instanceof ApiError &&
          error.fieldErrors.map((fe) => (
            <p key={fe.path + fe.message} className="font-mono text-xs">
              {fe.path || '(root)'}: {fe.message}
            </p>
          ))}
        <p>Your edits are kept.</p>
        {!known && <Button onClick={onRetry}>{landed === false ? 'Retry' : 'Check and retry'}</Button>}
      </div>
    );
  }
  return null;
}
