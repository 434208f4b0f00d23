import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { isAdmin } from '../../../contract/access-rules.ts';
import type { JsonObject } from '../../../contract/agents-api.ts';
import type { ChangeRequest } from '../../../contract/change-requests.ts';
import type { ClientEnv } from '../../../contract/client-envs.ts';
import { plural } from '../../../contract/plural.ts';
import { placeName, whyNotApprove, whyNotMake } from '../../../contract/reach.ts';
import { useAgentName } from '../../api/agents.ts';
import { changeRequestQuery, useChangeRequestActions } from '../../api/change-requests.ts';
import { configPageQuery } from '../../api/configs.ts';
import { ApiError } from '../../api/http-client.ts';
import { connectorListQuery, connectorQuery } from '../../api/connectors.ts';
import { connectorNumbersQuery, phoneNumberListQuery } from '../../api/phone-numbers.ts';
import { getHistory, historyKeys } from '../../api/history.ts';
import { useMe, useWriteBlock } from '../../api/me.ts';
import { AgentEyebrow } from '../../components/ui/agent-eyebrow.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { OutcomeMessage } from '../../components/ui/outcome-message.tsx';
import { ENV_LABELS, EnvBadge } from '../../components/ui/env-badge.tsx';
import { SchemaChangeList } from '../../components/ui/schema-change-list.tsx';
import { ErrorState, Loading } from '../../components/ui/states.tsx';
import { Timestamp } from '../../components/ui/timestamp.tsx';
import { isConfirmed, TypeToConfirm } from '../../components/ui/type-to-confirm.tsx';
import { ValueChange } from '../../components/ui/value-change.tsx';
import { paths, useRouteParams } from '../../lib/paths.ts';
import { schemaDifferences } from '../../lib/schema-diff.ts';
import { formatJson, parseJsonObject } from '../../lib/parse-json-object.ts';
import { StatusBadge } from './status-badge.tsx';

const EVENT_WORDS = {
  opened: 'opened the request',
  edited: 'edited it (approvals start again)',
  commented: 'commented',
  approved: 'approved',
  declined: 'declined',
  withdrawn: 'withdrew it',
  scheduled: 'scheduled it to apply by itself at',
  unscheduled: 'cancelled its schedule',
  applied: 'applied it',
  failed: 'tried to apply it: it did not apply',
  bypassed: 'applied it without its approvals (break glass)',
} as const;

/** /agents/:agentId/change-requests/:requestId — the change against the page as it is now, its steps, and what you may do. */
export function ChangeRequestPage() {
  const { agentId, requestId } = useRouteParams();
  const name = useAgentName(agentId);
  const request = useQuery(changeRequestQuery(agentId, requestId));
  return (
    <div className="space-y-5">
      <header>
        <AgentEyebrow agentId={agentId} name={name} />
        <Link to={paths.changeRequests(agentId)} className="text-sm text-brand-700 underline dark:text-brand-300">
          ← Change requests
        </Link>
        <h1 className="mt-1 text-2xl font-semibold [overflow-wrap:anywhere]">
          Change request #{requestId}
          {request.data?.note && <span className="font-normal">: {request.data.note}</span>}
        </h1>
      </header>
      {request.isPending ? (
        <Loading label="Loading the change request…" />
      ) : request.error ? (
        <ErrorState
          title="This change request could not be loaded"
          error={request.error}
          onRetry={() => void request.refetch()}
        />
      ) : (
        <RequestDetail request={request.data} />
      )}
    </div>
  );
}

