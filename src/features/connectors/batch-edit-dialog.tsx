import { useState } from 'react';
import type { BatchUpdateConnectorsResponse, Connector } from '../../../contract/agents-api.ts';
import { useNavigate } from 'react-router';
import { useBatchUpdateConnectors } from '../../api/connectors.ts';
import { useChangeRequestActions, useStrictestRule } from '../../api/change-requests.ts';
import { isClientEnv } from '../../../contract/client-envs.ts';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import { NoteField } from '../../components/ui/note-field.tsx';
import { paths } from '../../lib/paths.ts';
import { Button } from '../../components/ui/button.tsx';
import { Modal } from '../../components/ui/modal.tsx';
import { OutcomeDialog } from '../../components/ui/outcome-dialog.tsx';
import { isConfirmed, TypeToConfirm } from '../../components/ui/type-to-confirm.tsx';
import { ChangeList } from './change-list.tsx';
import { connectorPatch, describePatch, EDIT_LABELS, patchProblems, type ConnectorEdit } from './connector-changes.ts';
import { listFor, PatchProblems, SuggestionList, type Suggestions } from './connector-suggestions.tsx';
import { agree, plural } from '../../../contract/plural.ts';

type Props = {
  agentId: string;
  connectors: Connector[];
  suggestions: Suggestions;
  onClose: () => void;
  onDone: () => void;
};
type Field = keyof ConnectorEdit;

/**
 * Sets the same variant, ASR language or voice on many connectors in one batch request. Each connector succeeds or
 * fails on its own, and the outcome is listed per connector: a partial success is reported, never hidden.
 */
