import { useState } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { Connector, PhoneNumberList } from '../../../contract/agents-api.ts';
import { useNavigate } from 'react-router';
import { useReassignPhoneNumber } from '../../api/phone-numbers.ts';
import { useChangeRequestActions, useStrictestRule } from '../../api/change-requests.ts';
import { isClientEnv } from '../../../contract/client-envs.ts';
import { plural } from '../../../contract/plural.ts';
import { NoteField } from '../../components/ui/note-field.tsx';
import { paths } from '../../lib/paths.ts';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { ENV_LABELS, EnvBadge } from '../../components/ui/env-badge.tsx';
import { Modal } from '../../components/ui/modal.tsx';
import { ErrorState, Loading } from '../../components/ui/states.tsx';
import { isConfirmed, TypeToConfirm } from '../../components/ui/type-to-confirm.tsx';
import { Badge } from '../../components/ui/badge.tsx';
import { displayPhoneNumber } from './phone-format.ts';

type Props = {
  agentId: string;
  connector: Connector;
  numbers: UseQueryResult<PhoneNumberList>;
  connectors: Connector[];
  highlight?: string;
  /** Why this user may not move numbers (see api/me.ts). */
  writeBlock?: string;
};

/** The connector's numbers, each readable with its country, and a way to move one to another connector. */
export function ConnectorNumbers({ agentId, connector, numbers, connectors, highlight, writeBlock }: Props) {
  const [moving, setMoving] = useState<string>();
  return (
    <Card aria-labelledby="connector-numbers" className="p-5">
      <h2 id="connector-numbers" className="text-lg font-semibold">
        Phone numbers
      </h2>
      {numbers.isPending ? (
        <Loading label="Loading phone numbers…" />
      ) : numbers.isError ? (
        <ErrorState title="Phone numbers could not be loaded" error={numbers.error} onRetry={() => numbers.refetch()} />
      ) : numbers.data.phoneNumbers.length === 0 ? (
        <p className="mt-2 text-sm">No phone number is assigned: nobody can call this connector.</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100 dark:divide-slate-800">
          {numbers.data.phoneNumbers.map((n) => {
            const shown = displayPhoneNumber(n.number);
            return (
              <li
                key={n.number}
                className={`flex flex-wrap items-center gap-3 py-2 text-sm ${n.number === highlight ? 'rounded bg-amber-50 px-2 dark:bg-amber-950/40' : ''}`}
              >
                <span className="font-mono font-medium">{shown.formatted}</span>
                <span className="text-slate-600 dark:text-slate-400">{shown.country}</span>
                <EnvBadge env={n.clientEnv} />
                {n.clientEnv !== connector.clientEnv && (
                  <Badge tone="bad">⚠ environment differs from the connector</Badge>
                )}
                {n.number === highlight && <Badge tone="info">looked up</Badge>}
                <Button
                  className="ml-auto"
                  disabled={!!writeBlock}
                  title={writeBlock}
                  onClick={() => setMoving(n.number)}
                >
                  Move…
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {moving && (
        <MoveNumberDialog
          agentId={agentId}
          number={moving}
          from={connector}
          connectors={connectors}
          onClose={() => setMoving(undefined)}
        />
      )}
    </Card>
  );
}

type MoveProps = { agentId: string; number: string; from: Connector; connectors: Connector[]; onClose: () => void };

function MoveNumberDialog({ agentId, number, from, connectors, onClose }: MoveProps) {
  const reassign = useReassignPhoneNumber(agentId);
  const ruleFor = useStrictestRule(agentId);
  const requests = useChangeRequestActions(agentId);
  const navigate = useNavigate();
  const [target, setTarget] = useState('');
  const [typed, setTyped] = useState('');
  const [note, setNote] = useState('');
  const to = connectors.find((c) => c.connectorId === target);
  const touchesLive = from.clientEnv === 'live' || to?.clientEnv === 'live';
  // Under an approval rule for either environment, the move is requested, not made.
  const rule = to ? ruleFor([from.clientEnv, to.clientEnv].filter(isClientEnv)) : undefined;
  const failed = rule ? requests.open.error : reassign.error;

  function move() {
    if (!rule) {
      reassign.mutate({ number, connectorId: target }, { onSuccess: onClose });
      return;
    }
    requests.open.mutate(
      {
        clientEnv: rule.env,
        kind: 'phone-number-move',
        body: { phoneNumber: number, connectorId: target },
        baseVersion: 'current',
        note: note.trim(),
      },
      { onSuccess: (opened) => navigate(paths.changeRequest(agentId, opened.id)) },
    );
  }
  return (
    <Modal labelledBy="move-title" onClose={onClose} className="w-[min(32rem,calc(100vw-2rem))] p-6">
      <h2 id="move-title" className="text-lg font-semibold">
        Move {displayPhoneNumber(number).formatted}
      </h2>
      <label htmlFor="move-target" className="mt-3 block text-sm font-medium">
        New connector
      </label>
      <select
        id="move-target"
        value={target}
        onChange={(e) => setTarget(e.target.value)}
        className="mt-1 block w-full rounded-md border-0 py-1.5 pl-2.5 text-sm ring-1 ring-inset ring-slate-300 dark:bg-slate-950 dark:ring-slate-700"
      >
        <option value="">Choose a connector…</option>
        {connectors
          .filter((c) => c.connectorId !== from.connectorId)
          .map((c) => (
            <option key={c.connectorId} value={c.connectorId}>
              {c.name} ({c.clientEnv}, {c.voiceName})
            </option>
          ))}
      </select>
      {to && (
        <p className="mt-2 text-sm">
          Calls to this number will be answered by <strong>{to.name}</strong> instead of <strong>{from.name}</strong>
          {to.clientEnv !== from.clientEnv &&
            `; the number stays in ${from.clientEnv}, so its environment will differ from its connector's`}
          .
        </p>
      )}
      {rule ? (
        <div className="mt-3 space-y-2">
          <p className="text-sm text-slate-600 dark:text-slate-300">
            Calls in {ENV_LABELS[rule.env]} change with this move, which needs{' '}
            {plural(rule.policy.approvals, 'approval', 'approvals')}: this opens a change request, and the number stays
            where it is until it is approved and applied.
          </p>
          <NoteField id="move-note" value={note} onChange={setNote} required />
        </div>
      ) : (
        touchesLive &&
        to && (
          <div className="mt-3">
            <TypeToConfirm word="live" value={typed} onChange={setTyped} />
          </div>
        )
      )}
      {failed && (
        <p role="alert" className="mt-2 text-sm text-red-800 dark:text-red-300">
          {rule ? 'The change request could not be opened' : 'Not moved'}: {failed.message}
        </p>
      )}
      <div className="mt-4 flex flex-wrap justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant={touchesLive ? 'danger' : 'primary'}
          disabled={
            !to ||
            (rule
              ? !note.trim() || requests.open.isPending
              : !isConfirmed(touchesLive ? 'live' : '', typed) || reassign.isPending)
          }
          onClick={move}
        >
          {rule ? 'Request the move' : 'Move number'}
        </Button>
      </div>
    </Modal>
  );
}