function RequestDetail({ request }: { request: ChangeRequest }) {
  const queryClient = useQueryClient();
  // Connectors and numbers have no versions: applying finds out whether what a request depends on moved.
  const versionless = request.kind !== 'variables' && request.kind !== 'schema';
  const page = useQuery({ ...configPageQuery(queryClient, request.agentId, request.clientEnv), enabled: !versionless });
  const label = ENV_LABELS[request.clientEnv];
  const open = request.status === 'open';
  // A page's version tells at once; a connector or a number is known to have moved when applying found it so.
  const moved =
    open &&
    (versionless
      ? request.staleAt !== undefined
      : page.data !== undefined && page.data.lastUpdated !== request.baseVersion);
  return (
    // On a phone the review comes right after the change (before the steps); side by side on a wide screen.
    <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="min-w-0 space-y-5 lg:col-start-1">
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <EnvBadge env={request.clientEnv} />
          <StatusBadge request={request} />
          <span>
            by <strong>{request.author}</strong>, <Timestamp iso={request.createdAt} />
          </span>
        </div>
        {moved && !versionless && <Moved request={request} now={page.data!.lastUpdated!} />}
        {moved && versionless && (
          <p
            role="status"
            className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
          >
            {request.kind === 'phone-number-move' ? 'The number or its new connector' : 'The connector'} changed since
            this request was made, so it was not applied: its author rebases it on{' '}
            {request.kind === 'phone-number-move' ? 'them' : 'the connector'} as it is now, and it is approved again.
          </p>
        )}
        {request.kind === 'phone-number-move' ? (
          <NumberMove request={request} />
        ) : request.kind === 'connector-batch' ? (
          <ConnectorBatchChange request={request} />
        ) : request.kind === 'connector-delete' ? (
          <ConnectorDeletion request={request} />
        ) : versionless ? (
          <ConnectorChange request={request} />
        ) : (
          <Card className="p-5">
            <h2 className="text-lg font-semibold">
              {request.status === 'applied'
                ? `What it changed in ${label}`
                : `The change, against ${label} as it is now`}
            </h2>
            {page.isPending ? (
              <Loading label={`Reading ${label}…`} />
            ) : page.error ? (
              <ErrorState title={`${label} could not be read`} error={page.error} onRetry={() => void page.refetch()} />
            ) : request.kind === 'variables' ? (
              <ul className="mt-3 space-y-3">
                {Object.entries(request.body).map(([key, value]) => (
                  <ValueChange
                    key={key}
                    name={key}
                    before={page.data.variables?.[key]}
                    after={value}
                    beforeLabel={`${label} now`}
                    afterLabel="Requested"
                  />
                ))}
              </ul>
            ) : (
              <SchemaChangeList
                changes={schemaDifferences([page.data.schema ?? {}, request.body as JsonObject], ['now', 'requested'])}
                className="mt-3 text-sm"
              />
            )}
          </Card>
        )}
      </div>
      <div className="lg:col-start-2 lg:row-span-2 lg:row-start-1">
        <Actions request={request} stale={moved} currentVersion={versionless ? 'current' : page.data?.lastUpdated} />
      </div>
      <div className="min-w-0 lg:col-start-1">
        <Timeline request={request} />
      </div>
    </div>
  );
}

/** A connector request: each field it changes, the connector's value now → the requested one. */
function ConnectorChange({ request }: { request: ChangeRequest }) {
  const queryClient = useQueryClient();
  const { connectorId, changes } = request.body as { connectorId: string; changes: Record<string, unknown> };
  const current = useQuery(connectorQuery(queryClient, request.agentId, connectorId));
  return (
    <Card className="p-5">
      <h2 className="text-lg font-semibold">
        {request.status === 'applied' ? 'What it changed' : 'The change, against the connector as it is now'}:{' '}
        {current.data?.name ?? connectorId}
      </h2>
      {current.isPending ? (
        <Loading label="Reading the connector…" />
      ) : current.error ? (
        <ErrorState
          title="The connector could not be read"
          error={current.error}
          onRetry={() => void current.refetch()}
        />
      ) : (
        <FieldChanges current={current.data} changes={changes} className="mt-3 space-y-3" />
      )}
    </Card>
  );
}

