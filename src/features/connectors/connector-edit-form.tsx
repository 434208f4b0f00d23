import { useState } from 'react';
import type { Connector } from '../../../contract/agents-api.ts';
import { ttsLangCodeOf } from '../../../contract/voices.ts';
import { useUpdateConnector } from '../../api/connectors.ts';
import { useChangeRequestActions, usePolicy } from '../../api/change-requests.ts';
import { isClientEnv, type ClientEnv } from '../../../contract/client-envs.ts';
import { plural } from '../../../contract/plural.ts';
import { NoteField, noteSatisfied } from '../../components/ui/note-field.tsx';
import { paths } from '../../lib/paths.ts';
import { useNavigate } from 'react-router';
import { Button } from '../../components/ui/button.tsx';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import { Modal } from '../../components/ui/modal.tsx';
import { isConfirmed, TypeToConfirm } from '../../components/ui/type-to-confirm.tsx';
import { ChangeList } from './change-list.tsx';
import { connectorPatch, describePatch, EDIT_LABELS, patchProblems, type ConnectorEdit } from './connector-changes.ts';
import { listFor, PatchProblems, SuggestionList, type Suggestions } from './connector-suggestions.tsx';

const input =
  'mt-1 block w-full rounded-md border-0 bg-white px-2.5 py-1.5 font-mono text-sm ring-1 ring-inset ring-slate-300 dark:bg-slate-950 dark:ring-slate-700';

/** Edits variant, ASR language and voice; a review shows old → new and sends only what changed. */
type Props = { agentId: string; connector: Connector; suggestions: Suggestions; onSaved: (saved: Connector) => void };

export function ConnectorEditForm({ agentId, connector, suggestions, onSaved }: Props) {
  const update = useUpdateConnector(agentId, connector.connectorId);
  const env = connector.clientEnv;
  // Under an approval rule for its environment, a connector change is requested, not saved.
  const policy = usePolicy(agentId, (isClientEnv(env) ? env : 'live') as ClientEnv);
  const requests = useChangeRequestActions(agentId);
  const navigate = useNavigate();
  const [note, setNote] = useState('');
  const [edit, setEdit] = useState<Required<ConnectorEdit>>({
    variantId: connector.variantId,
    asrLangCode: connector.asrLangCode,
    voiceName: connector.voiceName,
  });
  const [reviewing, setReviewing] = useState(false);
  const [typed, setTyped] = useState('');
  const body = connectorPatch(connector, edit);
  const changed = Object.keys(body).length;
  const problems = patchProblems(connector, body);
  const tts = ttsLangCodeOf(edit.voiceName.trim());

  async function send() {
    if (policy && isClientEnv(env)) {
      const opened = await requests.open
        .mutateAsync({
          clientEnv: env,
          kind: 'connector',
          body: { connectorId: connector.connectorId, changes: body },
          baseVersion: 'current',
          note,
        })
        .catch(() => undefined);
      if (opened) navigate(paths.changeRequest(agentId, opened.id));
      return;
    }
    const saved = await update.mutateAsync(body).catch(() => undefined);
    setReviewing(false);
    if (saved) onSaved(saved);
  }

  return (
    <form
      className="mt-3 space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (changed > 0 && problems.refused.length === 0) setReviewing(true);
      }}
    >
      {(Object.keys(EDIT_LABELS) as (keyof ConnectorEdit)[]).map((field) => (
        <div key={field}>
          <label htmlFor={`edit-${field}`} className="block text-sm font-medium">
            {EDIT_LABELS[field]}
          </label>
          <input
            id={`edit-${field}`}
            list={listFor(field, 'edit')}
            value={edit[field]}
            onChange={(e) => setEdit({ ...edit, [field]: e.target.value })}
            className={input}
            placeholder={field === 'variantId' ? 'empty: unassigned' : undefined}
          />
          {field === 'voiceName' && (
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
              {tts ? `TTS language: ${tts} (follows the voice)` : 'A voice name looks like en-GB-Neural2-A.'}
            </p>
          )}
        </div>
      ))}
      <SuggestionList id="edit-voices" values={suggestions.voices} />
      <SuggestionList id="edit-langs" values={suggestions.langs} />
      <PatchProblems refused={problems.refused} warnings={[]} />
      {update.isError && (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          Not saved: {update.error.message}
        </p>
      )}
      {policy && (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Changes to {ENV_LABELS[env as keyof typeof ENV_LABELS] ?? env} connectors need{' '}
          {plural(policy.approvals, 'approval', 'approvals')}: reviewing opens a change request.
        </p>
      )}
      <Button type="submit" variant="primary" disabled={changed === 0 || problems.refused.length > 0}>
        Review changes…
      </Button>
      {reviewing && (
        <Modal
          labelledBy="connector-review-title"
          onClose={() => setReviewing(false)}
          className="w-[min(36rem,calc(100vw-2rem))] p-6"
        >
          <h2 id="connector-review-title" className="text-lg font-semibold">
            Change {connector.name} ({ENV_LABELS[env as keyof typeof ENV_LABELS] ?? env})
          </h2>
          <div className="mt-3">
            <ChangeList lines={describePatch(connector, body)} />
            <PatchProblems refused={[]} warnings={problems.warnings} />
          </div>
          <details className="mt-3 text-sm">
            <summary>Exactly what is sent (request body)</summary>
            <pre className="mt-1 rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
              {JSON.stringify(body, null, 2)}
            </pre>
          </details>
          {policy && (
            <div className="mt-3">
              <NoteField value={note} onChange={setNote} required />
            </div>
          )}
          {env === 'live' && !policy && (
            <div className="mt-3">
              <TypeToConfirm word="live" value={typed} onChange={setTyped} />
            </div>
          )}
          {requests.open.error && (
            <p role="alert" className="mt-3 text-sm text-red-800 dark:text-red-300">
              The change request could not be opened: {requests.open.error.message}
            </p>
          )}
          <div className="mt-4 flex justify-end gap-2">
            <Button onClick={() => setReviewing(false)}>Keep editing</Button>
            {policy ? (
              <Button
                variant="primary"
                disabled={!noteSatisfied(true, note) || requests.open.isPending}
                onClick={() => void send()}
              >
                Request approval
              </Button>
            ) : (
              <Button
                variant={env === 'live' ? 'danger' : 'primary'}
                disabled={!isConfirmed(env, typed) || update.isPending}
                onClick={() => void send()}
              >
                {update.isPending ? 'Saving…' : 'Save connector'}
              </Button>
            )}
          </div>
        </Modal>
      )}
    </form>
  );
}
