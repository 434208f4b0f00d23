import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Connector } from '../../../contract/agents-api.ts';
import { useDeleteConnector } from '../../api/connectors.ts';
import { useChangeRequestActions, usePolicy } from '../../api/change-requests.ts';
import { isClientEnv, type ClientEnv } from '../../../contract/client-envs.ts';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import { NoteField } from '../../components/ui/note-field.tsx';
import { plural } from '../../../contract/plural.ts';
import { Button } from '../../components/ui/button.tsx';
import { Modal } from '../../components/ui/modal.tsx';
import { displayPhoneNumber } from './phone-format.ts';
import { paths } from '../../lib/paths.ts';
import { agree } from '../../../contract/plural.ts';

type Props = { agentId: string; connector: Connector; numbers: string[]; numbersKnown: boolean; onClose: () => void };

/**
 * The API deletes a connector's numbers with it: say which before anything is sent, and ask for its name. Under an
 * approval rule for its environment, the deletion is requested instead (reviewed against the connector as it is).
 */
export function DeleteConnectorDialog({ agentId, connector, numbers, numbersKnown, onClose }: Props) {
  const navigate = useNavigate();
  const remove = useDeleteConnector(agentId);
  const env = connector.clientEnv;
  const policy = usePolicy(agentId, (isClientEnv(env) ? env : 'live') as ClientEnv);
  const requests = useChangeRequestActions(agentId);
  const [typed, setTyped] = useState('');
  const [note, setNote] = useState('');
  const confirmed = typed.trim() === connector.name && (!policy || note.trim() !== '');
  const failed = policy ? requests.open.error : remove.error;

  function confirm() {
    if (policy && isClientEnv(env)) {
      requests.open.mutate(
        {
          clientEnv: env,
          kind: 'connector-delete',
          body: { connectorId: connector.connectorId },
          baseVersion: 'current',
          note: note.trim(),
        },
        { onSuccess: (opened) => navigate(paths.changeRequest(agentId, opened.id)) },
      );
      return;
    }
    remove.mutate(connector.connectorId, { onSuccess: () => navigate(paths.connectors(agentId), { replace: true }) });
  }
  const pending = policy ? requests.open.isPending : remove.isPending;
  return (
    <Modal labelledBy="delete-title" onClose={onClose} className="w-[min(36rem,calc(100vw-2rem))] p-6">
      <h2 id="delete-title" className="text-lg font-semibold">
        Delete {connector.name}?
      </h2>
      {!numbersKnown ? (
        <p role="alert" className="mt-3 text-sm text-red-800 dark:text-red-300">
          Its phone numbers could not be loaded, so what would be deleted with it is unknown. Reload before deleting.
        </p>
      ) : numbers.length === 0 ? (
        <p className="mt-3 text-sm">It has no phone numbers; only the connector is deleted.</p>
      ) : (
        <div className="mt-3 text-sm">
          <p className="font-medium text-red-800 dark:text-red-300">
            {agree(
              numbers.length,
              'This phone number is deleted with it',
              `These ${numbers.length} phone numbers are deleted with it`,
            )}
            ; calls to them will no longer be answered:
          </p>
          <ul className="mt-2 max-h-40 list-disc overflow-auto pl-5 font-mono" aria-label="Numbers deleted with it">
            {numbers.map((number) => (
              <li key={number}>{displayPhoneNumber(number).formatted}</li>
            ))}
          </ul>
        </div>
      )}
      <label htmlFor="confirm-delete" className="mt-4 block text-sm font-medium">
        Type the connector’s name, <kbd className="font-mono">{connector.name}</kbd>, to{' '}
        {policy ? 'request its deletion' : 'delete it'}
      </label>
      <input
        id="confirm-delete"
        autoComplete="off"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        className="mt-1 block w-full rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 dark:bg-slate-950 dark:ring-slate-700"
      />
      {policy && (
        <div className="mt-3 space-y-2">
          <p className="text-sm text-slate-600 dark:text-slate-300">
            Deleting a {ENV_LABELS[env as ClientEnv] ?? env} connector needs{' '}
            {plural(policy.approvals, 'approval', 'approvals')}: this opens a change request, and nothing is deleted
            until it is approved and applied.
          </p>
          <NoteField id="delete-note" value={note} onChange={setNote} required />
        </div>
      )}
      {failed && (
        <p role="alert" className="mt-2 text-sm text-red-800 dark:text-red-300">
          {policy ? 'The change request could not be opened' : 'Not deleted'}: {failed.message}
        </p>
      )}
      <div className="mt-4 flex flex-wrap justify-end gap-2">
        <Button onClick={onClose}>Keep it</Button>
        <Button variant="danger" disabled={!confirmed || !numbersKnown || pending} onClick={confirm}>
          {pending
            ? policy
              ? 'Opening…'
              : 'Deleting…'
            : `${policy ? 'Request deletion of the connector' : 'Delete connector'}${numbers.length > 0 ? ` and ${plural(numbers.length, 'number', 'numbers')}` : ''}`}
        </Button>
      </div>
    </Modal>
  );
}