/** A connector's fields a request changes: each one's value now → the requested one. */
function FieldChanges({
  current,
  changes,
  className,
}: {
  current: object | undefined;
  changes: Record<string, unknown>;
  className: string;
}) {
  return (
    <ul className={className}>
      {Object.entries(changes).map(([field, value]) => (
        <ValueChange
          key={field}
          name={field}
          before={(current as Record<string, unknown> | undefined)?.[field]}
          after={value}
          beforeLabel="Now"
          afterLabel="Requested"
        />
      ))}
    </ul>
  );
}

/** A batch edit: per connector, each field it changes, its value now → the requested one. */
function ConnectorBatchChange({ request }: { request: ChangeRequest }) {
  const { updates } = request.body as { updates: ({ connectorId: string } & Record<string, unknown>)[] };
  const connectors = useQuery(connectorListQuery(request.agentId));
  return (
    <Card className="p-5">
      <h2 className="text-lg font-semibold">
        {request.status === 'applied' ? 'What it changed' : 'The change, against the connectors as they are now'}:{' '}
        {plural(updates.length, 'connector', 'connectors')}
      </h2>
      {connectors.isPending ? (
        <Loading label="Reading the connectors…" />
      ) : connectors.error ? (
        <ErrorState
          title="The connectors could not be read"
          error={connectors.error}
          onRetry={() => void connectors.refetch()}
        />
      ) : (
        <ul className="mt-3 space-y-4">
          {updates.map(({ connectorId, ...changes }) => {
            const current = connectors.data.connectors.find((c) => c.connectorId === connectorId);
            return (
              <li key={connectorId}>
                <h3 className="text-sm font-semibold">
                  {current?.name ?? connectorId}{' '}
                  <span className="font-normal text-slate-600 dark:text-slate-400">
                    · {current ? (ENV_LABELS[current.clientEnv as ClientEnv] ?? current.clientEnv) : 'no longer there'}
                  </span>
                </h3>
                <FieldChanges current={current} changes={changes} className="mt-2 space-y-2" />
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

/** A number's move: where it is answered now, and by which connector after. */
function NumberMove({ request }: { request: ChangeRequest }) {
  const { phoneNumber, connectorId } = request.body as { phoneNumber: string; connectorId: string };
  const numbers = useQuery(phoneNumberListQuery(request.agentId));
  const connectors = useQuery(connectorListQuery(request.agentId));
  const name = (id?: string) => {
    const found = connectors.data?.connectors.find((c) => c.connectorId === id);
    return found
      ? `${found.name} (${ENV_LABELS[found.clientEnv as ClientEnv] ?? found.clientEnv})`
      : (id ?? 'no connector');
  };
  const number = numbers.data?.phoneNumbers.find((n) => n.number === phoneNumber);
  const applied = request.status === 'applied';
  return (
    <Card className="p-5">
      <h2 className="text-lg font-semibold">
        {applied ? 'Moved' : 'Moves'} the number <span className="font-mono">{phoneNumber}</span>
      </h2>
      {numbers.isPending || connectors.isPending ? (
        <Loading label="Reading the numbers and connectors…" />
      ) : numbers.error || connectors.error ? (
        <ErrorState
          title="The numbers or connectors could not be read"
          error={(numbers.error ?? connectors.error)!}
          onRetry={() => void Promise.all([numbers.refetch(), connectors.refetch()])}
        />
      ) : !number ? (
        <p className="mt-2 text-sm">There is no number {phoneNumber} any more.</p>
      ) : applied ? (
        <p className="mt-2 text-sm">Its calls are answered by {name(number.connectorId)}.</p>
      ) : (
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600 dark:text-slate-400">Answered now by</dt>
          <dd>{name(number.connectorId)}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Requested</dt>
          <dd className="font-medium">{name(connectorId)}</dd>
        </dl>
      )}
    </Card>
  );
}

/** A connector deletion: the connector as it is now and the numbers deleted with it (or that it is gone). */
function ConnectorDeletion({ request }: { request: ChangeRequest }) {
  const queryClient = useQueryClient();
  const { connectorId } = request.body as { connectorId: string };
  const current = useQuery({ ...connectorQuery(queryClient, request.agentId, connectorId), retry: false });
  const numbers = useQuery({ ...connectorNumbersQuery(request.agentId, connectorId), enabled: current.isSuccess });
  const gone = current.error instanceof ApiError && current.error.status === 404;
  return (
    <Card className="p-5">
      <h2 className="text-lg font-semibold">
        {request.status === 'applied' ? 'Deleted' : 'Deletes'} the connector {current.data?.name ?? connectorId}
      </h2>
      {current.isPending ? (
        <Loading label="Reading the connector…" />
      ) : gone ? (
        <p className="mt-2 text-sm">
          {request.status === 'applied'
            ? 'It is gone, with its phone numbers.'
            : `There is no connector ${connectorId} any more.`}
        </p>
      ) : current.error ? (
        <ErrorState
          title="The connector could not be read"
          error={current.error}
          onRetry={() => void current.refetch()}
        />
      ) : (
        <div className="mt-2 space-y-2 text-sm">
          <p>
            <code>{connectorId}</code> in {ENV_LABELS[request.clientEnv]}: variant{' '}
            <code>{current.data.variantId || 'unassigned'}</code>, voice <code>{current.data.voiceName}</code>.
          </p>
          {numbers.isPending ? (
            <Loading label="Reading its phone numbers…" />
          ) : numbers.error ? (
            <ErrorState
              title="Its phone numbers could not be read"
              error={numbers.error}
              onRetry={() => void numbers.refetch()}
            />
          ) : numbers.data.phoneNumbers.length === 0 ? (
            <p>It has no phone numbers; only the connector is deleted.</p>
          ) : (
            <>
              <p className="font-medium text-red-800 dark:text-red-300">
                {plural(numbers.data.phoneNumbers.length, 'phone number is', 'phone numbers are')} deleted with it;
                calls to them will no longer be answered:
              </p>
              <ul className="max-h-40 list-disc overflow-auto pl-5 font-mono" aria-label="Numbers deleted with it">
                {numbers.data.phoneNumbers.map((number) => (
                  <li key={number.number}>{number.number}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </Card>
  );
}

/** The page moved past the request's base: which of its keys changed meanwhile (those are conflicts). */
function Moved({ request, now }: { request: ChangeRequest; now: string }) {
  const since = useQuery({
    queryKey: [...historyKeys.agent(request.agentId), 'since', request.clientEnv, request.baseVersion],
    queryFn: ({ signal }) =>
      getHistory(request.agentId, { clientEnv: request.clientEnv, since: request.baseVersion, limit: '500' }, signal),
  });
  const changed = new Set(
    since.data?.entries
      .filter((entry) => entry.outcome === 'applied')
      .flatMap((entry) => entry.changes.map((change) => change.key)),
  );
  const conflicts = Object.keys(request.body).filter((key) => changed.has(key));
  return (
    <p
      role="status"
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
    >
      {ENV_LABELS[request.clientEnv]} changed since this request was made (it was based on{' '}
      <code>{request.baseVersion}</code>, it is now at <code>{now}</code>), so it will not be applied as it is: its
      author rebases it on the page as it is now, and it is approved again.
      {request.kind === 'variables' && since.data && (
        <span className="mt-1 block">
          {conflicts.length > 0
            ? `Changed meanwhile and also in this request (conflicts): ${conflicts.join(', ')}.`
            : 'None of the keys it changes was changed meanwhile.'}
        </span>
      )}
    </p>
  );
}

const appliedText = (request: ChangeRequest) =>
  `Applied to ${ENV_LABELS[request.clientEnv]}${request.appliedVersion ? ` (version ${request.appliedVersion})` : ''}.`;

function Timeline({ request }: { request: ChangeRequest }) {
  const actions = useChangeRequestActions(request.agentId);
  const [comment, setComment] = useState('');
  return (
    <Card className="p-5">
      <h2 className="text-lg font-semibold">Steps</h2>
      <ol className="mt-3 space-y-2 text-sm">
        {request.events.map((event, i) => (
          <li key={i}>
            <span className="font-medium">{event.actor ?? 'Switchboard'}</span> {EVENT_WORDS[event.kind]}
            {event.revision > 1 && (
              <span className="text-slate-600 dark:text-slate-400"> (revision {event.revision})</span>
            )}{' '}
            · <Timestamp iso={event.at} />
            {event.text && (
              <blockquote className="mt-1 whitespace-pre-line border-l-2 border-slate-300 pl-3 dark:border-slate-600">
                {event.text}
              </blockquote>
            )}
          </li>
        ))}
      </ol>
      <form
        className="mt-4 space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (comment.trim())
            actions.comment.mutate({ id: request.id, text: comment.trim() }, { onSuccess: () => setComment('') });
        }}
      >
        <label htmlFor="request-comment" className="block text-sm font-medium">
          Comment
        </label>
        <textarea
          id="request-comment"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          rows={2}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800"
        />
        <Button type="submit" disabled={!comment.trim() || actions.comment.isPending}>
          Add comment
        </Button>
      </form>
    </Card>
  );
}

function Actions({
  request,
  stale,
  currentVersion,
}: {
  request: ChangeRequest;
  stale: boolean;
  currentVersion?: string;
}) {
  const me = useMe();
  const actions = useChangeRequestActions(request.agentId);
  const writeBlock = useWriteBlock(request.agentId, request.clientEnv);
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [declineText, setDeclineText] = useState('');
  const email = me?.mode === 'team' ? me.email : undefined;
  const author = email === request.author;
  const approved = request.approvedBy.length >= request.approvalsNeeded;
  // The server decides the same from the same rule (contract/reach.ts): the role on every place the request changes.
  const approveBlock = me ? whyNotApprove(me, request.reach) : undefined;
  // Applying and scheduling are making the write: the author's own role, over everything it reaches.
  const makeBlock = me ? whyNotMake(me, request.reach) : undefined;
  const env = request.clientEnv;
  const failure = actions.approve.error ?? actions.decline.error ?? actions.apply.error ?? actions.edit.error;
  if (request.status !== 'open') {
    return (
      <Card className="h-fit p-5 text-sm">
        <h2 className="text-lg font-semibold">Closed</h2>
        {request.status === 'applied' && actions.apply.isSuccess ? (
          // Just applied here: focus lands on what happened.
          <OutcomeMessage className="mt-2">
            {appliedText(request)}{' '}
            <Link className="font-medium underline" to={paths.history(request.agentId, new URLSearchParams({ env }))}>
              See it in the history
            </Link>
          </OutcomeMessage>
        ) : (
          <p className="mt-1">
            {request.status === 'applied' ? appliedText(request) : `This request was ${request.status}.`}
          </p>
        )}
      </Card>
    );
  }
  return (
    <Card className="h-fit space-y-4 p-5 text-sm">
      <h2 className="text-lg font-semibold">Review</h2>
      <p>
        {plural(request.approvedBy.length, 'approval', 'approvals')} of {request.approvalsNeeded} needed
        {request.approvedBy.length > 0 && <>: {request.approvedBy.join(', ')}</>}.
      </p>
      {request.reach.places.length > 1 && (
        <p>It changes {request.reach.places.map(placeName).join(', ')}: approving it needs the editor role on each.</p>
      )}
      {request.approvalsWithdrawn.length > 0 && (
        <ul
          className="list-disc space-y-1 pl-5 text-slate-600 dark:text-slate-300"
          aria-label="Approvals that no longer count"
        >
          {request.approvalsWithdrawn.map(({ by, why }) => (
            <li key={by}>
              {by}’s approval no longer counts: {why}.
            </li>
          ))}
        </ul>
      )}
      {writeBlock ? (
        <p className="text-slate-600 dark:text-slate-300">{writeBlock}</p>
      ) : (
        <>
          {!author && approveBlock && (
            <p className="text-slate-600 dark:text-slate-300">You cannot approve this request. {approveBlock}.</p>
          )}
          {!author && !approveBlock && !request.approvedBy.includes(email ?? '') && (
            <Button
              variant="primary"
              disabled={actions.approve.isPending || stale}
              onClick={() => actions.approve.mutate(request.id)}
            >
              Approve
            </Button>
          )}
          {author && (
            <p className="text-slate-600 dark:text-slate-300">You opened this request: someone else approves it.</p>
          )}
          {author && <EditRequest request={request} currentVersion={currentVersion} />}
          {author && stale && currentVersion && (
            <Button
              variant="primary"
              disabled={actions.edit.isPending}
              onClick={() =>
                actions.edit.mutate({
                  id: request.id,
                  body: request.body,
                  baseVersion: currentVersion,
                  note: request.note,
                })
              }
            >
              Rebase on {ENV_LABELS[env]} as it is now
            </Button>
          )}
          {(approved || (me && isAdmin(me))) && !stale && !makeBlock && (
            <div className="space-y-2 border-t border-slate-200 pt-3 dark:border-slate-700">
              {!approved && (
                <div className="space-y-1">
                  <label htmlFor="break-glass" className="block font-medium">
                    Apply without approval (break glass): why?
                  </label>
                  <textarea
                    id="break-glass"
                    rows={2}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                    className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
                  />
                  <p className="text-xs text-slate-600 dark:text-slate-400">
                    At least 10 characters. Recorded in the history and shown to the team.
                  </p>
                </div>
              )}
              {env === 'live' && <TypeToConfirm word="live" value={typed} onChange={setTyped} />}
              <Button
                variant={env === 'live' ? 'danger' : 'primary'}
                disabled={
                  actions.apply.isPending || !isConfirmed(env, typed) || (!approved && reason.trim().length < 10)
                }
                onClick={() =>
                  actions.apply.mutate({ id: request.id, ...(!approved && { breakGlass: reason.trim() }) })
                }
              >
                {approved ? `Apply to ${ENV_LABELS[env]}` : `Apply without approval`}
              </Button>
            </div>
          )}
          {!makeBlock && <Schedule request={request} />}
          {(author || !approveBlock) && (
            <div className="space-y-1 border-t border-slate-200 pt-3 dark:border-slate-700">
              {!author && (
                <>
                  <label htmlFor="decline-text" className="block font-medium">
                    Why decline? (optional)
                  </label>
                  <input
                    id="decline-text"
                    value={declineText}
                    onChange={(e) => setDeclineText(e.target.value)}
                    className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
                  />
                </>
              )}
              <Button
                disabled={actions.decline.isPending}
                onClick={() => actions.decline.mutate({ id: request.id, text: declineText.trim() || undefined })}
              >
                {author ? 'Withdraw request' : 'Decline'}
              </Button>
            </div>
          )}
        </>
      )}
      {failure && (
        <p role="alert" className="text-red-700 dark:text-red-300">
          {failure.message}
        </p>
      )}
    </Card>
  );
}

/** Apply by itself at a time (if approved by then, and only if the page is still at its base version). */
function Schedule({ request }: { request: ChangeRequest }) {
  const actions = useChangeRequestActions(request.agentId);
  const [when, setWhen] = useState('');
  const [problem, setProblem] = useState<string>();
  if (request.scheduledAt) {
    return (
      <div className="space-y-2 border-t border-slate-200 pt-3 dark:border-slate-700">
        <p>
          Applies by itself <Timestamp iso={request.scheduledAt} />
          {request.scheduledBy && <> (scheduled by {request.scheduledBy})</>}, if approved by then and{' '}
          {ENV_LABELS[request.clientEnv]} has not changed meanwhile.
        </p>
        <Button
          disabled={actions.schedule.isPending}
          onClick={() => actions.schedule.mutate({ id: request.id, at: null })}
        >
          Cancel the schedule
        </Button>
      </div>
    );
  }
  const at = when ? new Date(when) : undefined;
  const valid = at !== undefined && !Number.isNaN(at.getTime());
  return (
    <form
      className="space-y-2 border-t border-slate-200 pt-3 dark:border-slate-700"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        if (at.getTime() <= Date.now()) return setProblem('Choose a time in the future.');
        setProblem(undefined);
        actions.schedule.mutate({ id: request.id, at: at.toISOString() });
      }}
    >
      <label htmlFor="schedule-at" className="block font-medium">
        Apply by itself at (your time)
      </label>
      <input
        id="schedule-at"
        type="datetime-local"
        value={when}
        onChange={(e) => setWhen(e.target.value)}
        className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
      />
      <Button type="submit" disabled={!valid || actions.schedule.isPending}>
        Schedule
      </Button>
      {(problem ?? actions.schedule.error) && (
        <p role="alert" className="text-red-700 dark:text-red-300">
          {problem ?? actions.schedule.error?.message}
        </p>
      )}
    </form>
  );
}

/**
 * The author's edit of what the request writes (as JSON: the values, the schema, or the connector's changes) and its
 * note; saving it starts the approvals again (the server says so in the steps).
 */
function EditRequest({ request, currentVersion }: { request: ChangeRequest; currentVersion?: string }) {
  const actions = useChangeRequestActions(request.agentId);
  const [open, setOpen] = useState(false);
  const what =
    request.kind === 'connector' ? (request.body as { changes: JsonObject }).changes : (request.body as JsonObject);
  // A deletion or a move has nothing to edit but its note; saving it rebases it onto what it depends on as it is now.
  const deletion = request.kind === 'connector-delete' || request.kind === 'phone-number-move';
  const [text, setText] = useState(() => formatJson(what));
  const [note, setNote] = useState(request.note);
  const parsed = parseJsonObject(text, 'The change');
  if (!open) {
    return <Button onClick={() => setOpen(true)}>Edit the request</Button>;
  }
  const label =
    request.kind === 'variables'
      ? 'Values it sets (JSON)'
      : request.kind === 'schema'
        ? 'Schema (JSON)'
        : request.kind === 'connector-batch'
          ? 'Connector changes (JSON)'
          : 'Connector fields it changes (JSON)';
  return (
    <form
      className="space-y-2 border-t border-slate-200 pt-3 dark:border-slate-700"
      onSubmit={(e) => {
        e.preventDefault();
        if (!parsed.ok) return;
        const body = deletion
          ? request.body
          : request.kind === 'connector'
            ? { connectorId: (request.body as { connectorId: string }).connectorId, changes: parsed.value }
            : parsed.value;
        actions.edit.mutate(
          // Kept on its base unless the page moved: then the edit is also the rebase onto the page as it is now.
          {
            id: request.id,
            body,
            baseVersion: request.staleAt && currentVersion ? currentVersion : request.baseVersion,
            note,
          },
          { onSuccess: () => setOpen(false) },
        );
      }}
    >
      {!deletion && (
        <>
          <label htmlFor="request-body" className="block font-medium">
            {label}
          </label>
          <textarea
            id="request-body"
            rows={8}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={parsed.ok ? undefined : true}
            aria-describedby={parsed.ok ? undefined : 'request-body-problem'}
            className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-600 dark:bg-slate-800"
          />
        </>
      )}
      {!parsed.ok && (
        <p id="request-body-problem" className="text-red-700 dark:text-red-300">
          {parsed.message}
          {parsed.line && ` (line ${parsed.line}, column ${parsed.column})`}
        </p>
      )}
      <label htmlFor="request-note" className="block font-medium">
        Note
      </label>
      <input
        id="request-note"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
      />
      <p className="text-xs text-slate-600 dark:text-slate-400">Saving the edit starts the approvals again.</p>
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={!parsed.ok || !note.trim() || actions.edit.isPending}>
          Save the edit
        </Button>
        <Button onClick={() => setOpen(false)}>Cancel</Button>
      </div>
      {actions.edit.error && (
        <p role="alert" className="text-red-700 dark:text-red-300">
          Not saved: {actions.edit.error.message}
        </p>
      )}
    </form>
  );
}
