/**
 * Four eyes on protected environments (team mode). Under an admin's rule a write is refused (409
 * CHANGE_REQUEST_REQUIRED, by the write service: server/writes/service.ts) unless it is an approved change request
 * being applied here; a request is the exact write, the version it was reviewed against (for connectors and numbers, a
 * digest of what it depends on) and the note. What it reaches (contract/reach.ts) is worked out when it is opened or
 * edited: its rule is the strictest of every place it reaches, and approving needs the role on each. Roles are
 * checked as they stand at every step — opening, editing, scheduling, approving, applying, and when a scheduled change
 * runs — and an approval from someone who lost the role no longer counts. Applying is a conditional write on the
 * base, done once whichever replica is asked (a conditional update of the request's status, with a lease: if its
 * replica dies, whoever looks after the lease decides from the backend whether the write landed), through the write
 * service, so it is checked, written and recorded like any write. An admin may apply without approvals with a reason
 * (break glass), recorded as such. Every step is also in the agent's history.
 */
import { randomBytes } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isAdmin, mayView, type Me } from '../../../contract/access.ts';
import {
  AgentParams,
  etagOf,
  type ApiErrorBody,
  type BatchUpdateConnectorsResponse,
  type ClientEnv,
  type ConfigPage,
} from '../../../contract/agents-api.ts';
import {
  ChangePolicies,
  ChangeRequest,
  ChangeRequestApply,
  ChangeRequestComment,
  ChangeRequestEdit,
  ChangeRequestList,
  CHANGE_REQUEST_STATUSES,
  ChangeRequestSchedule,
  MAX_SCHEDULE_DAYS,
  NewChangeRequest,
  policyFor,
  type ChangeRequestEventKind,
  type ChangeRequestKind,
} from '../../../contract/change-requests.ts';
import { plural } from '../../../contract/plural.ts';
import {
  placeName,
  strictestRule,
  whyNotApprove,
  whyNotMake,
  type Place,
  type Reach,
} from '../../../contract/reach.ts';
import { ApiError } from '../../errors.ts';
import type { HistoryRepository } from '../history/history.repository.ts';
import { registerPeriodicTask } from '../../plugins/periodic-task.ts';
import type { WebhookEvent } from '../../../contract/webhook-values.ts';
import type { Announce } from '../webhooks/webhooks.ts';
import { reachOfWrite, type Lookup } from '../../writes/reach.ts';
import type { WriteService } from '../../writes/service.ts';
import { callOfChangeRequest, writeOfChangeRequest } from '../../writes/write.ts';
import type { AccessOf, ChangeRequestsRepository } from './change-requests.repository.ts';
import {
  checkBody,
  digestBaseOf,
  hasDigestBase,
  isWrittenNow,
  type ConnectorBatchBody,
  type ConnectorRequestBody,
} from './change-request-bodies.ts';
import type { PhoneNumberMove } from './phone-number-rules.ts';

const RequestParams = Type.Object({
  agentId: AgentParams.properties.agentId,
  id: Type.String({ pattern: '^\\d{1,15}$' }),
});
const ListQuery = Type.Object(
  { status: Type.Optional(Type.Union(CHANGE_REQUEST_STATUSES.map((s) => Type.Literal(s)))) },
  { additionalProperties: false },
);

type Member = Me & { mode: 'team' };

/** A batch edit applies connector by connector: which of them the API did not update, said plainly (else undefined). */
function partialBatch(request: ChangeRequest, answer: unknown): string | undefined {
  if (request.kind !== 'connector-batch') return undefined;
  const failed = ((answer as BatchUpdateConnectorsResponse).results ?? []).filter((result) => !result.success);
  if (failed.length === 0) return undefined;
  const total = (request.body as ConnectorBatchBody).updates.length;
  return `${total - failed.length} of ${total} connectors updated; not updated: ${failed.map((f) => `${f.connectorId}${f.error ? ` (${f.error})` : ''}`).join(', ')}`;
}