export function BatchEditDialog({ agentId, connectors, suggestions, onClose, onDone }: Props) {
  const batch = useBatchUpdateConnectors(agentId);
  const ruleFor = useStrictestRule(agentId);
  const requests = useChangeRequestActions(agentId);
  const navigate = useNavigate();
  const [note, setNote] = useState('');
  const [edit, setEdit] = useState<Record<Field, string | undefined>>({
    variantId: undefined,
    asrLangCode: undefined,
    voiceName: undefined,
  });
  const [typed, setTyped] = useState('');
  const [results, setResults] = useState<BatchUpdateConnectorsResponse['results']>();
  const updates = connectors
    .map((connector) => {
      const body = connectorPatch(connector, edit);
      return { connector, body, problems: patchProblems(connector, body) };
    })
    .filter(({ body }) => Object.keys(body).length > 0);
  // Checked here as the server would: a value it refuses is named before anything is sent.
  const refused = updates.some(({ problems }) => problems.refused.length > 0);
  const touchesLive = updates.some(({ connector }) => connector.clientEnv === 'live');
  // Under an approval rule for any of their environments (the strictest counts), the batch is requested, not sent.
  const rule = ruleFor(updates.map(({ connector }) => connector.clientEnv).filter(isClientEnv));
  const canSend =
    updates.length > 0 &&
    !refused &&
    (rule
      ? note.trim() !== '' && !requests.open.isPending
      : isConfirmed(touchesLive ? 'live' : '', typed) && !batch.isPending);
  const nameOf = (id: string) => connectors.find((c) => c.connectorId === id)?.name ?? id;

  async function send() {
    const body = { updates: updates.map(({ connector, body }) => ({ connectorId: connector.connectorId, ...body })) };
    if (rule) {
      const opened = await requests.open.mutateAsync({
        clientEnv: rule.env,
        kind: 'connector-batch',
        body,
        baseVersion: 'current',
        note: note.trim(),
      });
      navigate(paths.changeRequest(agentId, opened.id));
      return;
    }
    const response = await batch.mutateAsync(body);
    setResults(response.results);
    onDone();
  }

  if (results) {
    const failed = results.filter((r) => !r.success).length;
    return (
      <OutcomeDialog
        title={
          failed === 0
            ? `Updated ${plural(results.length, 'connector', 'connectors')}`
            : `${results.length - failed} of ${plural(results.length, 'connector', 'connectors')} updated, ${failed} failed`
        }
        listLabel="Result per connector"
        outcomes={results.map((r) => ({
          key: r.connectorId,
          ok: r.success,
          text: `${nameOf(r.connectorId)} (${r.connectorId})${r.error ? `: ${r.error}` : ''}`,
        }))}
        onClose={onClose}
      />
    );
  }

  return (
    <Modal labelledBy="batch-title" onClose={onClose} className="w-[min(44rem,calc(100vw-2rem))] p-0">
      <form
        className="space-y-4 p-6"
        onSubmit={(event) => {
          event.preventDefault();
          if (canSend) void send().catch(() => undefined);
        }}
      >
        <h2 id="batch-title" className="text-lg font-semibold">
          Edit {plural(connectors.length, 'connector', 'connectors')}
        </h2>
        {/* min-w-0: a fieldset is as wide as its widest line by default, which overflows a phone. */}
        <fieldset className="min-w-0 space-y-2">
          <legend className="text-sm text-slate-600 dark:text-slate-400">
            Tick a field to set it on every selected connector.
          </legend>
          {(Object.keys(EDIT_LABELS) as Field[]).map((field) => (
            <div key={field} className="flex items-center gap-3">
              <label className="flex w-32 shrink-0 items-center gap-2 text-sm font-medium sm:w-40">
                <input
                  type="checkbox"
                  className="size-4"
                  checked={edit[field] !== undefined}
                  onChange={(e) => setEdit({ ...edit, [field]: e.target.checked ? '' : undefined })}
                />
                {EDIT_LABELS[field]}
              </label>
              <input
                aria-label={`New ${EDIT_LABELS[field]}`}
                list={listFor(field, 'batch')}
                disabled={edit[field] === undefined}
                value={edit[field] ?? ''}
                placeholder={
                  field === 'variantId'
                    ? 'empty: unassign'
                    : field === 'voiceName'
                      ? 'e.g. en-GB-Neural2-C'
                      : 'e.g. en-GB'
                }
                onChange={(e) => setEdit({ ...edit, [field]: e.target.value })}
                className="block min-w-0 flex-1 rounded-md border-0 bg-white px-2.5 py-1.5 font-mono text-sm ring-1 ring-inset ring-slate-300 disabled:opacity-50 dark:bg-slate-950 dark:ring-slate-700"
              />
            </div>
          ))}
          <SuggestionList id="batch-voices" values={suggestions.voices} />
          <SuggestionList id="batch-langs" values={suggestions.langs} />
        </fieldset>
        <div>
          <p className="text-sm font-medium">
            {updates.length === 0
              ? 'No connector would change.'
              : `${updates.length} of ${plural(connectors.length, 'connector', 'connectors')} ${agree(updates.length, 'changes', 'change')}:`}
          </p>
          <ul className="mt-2 max-h-[30vh] space-y-2 overflow-auto" aria-label="Changes per connector">
            {updates.map(({ connector, body, problems }) => (
              <li key={connector.connectorId} className="rounded-md border border-slate-200 p-2 dark:border-slate-700">
                <p className="text-sm font-semibold">
                  {connector.name}{' '}
                  <span className="font-normal text-slate-500 dark:text-slate-400">· {connector.clientEnv}</span>
                </p>
                <ChangeList lines={describePatch(connector, body)} />
                <PatchProblems {...problems} />
              </li>
            ))}
          </ul>
        </div>
        {batch.isError && (
          <p role="alert" className="text-sm text-red-800 dark:text-red-300">
            Nothing was updated: {batch.error.message}
          </p>
        )}
        {requests.open.isError && (
          <p role="alert" className="text-sm text-red-800 dark:text-red-300">
            The change request could not be opened: {requests.open.error.message}
          </p>
        )}
        {rule ? (
          <div className="space-y-2">
            <p className="text-sm text-slate-600 dark:text-slate-300">
              Changes to {ENV_LABELS[rule.env]} connectors need {plural(rule.policy.approvals, 'approval', 'approvals')}
              : this opens a change request for the whole batch, and nothing changes until it is approved and applied.
            </p>
            <NoteField id="batch-note" value={note} onChange={setNote} required />
          </div>
        ) : (
          touchesLive && <TypeToConfirm word="live" value={typed} onChange={setTyped} />
        )}
        <div className="flex flex-wrap justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant={touchesLive ? 'danger' : 'primary'} disabled={!canSend}>
            {rule
              ? requests.open.isPending
                ? 'Opening…'
                : `Request approval for ${plural(updates.length, 'connector', 'connectors')}`
              : batch.isPending
                ? 'Updating…'
                : `Update ${plural(updates.length, 'connector', 'connectors')}`}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