/** A decline may say why; without a body it is a decline all the same. */
const DeclineBody = Type.Object(
  { text: Type.Optional(ChangeRequestComment.properties.text) },
  { additionalProperties: false },
);
/** Apply and decline take an optional body: none is `{}`. */
const bodyOptional = async (req: FastifyRequest) => {
  req.body ??= {};
};

const forbidden = (message: string) => new ApiError(403, 'FORBIDDEN', message);
/** Refuses unless `me` may make a write of this reach (as its author, or by applying it). */
const mustMake = (me: Me, reach: Reach) => {
  const why = whyNotMake(me, reach);
  if (why) throw forbidden(why);
};

/** A refusal of the write, as the API would answer it. */
const refusal = (status: number, message: string, data: ApiErrorBody['data'] = null) => ({
  status,
  value: { success: false, error: message, error_message: message, data } as Partial<ApiErrorBody>,
});

/** A write's answer as a value (it may come already encoded as JSON). */
function valueOf(body: unknown): unknown {
  const text =
    typeof body === 'string' ? body : body instanceof Uint8Array ? new TextDecoder().decode(body) : undefined;
  if (text === undefined) return body;
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** How long a replica holds a request it is applying, unless told otherwise (longer than any apply takes). */
const DEFAULT_LEASE_MS = 2 * 60_000;

export type ChangeRequestOptions = {
  /** The write service: a request is applied through it like any write. */
  writes: WriteService;
  /** A member's access as it is now (undefined: no longer a member). */
  accessOf: AccessOf;
  /** The backend's reads (connectors, numbers, pages), as the request with this correlation id. */
  lookupFor: (correlationId: string) => Lookup;
  /** How often each replica looks for scheduled changes that are due, and for applies whose replica died. */
  scheduleEveryMs?: number;
  /** How long a replica applying a request holds it (2 minutes). */
  leaseMs?: number;
  /** Word of each step where the team talks (webhooks). */
  announce: Announce;
  /** The console's address, for links in that word. */
  publicUrl: string;
};

/** Registers the scheduler; returns what registers the routes. */
export function registerChangeRequests(
  app: FastifyInstance,
  requests: ChangeRequestsRepository,
  history: HistoryRepository,
  options: ChangeRequestOptions,
): () => void {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const systemLookup = () => options.lookupFor(`switchboard-${randomBytes(6).toString('hex')}`);

  /**
   * What a request's write reaches and what it is based on, checked: its body of its kind's shape, what it depends on
   * still there, `me` allowed to make it as roles are now, and `clientEnv` (the environment it is filed under, shown
   * with it) one of the places it reaches on its own agent — under a rule, one whose rule is the strictest it meets.
   */
  async function prepared(
    me: Member,
    agentId: string,
    input: { clientEnv: ClientEnv; kind: ChangeRequestKind; body: Record<string, unknown>; baseVersion: string },
    lookup: Lookup,
  ) {
    checkBody(input.kind, input.body);
    const baseVersion = hasDigestBase(input.kind)
      ? await digestBaseOf(agentId, input.kind, input.body, lookup)
      : input.baseVersion;
    if (!baseVersion)
      throw new ApiError(
        404,
        'NOT_FOUND',
        `What this request changes is not among ${agentId}'s connectors and numbers`,
      );
    const reach = await reachOfWrite(writeOfChangeRequest({ agentId, ...input }), lookup);
    mustMake(me, reach);
    const policies = await requests.policies();
    const rule = strictestRule(policies, reach.places);
    const fits = (place: Place) =>
      place.agentId === agentId &&
      (!rule || policyFor(policies, agentId, place.clientEnv)?.approvals === rule.policy.approvals);
    if (!reach.places.some((place) => place.clientEnv === input.clientEnv && fits(place))) {
      const where = reach.places.filter(fits).map((place) => place.clientEnv);
      throw new ApiError(
        400,
        'INVALID_REQUEST',
        where.length > 0
          ? `File this change under ${where.join(' or ')} of ${agentId}: ${rule ? 'its strictest rule is there' : 'it changes that'}`
          : `This change reaches nothing of ${agentId} that answers calls`,
      );
    }
    return { reach, baseVersion, rule };
  }

  /** A step of a request, in its own list and in the agent's history. */
  async function step(request: ChangeRequest, actor: string | undefined, kind: ChangeRequestEventKind, text?: string) {
    await requests.addEvent(request.id, actor, kind, request.revision, text);
    await inHistory(request, actor, kind, text);
    tell(request, actor, kind, text);
  }

  async function inHistory(
    request: ChangeRequest,
    actor: string | undefined,
    kind: ChangeRequestEventKind,
    text?: string,
  ) {
    await history.record({
      agentId: request.agentId,
      clientEnv: request.clientEnv,
      kind: 'change-request',
      outcome: 'applied',
      ...(actor && { author: actor }),
      ...(text && { note: text }),
      subject: `Change request #${request.id} ${kind}`,
      source: `change-request:${request.id}`,
      changes: [],
    });
  }

  const WORD: Partial<Record<ChangeRequestEventKind, WebhookEvent>> = {
    opened: 'request.opened',
    approved: 'request.approved',
    declined: 'request.declined',
    applied: 'request.applied',
    bypassed: 'request.break-glass',
  };

  /** Word of a step where the team talks: the request's keys (or schema), who, and a link to it. */
  function tell(request: ChangeRequest, actor: string | undefined, kind: ChangeRequestEventKind, text?: string) {
    const event = WORD[kind];
    if (!event) return;
    const what = kind === 'bypassed' ? 'applied without its approvals (break glass)' : kind;
    void options.announce(event, {
      summary: `Change request #${request.id} ${what}: ${request.clientEnv} of ${request.agentId}`,
      agentId: request.agentId,
      clientEnv: request.clientEnv,
      ...(actor && { actor }),
      ...((text ?? request.note) && { note: text ?? request.note }),
      request: {
        id: request.id,
        url: `${options.publicUrl}/agents/${encodeURIComponent(request.agentId)}/change-requests/${request.id}`,
      },
      changes:
        request.kind === 'connector'
          ? Object.entries((request.body as ConnectorRequestBody).changes).map(([key, after]) => ({
              key: `${(request.body as ConnectorRequestBody).connectorId}.${key}`,
              after,
            }))
          : request.kind === 'connector-delete'
            ? [{ key: (request.body as ConnectorRequestBody).connectorId, after: 'deleted' }]
            : request.kind === 'connector-batch'
              ? (request.body as ConnectorBatchBody).updates.flatMap(({ connectorId, ...fields }) =>
                  Object.entries(fields).map(([key, after]) => ({ key: `${connectorId}.${key}`, after })),
                )
              : request.kind === 'phone-number-move'
                ? [
                    {
                      key: (request.body as PhoneNumberMove).phoneNumber,
                      after: (request.body as PhoneNumberMove).connectorId,
                    },
                  ]
                : request.kind === 'variables'
                  ? Object.entries(request.body).map(([key, after]) => ({ key, after }))
                  : [],
      ...(request.kind === 'schema' && { schemaChanged: true }),
    });
  }

  /**
   * Applies the request as `actor` if it is still open at its revision (false when another replica or request got
   * there first): `actor` must be allowed to make it as roles are now, and its approvals are those that count now. The
   * intent is in the store first (status `applying`, with a lease), then a conditional write on its base, through this
   * server, then the outcome on the request.
   */
  async function applyRequest(request: ChangeRequest, actor: string, bypass?: string): Promise<boolean> {
    if (!(await requests.transition(request.id, 'open', 'applying', request.revision, { leaseMs }))) return false;
    if (bypass) await step(request, actor, 'bypassed', bypass);
    if (hasDigestBase(request.kind)) {
      // Connectors and numbers have no versions: the base is what the request depends on, as it was.
      const base = await digestBaseOf(request.agentId, request.kind, request.body, systemLookup());
      if (base !== request.baseVersion) {
        const what = request.kind === 'phone-number-move' ? 'The number or its new connector' : 'The connector';
        await requests.transition(request.id, 'applying', 'open', request.revision, {
          staleAt: base ? 'changed' : 'gone',
        });
        await step(
          request,
          actor,
          'failed',
          base
            ? `${what} changed since the request was made: nothing was written; the author must rebase it`
            : `${what} is gone`,
        );
        return true;
      }
    }
    const answer = await applyWrite(request, actor);
    if (answer.status < 300) {
      const version = hasDigestBase(request.kind) ? undefined : (answer.value as ConfigPage).lastUpdated;
      if (
        await requests.transition(request.id, 'applying', 'applied', request.revision, {
          appliedVersion: version,
          staleAt: null,
        })
      ) {
        await requests.addEvent(
          request.id,
          actor,
          'applied',
          request.revision,
          version ?? partialBatch(request, answer.value),
        );
        tell(request, actor, 'applied');
      }
      return true;
    }
    const error = answer.value as ApiErrorBody;
    const current =
      answer.status === 412 && error.data && 'currentPage' in error.data
        ? (error.data.currentPage as ConfigPage).lastUpdated
        : undefined;
    await requests.transition(request.id, 'applying', 'open', request.revision, current ? { staleAt: current } : {});
    const why = current
      ? `The page changed since the request was based on it (now at ${current}): nothing was written; the author must rebase it`
      : answer.status >= 500
        ? `No clear answer (${answer.status}): applying again is safe, it only writes over the base version`
        : `Refused: ${error.error_message ?? answer.status}`;
    await step(request, actor, 'failed', why);
    return true;
  }

  /**
   * A request whose applying replica let its lease run out (it died or froze mid-way): one replica takes it over and
   * decides from the backend whether its write landed — applied, or back to open, never stuck. Left as it is when the
   * backend cannot be read (the next look tries again).
   */
  async function settleExpired(request: ChangeRequest): Promise<void> {
    if (
      request.status !== 'applying' ||
      !request.leaseUntil ||
      !(await requests.takeExpired(request.id, request.leaseUntil, leaseMs))
    )
      return;
    let outcome: { written: boolean; version?: string };
    try {
      outcome = await isWrittenNow(request, systemLookup());
    } catch (error) {
      app.log.warn(
        { err: error, request: request.id },
        'change requests: an apply whose replica stopped could not be decided yet',
      );
      return;
    }
    if (outcome.written) {
      if (
        !(await requests.transition(request.id, 'applying', 'applied', request.revision, {
          appliedVersion: outcome.version,
          staleAt: null,
        }))
      )
        return;
      await requests.addEvent(
        request.id,
        undefined,
        'applied',
        request.revision,
        `Its replica stopped while applying it; ${outcome.version ?? 'what it changes'} shows it was written`,
      );
      tell(request, undefined, 'applied');
    } else {
      if (!(await requests.transition(request.id, 'applying', 'open', request.revision))) return;
      await step(
        request,
        undefined,
        'failed',
        'Its replica stopped while applying it, and nothing was written: it can be applied again',
      );
    }
  }

  /**
   * The request's write, through the write service as `actor` with their roles as they are now (checked, written and
   * recorded like any write; its rule is met by its approvals): the answer, or the refusal, as a status and a value.
   */
  async function applyWrite(request: ChangeRequest, actor: string): Promise<{ status: number; value: unknown }> {
    const by = await options.accessOf(actor);
    if (!by) return refusal(403, `${actor} is no longer a member of the team`);
    try {
      const answer = await options.writes.write({
        ...callOfChangeRequest(request),
        ...(!hasDigestBase(request.kind) && { ifMatch: etagOf({ lastUpdated: request.baseVersion }) }),
        by,
        approved: true,
        note: request.note || undefined,
        source: `change-request:${request.id}`,
        correlationId: `switchboard-${randomBytes(6).toString('hex')}`,
      });
      return { status: answer.status, value: valueOf(answer.body) };
    } catch (error) {
      if (error instanceof ApiError) return refusal(error.statusCode, error.message, error.data);
      app.log.error({ err: error, request: request.id }, 'change requests: applying failed');
      return refusal(500, 'The server could not complete the write');
    }
  }

  /** Why `email` may not make the request's write now (no longer a member, or not the role), or undefined. */
  async function whyNotNow(email: string, request: ChangeRequest): Promise<string | undefined> {
    const access = await options.accessOf(email);
    return access ? whyNotMake(access, request.reach) : `${email} is no longer a member of the team`;
  }

  // Scheduled changes: every replica looks; each due request is applied by whichever gets it first (applyRequest), as
  // the member who scheduled it, with their role and the approvals as they are at that moment. Applies whose replica
  // died are decided here too.
  async function applyDue() {
    for (const request of await requests.expiredLeases()) await settleExpired(request);
    for (const request of await requests.due()) {
      const by = request.scheduledBy ?? request.author;
      if (!(await requests.takeDue(request.id, request.scheduledAt!))) continue;
      const why = await whyNotNow(by, request);
      if (why) {
        await step(
          request,
          undefined,
          'failed',
          `Its time came (${request.scheduledAt}), but ${by} may no longer make it (${why}): not applied`,
        );
        continue;
      }
      if (request.approvedBy.length < request.approvalsNeeded) {
        await step(
          request,
          undefined,
          'failed',
          `Its time came (${request.scheduledAt}) before its approvals (${request.approvedBy.length} of ${request.approvalsNeeded}): not applied`,
        );
        continue;
      }
      await applyRequest(request, by);
    }
  }
  registerPeriodicTask(app, {
    everyMs: options.scheduleEveryMs ?? 5_000,
    task: applyDue,
    what: 'change requests: applying scheduled changes',
  });

  const registerRoutes = () => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    const base = '/api/agents/:agentId/change-requests';
    const memberOf = (req: FastifyRequest) => req.me as Member;

    /** The request, after deciding it if its applying replica's lease ran out ("the next look decides"). */
    async function found(req: FastifyRequest<{ Params: { agentId: string; id: string } }>): Promise<ChangeRequest> {
      const read = () => requests.get(req.params.agentId, req.params.id);
      let request = await read();
      if (request?.status === 'applying' && request.leaseUntil && request.leaseUntil < new Date().toISOString()) {
        await settleExpired(request);
        request = await read();
      }
      if (!request)
        throw new ApiError(
          404,
          'CHANGE_REQUEST_NOT_FOUND',
          `There is no change request #${req.params.id} for ${req.params.agentId}`,
        );
      return request;
    }
    const mustBeOpen = (request: ChangeRequest) => {
      if (request.status !== 'open')
        throw new ApiError(409, 'CHANGE_REQUEST_CLOSED', `Change request #${request.id} is ${request.status}`);
    };
    const mustApprove = (me: Member, request: ChangeRequest) => {
      const why = whyNotApprove(me, request.reach);
      if (why) throw forbidden(why);
    };

    api.get(
      '/api/settings/change-policies',
      { schema: { tags: ['change requests'], response: { 200: ChangePolicies } } },
      async () => ({ policies: await requests.policies() }),
    );
    api.put(
      '/api/settings/change-policies',
      { schema: { tags: ['change requests'], body: ChangePolicies, response: { 200: ChangePolicies } } },
      async (req) => {
        await requests.savePolicies(req.body.policies);
        req.log.info({ policies: req.body.policies }, 'change policies saved');
        return { policies: await requests.policies() };
      },
    );

    // Open requests per agent the member may see (the navigation's badge).
    api.get('/api/change-requests/open', { schema: { tags: ['change requests'] } }, async (req) => {
      const me = memberOf(req);
      return {
        open: Object.fromEntries(
          Object.entries(await requests.openCounts()).filter(([agentId]) => mayView(me, agentId)),
        ),
      };
    });

    api.get(
      base,
      {
        schema: {
          tags: ['change requests'],
          params: AgentParams,
          querystring: ListQuery,
          response: { 200: ChangeRequestList },
        },
      },
      async (req) => ({
        requests: await requests.list(req.params.agentId, req.query.status),
      }),
    );

    api.post(
      base,
      {
        schema: {
          tags: ['change requests'],
          params: AgentParams,
          body: NewChangeRequest,
          response: { 201: ChangeRequest },
        },
      },
      async (req, reply) => {
        const me = memberOf(req);
        const { agentId } = req.params;
        const { reach, baseVersion, rule } = await prepared(me, agentId, req.body, options.lookupFor(req.id));
        if (!rule) {
          throw new ApiError(
            409,
            'NO_CHANGE_POLICY',
            `Changes to ${reach.places.map(placeName).join(', ')} need no approval: save them directly`,
          );
        }
        if (
          reach.places.some((place) => place.clientEnv === 'live') &&
          !req.body.note.trim() &&
          (await history.settings()).requireNoteForLive
        ) {
          throw new ApiError(400, 'HISTORY_NOTE_REQUIRED', 'Changes to live need a note saying why (a team setting)');
        }
        const request = await requests.create(agentId, { ...req.body, baseVersion }, me.email, reach);
        await inHistory(request, me.email, 'opened', request.note || undefined);
        tell(request, me.email, 'opened');
        return reply.status(201).send(request);
      },
    );

    api.get(
      `${base}/:id`,
      { schema: { tags: ['change requests'], params: RequestParams, response: { 200: ChangeRequest } } },
      async (req) => found(req),
    );

    api.put(
      `${base}/:id`,
      {
        schema: {
          tags: ['change requests'],
          params: RequestParams,
          body: ChangeRequestEdit,
          response: { 200: ChangeRequest },
        },
      },
      async (req) => {
        const me = memberOf(req);
        const request = await found(req);
        mustBeOpen(request);
        if (request.author !== me.email)
          throw forbidden('Only the author edits a change request: comment to suggest a change');
        // Checked as the author's role is now, over what the edited request reaches (rebased onto the backend as it is).
        const { reach, baseVersion } = await prepared(
          me,
          request.agentId,
          { ...request, ...req.body },
          options.lookupFor(req.id),
        );
        if (!(await requests.edit(request.id, request.revision, { ...req.body, baseVersion }, reach))) {
          throw new ApiError(409, 'CHANGE_REQUEST_MOVED', 'The request changed meanwhile: read it again');
        }
        const edited = (await requests.get(request.agentId, request.id))!;
        await step(
          edited,
          me.email,
          'edited',
          request.approvedBy.length > 0
            ? `Approvals start again (${request.approvedBy.join(', ')} had approved)`
            : undefined,
        );
        return (await requests.get(request.agentId, request.id))!;
      },
    );

    api.post(
      `${base}/:id/comments`,
      {
        schema: {
          tags: ['change requests'],
          params: RequestParams,
          body: ChangeRequestComment,
          response: { 200: ChangeRequest },
        },
      },
      async (req) => {
        const request = await found(req);
        await step(request, memberOf(req).email, 'commented', req.body.text);
        return (await requests.get(request.agentId, request.id))!;
      },
    );

    api.post(
      `${base}/:id/approve`,
      { schema: { tags: ['change requests'], params: RequestParams, response: { 200: ChangeRequest } } },
      async (req) => {
        const me = memberOf(req);
        const request = await found(req);
        mustBeOpen(request);
        mustApprove(me, request);
        if (request.author === me.email)
          throw new ApiError(
            403,
            'SELF_APPROVAL',
            'The author cannot approve their own request (an admin can apply it with a reason instead)',
          );
        if (request.approvedBy.includes(me.email))
          throw new ApiError(409, 'ALREADY_APPROVED', 'You already approved this revision');
        await step(request, me.email, 'approved');
        return (await requests.get(request.agentId, request.id))!;
      },
    );

    api.post(
      `${base}/:id/decline`,
      {
        preValidation: bodyOptional,
        schema: {
          tags: ['change requests'],
          params: RequestParams,
          body: DeclineBody,
          response: { 200: ChangeRequest },
        },
      },
      async (req) => {
        const me = memberOf(req);
        const request = await found(req);
        mustBeOpen(request);
        // The author may always withdraw their own request: that changes nothing anyone hears.
        if (request.author !== me.email) mustApprove(me, request);
        if (!(await requests.transition(request.id, 'open', 'declined', request.revision)))
          throw new ApiError(409, 'CHANGE_REQUEST_MOVED', 'The request changed meanwhile: read it again');
        await step(request, me.email, request.author === me.email ? 'withdrawn' : 'declined', req.body.text);
        return (await requests.get(request.agentId, request.id))!;
      },
    );

    api.post(
      `${base}/:id/apply`,
      {
        preValidation: bodyOptional,
        schema: {
          tags: ['change requests'],
          params: RequestParams,
          body: ChangeRequestApply,
          response: { 200: ChangeRequest },
        },
      },
      async (req) => {
        const me = memberOf(req);
        const request = await found(req);
        mustBeOpen(request);
        mustMake(me, request.reach);
        const breakGlass = req.body.breakGlass;
        if (breakGlass && !isAdmin(me)) throw forbidden('Only an admin may apply a change without its approvals');
        if (!breakGlass && request.approvedBy.length < request.approvalsNeeded) {
          const withdrawn =
            request.approvalsWithdrawn.length > 0
              ? ` (${request.approvalsWithdrawn.map((a) => `${a.by}'s no longer counts: ${a.why}`).join('; ')})`
              : '';
          throw new ApiError(
            409,
            'APPROVALS_MISSING',
            `Change request #${request.id} has ${request.approvedBy.length} of ${plural(request.approvalsNeeded, 'approval', 'approvals')}${withdrawn}`,
          );
        }
        if (!(await applyRequest(request, me.email, breakGlass?.reason))) {
          throw new ApiError(
            409,
            'CHANGE_REQUEST_MOVED',
            `Change request #${request.id} is being applied, or changed meanwhile: read it again`,
          );
        }
        return (await requests.get(request.agentId, request.id))!;
      },
    );

    api.put(
      `${base}/:id/schedule`,
      {
        schema: {
          tags: ['change requests'],
          params: RequestParams,
          body: ChangeRequestSchedule,
          response: { 200: ChangeRequest },
        },
      },
      async (req) => {
        const me = memberOf(req);
        const request = await found(req);
        mustBeOpen(request);
        mustMake(me, request.reach);
        const at = new Date(req.body.at);
        const ahead = at.getTime() - Date.now();
        if (!(ahead > 0 && ahead <= MAX_SCHEDULE_DAYS * 86_400_000)) {
          throw new ApiError(
            400,
            'SCHEDULE_INVALID',
            `A change is scheduled in the future, at most ${MAX_SCHEDULE_DAYS} days ahead`,
          );
        }
        await requests.schedule(request.id, at.toISOString(), me.email);
        await step(request, me.email, 'scheduled', at.toISOString());
        return (await requests.get(request.agentId, request.id))!;
      },
    );

    api.delete(
      `${base}/:id/schedule`,
      { schema: { tags: ['change requests'], params: RequestParams, response: { 200: ChangeRequest } } },
      async (req) => {
        const me = memberOf(req);
        const request = await found(req);
        mustBeOpen(request);
        mustMake(me, request.reach);
        await requests.schedule(request.id, null, null);
        await step(request, me.email, 'unscheduled');
        return (await requests.get(request.agentId, request.id))!;
      },
    );
  };

  return registerRoutes;
}
