/**
 * Four eyes on protected environments (team mode). Under an admin's policy a write to a page is refused (409
 * CHANGE_REQUEST_REQUIRED) unless it is an approved change request being applied here; a request is the exact write,
 * the version it was reviewed against and the note. Others approve (never the author), decline or comment; editing
 * starts the approvals again; applying is a conditional write on the base version, done once whichever replica is asked
 * (a single conditional update of the request's status), through this same server, so it is checked, forwarded and
 * recorded like any write. An admin may apply without approvals with a reason (break glass), recorded as such. Every
 * step is also in the agent's history.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isAdmin, mayView, mayWrite, type Me } from '../../../contract/access.ts';
import { AgentParams, ConnectorParams, isClientEnv, UpdateConnectorBody, type ApiErrorBody, type ClientEnv, type ConfigPage, type Connector, type ConnectorList, type PhoneNumberList, type BatchUpdateConnectorsResponse } from '../../../contract/agents-api.ts';
import { Value } from '@sinclair/typebox/value';
import {
  CHANGE_REQUEST_HEADER,
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
  strictestRule,
  type ChangeRequestEventKind,
  type ChangeRequestKind,
} from '../../../contract/change-requests.ts';
import { CONDITIONAL_WRITES, CONFIG_PAGE_PATH, CONNECTORS_PATH, ENDPOINTS, NUMBERS_PATH, pathOf } from '../../../contract/endpoints.ts';
import { envsReached, moveBase, PhoneNumberMoveSchema, type NumberWrite, type PhoneNumberMove, type Telephony } from './phone-number-rules.ts';
import { HISTORY_HEADERS } from '../../../contract/history-values.ts';
import { plural } from '../../../contract/plural.ts';
import { ApiError } from '../../errors.ts';
import type { HistoryRepository } from '../history/history.repository.ts';
import type { ActAs } from '../auth/access.ts';
import { registerPeriodicTask } from '../../plugins/periodic-task.ts';
import type { WebhookEvent } from '../../../contract/webhook-values.ts';
import type { Announce } from '../webhooks/webhooks.ts';
import type { ChangeRequestsRepository } from './change-requests.repository.ts';

const TELEPHONY_WRITES = new Set(ENDPOINTS.filter((e) => !e.read && !CONDITIONAL_WRITES.has(`${e.method} ${e.path}`)).map((e) => `${e.method} ${e.path}`));
const pageEndpoint = ENDPOINTS.find((e) => e.method === 'GET' && e.path === CONFIG_PAGE_PATH)!;
const connectorEndpoint = ENDPOINTS.find((e) => e.method === 'GET' && e.path === `${CONNECTORS_PATH}/:connectorId`)!;
const connectorsEndpoint = ENDPOINTS.find((e) => e.method === 'GET' && e.path === CONNECTORS_PATH)!;
const numbersEndpoint = ENDPOINTS.find((e) => e.method === 'GET' && e.path === NUMBERS_PATH)!;
const numberEndpoint = ENDPOINTS.find((e) => e.method === 'GET' && e.path === `${NUMBERS_PATH}/:phoneNumber`)!;
const batchEndpoint = ENDPOINTS.find((e) => e.method === 'PATCH' && e.path === `${CONNECTORS_PATH}/batch`)!;

const unchecked = () => new ApiError(503, 'CHANGE_RULE_UNCHECKED', 'The connectors could not be read to check the approval rules: nothing was written; try again');

/** A connector request's body: which connector, and the PATCH it sends. */
const ConnectorRequestSchema = Type.Object(
  {
    connectorId: ConnectorParams.properties.connectorId,
    changes: Type.Composite([UpdateConnectorBody], { additionalProperties: false, minProperties: 1 }),
  },
  { additionalProperties: false },
);
type ConnectorRequestBody = { connectorId: string; changes: Record<string, unknown> };
/** A connector deletion request's body: which connector. */
const ConnectorDeleteSchema = Type.Object({ connectorId: ConnectorParams.properties.connectorId }, { additionalProperties: false });

const isConnectorKind = (kind: ChangeRequestKind) => kind === 'connector' || kind === 'connector-delete';
/** Kinds whose base is a digest of what they depend on (connectors and numbers have no versions), worked out here. */
const hasDigestBase = (kind: ChangeRequestKind) => isConnectorKind(kind) || kind === 'connector-batch' || kind === 'phone-number-move';

/** A batch edit request's body: the batch endpoint's own, each connector once, each update changing something. */
const ConnectorBatchSchema = Type.Object(
  {
    updates: Type.Array(
      Type.Composite([Type.Object({ connectorId: ConnectorParams.properties.connectorId }), UpdateConnectorBody], { additionalProperties: false, minProperties: 2 }),
      { minItems: 1, maxItems: 100, uniqueItems: true },
    ),
  },
  { additionalProperties: false },
);
type ConnectorBatchBody = { updates: ({ connectorId: string } & Record<string, unknown>)[] };

/** A batch's base: each connector's fields it changes, as they are (undefined when one of them is gone). */
function batchBase(connectors: Connector[], body: ConnectorBatchBody): string | undefined {
  const parts: string[] = [];
  for (const { connectorId, ...changes } of [...body.updates].sort((a, b) => (a.connectorId < b.connectorId ? -1 : 1))) {
    const connector = connectors.find((c) => c.connectorId === connectorId);
    if (!connector) return undefined;
    parts.push(`${connectorId}:${connectorBase(connector, 'connector', { connectorId, changes })}`);
  }
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

/**
 * The base of a connector request (a digest; connectors have no version): what it depends on, as it is — the fields it
 * changes, or, to delete it, the whole connector (a deletion is reviewed against everything the connector is).
 */
function connectorBase(connector: Connector, kind: ChangeRequestKind, body: Record<string, unknown>): string {
  const record = connector as Record<string, unknown>;
  const keys = kind === 'connector-delete' ? Object.keys(record) : Object.keys((body as ConnectorRequestBody).changes);
  const fields = Object.fromEntries(keys.sort().map((key) => [key, record[key] ?? null]));
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}
const RequestParams = Type.Object({ agentId: AgentParams.properties.agentId, id: Type.String({ pattern: '^\\d{1,15}$' }) });
const ListQuery = Type.Object({ status: Type.Optional(Type.Union(CHANGE_REQUEST_STATUSES.map((s) => Type.Literal(s)))) }, { additionalProperties: false });

type Member = Me & { mode: 'team' };

/** A batch edit applies connector by connector: which of them the API did not update, said plainly (else undefined). */
function partialBatch(request: ChangeRequest, answer: unknown): string | undefined {
  if (request.kind !== 'connector-batch') return undefined;
  const failed = ((answer as BatchUpdateConnectorsResponse).results ?? []).filter((result) => !result.success);
  if (failed.length === 0) return undefined;
  const total = (request.body as ConnectorBatchBody).updates.length;
  return `${total - failed.length} of ${total} connectors updated; not updated: ${failed.map((f) => `${f.connectorId}${f.error ? ` (${f.error})` : ''}`).join(', ')}`;
}

/** What a phone-number write touches (its body is not validated yet here: anything unexpected touches nothing more). */
function numberWriteOf(req: FastifyRequest): NumberWrite {
  const body = (req.body ?? {}) as { phoneNumbers?: unknown; clientEnv?: unknown; connectorId?: unknown };
  const phoneNumber = (req.params as { phoneNumber?: string }).phoneNumber;
  const listed = Array.isArray(body.phoneNumbers) ? body.phoneNumbers.filter((n): n is string => typeof n === 'string') : [];
  // An import names its environment, or gets PolyAI's default, taken to be live.
  if (req.method === 'POST') return { numbers: [], importInto: typeof body.clientEnv === 'string' ? body.clientEnv : 'live' };
  return {
    numbers: phoneNumber === undefined ? listed : [phoneNumber],
    ...(req.method === 'PATCH' && typeof body.connectorId === 'string' && { toConnector: body.connectorId }),
  };
}

/** A decline may say why; without a body it is a decline all the same. */
const DeclineBody = Type.Object({ text: Type.Optional(ChangeRequestComment.properties.text) }, { additionalProperties: false });
/** Apply and decline take an optional body: none is `{}`. */
const bodyOptional = async (req: FastifyRequest) => {
  req.body ??= {};
};

export type ChangeRequestOptions = {
  /** How this server sends itself a request as a member (the applying one: a write goes through every check). */
  actAs: ActAs;
  /** A Host this server answers to, for the requests it sends itself. */
  host: string;
  /** How often each replica looks for scheduled changes that are due. */
  scheduleEveryMs?: number;
  /** Word of each step where the team talks (webhooks). */
  announce: Announce;
  /** The console's address, for links in that word. */
  publicUrl: string;
};

/** Registers the gate on writes (a hook, before any handler) and the scheduler; returns what registers the routes. */
export function registerChangeRequests(app: FastifyInstance, requests: ChangeRequestsRepository, history: HistoryRepository, options: ChangeRequestOptions): () => void {
  /** Tokens of the writes this process is applying for a request, with the page each may write. */
  const applying = new Map<string, string>();

  /**
   * The base of a request whose kind has no versions, checked against what it depends on as it is now: a connector
   * request's connector, or a move's number and connector (whose rule must be the one the request is for).
   */
  async function digestBase(agentId: string, env: ClientEnv, kind: ChangeRequestKind, body: Record<string, unknown>, actor: string): Promise<string> {
    if (kind === 'connector-batch') return connectorBatchBase(agentId, env, body, actor);
    if (kind !== 'phone-number-move') return connectorRequestBase(agentId, env, kind, body, actor);
    if (!Value.Check(PhoneNumberMoveSchema, body)) throw new ApiError(400, 'INVALID_REQUEST', 'A request to move a number is { phoneNumber, connectorId }');
    const telephony = await readTelephony(agentId, actor);
    const base = moveBase(telephony, body);
    if (!base) throw new ApiError(404, 'PHONE_NUMBERS_NOT_FOUND', `${agentId} has no number ${body.phoneNumber} or no connector ${body.connectorId}`);
    const rule = strictestRule(await requests.policies(), agentId, envsReached(telephony, { numbers: [body.phoneNumber], toConnector: body.connectorId }));
    if (rule && rule.env !== env) {
      throw new ApiError(400, 'INVALID_REQUEST', `This move reaches ${rule.env}, whose rule needs ${plural(rule.policy.approvals, 'approval', 'approvals')}: request it for ${rule.env}`);
    }
    return base;
  }

  /** Checks a batch edit against its connectors as they are (and its rule: the strictest of theirs), and answers its base. */
  async function connectorBatchBase(agentId: string, env: ClientEnv, body: Record<string, unknown>, actor: string): Promise<string> {
    if (!Value.Check(ConnectorBatchSchema, body) || new Set(body.updates.map((u) => u.connectorId)).size !== body.updates.length) {
      throw new ApiError(400, 'INVALID_REQUEST', 'A batch edit request is { updates: [{ connectorId, …fields }] }, each connector once, each changing at least one of variantId, asrLangCode, voiceName, projectId');
    }
    const connectors = await readConnectors(agentId, actor);
    const base = batchBase(connectors, body);
    if (!base) throw new ApiError(404, 'CONNECTORS_NOT_FOUND', `Not every connector of this batch is one of ${agentId}'s`);
    const envs = body.updates.map(({ connectorId }) => connectors.find((c) => c.connectorId === connectorId)!.clientEnv).filter(isClientEnv);
    const rule = strictestRule(await requests.policies(), agentId, envs);
    if (rule && rule.env !== env) {
      throw new ApiError(400, 'INVALID_REQUEST', `This batch reaches ${rule.env}, whose rule needs ${plural(rule.policy.approvals, 'approval', 'approvals')}: request it for ${rule.env}`);
    }
    return base;
  }

  /** What a request of a kind without versions depends on, as it is now (undefined: it is gone). */
  async function currentBase(request: ChangeRequest, actor: string): Promise<string | undefined> {
    if (request.kind === 'connector-batch') return batchBase(await readConnectors(request.agentId, actor), request.body as ConnectorBatchBody);
    if (request.kind === 'phone-number-move') return moveBase(await readTelephony(request.agentId, actor), request.body as PhoneNumberMove);
    const now = await readConnector(request.agentId, (request.body as ConnectorRequestBody).connectorId, actor);
    return now && connectorBase(now, request.kind, request.body);
  }

  /** Checks a connector request's body against the connector as it is, and answers its base. */
  async function connectorRequestBase(agentId: string, env: ClientEnv, kind: ChangeRequestKind, body: Record<string, unknown>, actor: string): Promise<string> {
    if (kind === 'connector-delete' && !Value.Check(ConnectorDeleteSchema, body)) {
      throw new ApiError(400, 'INVALID_REQUEST', 'A request to delete a connector is { connectorId }');
    }
    if (kind === 'connector' && !Value.Check(ConnectorRequestSchema, body)) {
      throw new ApiError(400, 'INVALID_REQUEST', 'A connector request is { connectorId, changes } with at least one of variantId, asrLangCode, voiceName, projectId');
    }
    const { connectorId } = body as { connectorId: string };
    const connector = await readConnector(agentId, connectorId, actor);
    if (!connector) throw new ApiError(404, 'CONNECTORS_NOT_FOUND', `There is no connector ${connectorId} for ${agentId}`);
    if (connector.clientEnv !== env) throw new ApiError(400, 'INVALID_REQUEST', `Connector ${connectorId} is in ${connector.clientEnv}, not ${env}`);
    return connectorBase(connector, kind, body);
  }

  /** A connector as `actor` may read it (through this server: the emulator, or PolyAI), or undefined if there is none. */
  async function readConnector(agentId: string, connectorId: string, actor: string): Promise<Connector | undefined> {
    const acting = options.actAs(actor);
    try {
      const answer = await app.inject({ url: pathOf(connectorEndpoint, { agentId, connectorId }), headers: { host: options.host, ...acting.headers } });
      if (answer.statusCode === 404) return undefined;
      // Unknown means held: a rule must not be skipped because the connector could not be read.
      if (answer.statusCode !== 200) throw unchecked();
      return answer.json() as Connector;
    } finally {
      acting.done();
    }
  }

  /** The agent's numbers and connectors as `actor` may read them. */
  async function readTelephony(agentId: string, actor: string): Promise<Telephony> {
    const acting = options.actAs(actor);
    try {
      const answer = await app.inject({ url: pathOf(numbersEndpoint, { agentId }), headers: { host: options.host, ...acting.headers } });
      // Unknown means held: a rule must not be skipped because the numbers could not be read.
      if (answer.statusCode !== 200) throw unchecked();
      return { numbers: (answer.json() as PhoneNumberList).phoneNumbers, connectors: await readConnectors(agentId, actor) };
    } finally {
      acting.done();
    }
  }

  /** The agent's connectors as `actor` may read them. */
  async function readConnectors(agentId: string, actor: string): Promise<Connector[]> {
    const acting = options.actAs(actor);
    try {
      const answer = await app.inject({ url: pathOf(connectorsEndpoint, { agentId }), headers: { host: options.host, ...acting.headers } });
      // Unknown means held: a rule must not be skipped because the connectors could not be read.
      if (answer.statusCode !== 200) throw unchecked();
      return (answer.json() as ConnectorList).connectors;
    } finally {
      acting.done();
    }
  }

  app.addHook('preValidation', async (req) => {
    if (!req.me) return;
    const route = `${req.method} ${req.routeOptions.url}`;
    const isPageWrite = CONDITIONAL_WRITES.has(route);
    if (!isPageWrite && !TELEPHONY_WRITES.has(route)) return;
    const policies = await requests.policies();
    if (policies.length === 0) return;
    const { agentId, clientEnv } = req.params as { agentId: string; clientEnv?: ClientEnv };
    if (isPageWrite) {
      const policy = policyFor(policies, agentId, clientEnv!);
      if (!policy) return;
      const token = req.headers[CHANGE_REQUEST_HEADER];
      if (typeof token === 'string' && applying.get(token) === `${agentId}/${clientEnv}`) return;
      throw new ApiError(
        409,
        'CHANGE_REQUEST_REQUIRED',
        `Changes to ${clientEnv} of ${agentId} need ${plural(policy.approvals, 'approval', 'approvals')}: open a change request instead`,
      );
    }
    const connectorId = (req.params as { connectorId?: string }).connectorId;
    if (connectorId && (req.method === 'PATCH' || req.method === 'DELETE') && !req.routeOptions.url?.endsWith('/batch')) {
      // One connector: held only if its own environment has a rule.
      const connector = await readConnector(agentId, connectorId, req.me.email);
      const env = connector?.clientEnv as ClientEnv | undefined;
      const policy = env && isClientEnv(env) ? policyFor(policies, agentId, env) : undefined;
      if (!policy) return;
      const token = req.headers[CHANGE_REQUEST_HEADER];
      const kind: ChangeRequestKind = req.method === 'DELETE' ? 'connector-delete' : 'connector';
      if (typeof token === 'string' && applying.get(token) === `${kind}:${agentId}/${connectorId}`) return;
      const needs = plural(policy.approvals, 'approval', 'approvals');
      throw new ApiError(
        409,
        'CHANGE_REQUEST_REQUIRED',
        kind === 'connector'
          ? `Changes to ${env} connectors of ${agentId} need ${needs}: open a change request instead`
          : `Deleting a ${env} connector of ${agentId} needs ${needs}: request the deletion instead`,
      );
    }
    if (req.method === 'PATCH' && req.routeOptions.url === `${CONNECTORS_PATH}/batch`) {
      // A batch is held if one of its connectors is in an environment with a rule: the strictest of theirs.
      const updates = (req.body as { updates?: unknown } | undefined)?.updates;
      const ids = new Set(Array.isArray(updates) ? updates.map((update) => (update as { connectorId?: unknown }).connectorId) : []);
      const envs = (await readConnectors(agentId, req.me.email)).filter((connector) => ids.has(connector.connectorId)).map((connector) => connector.clientEnv);
      const rule = strictestRule(policies, agentId, envs.filter(isClientEnv));
      if (!rule) return;
      const token = req.headers[CHANGE_REQUEST_HEADER];
      if (typeof token === 'string' && applying.get(token) === `connector-batch:${agentId}`) return;
      throw new ApiError(
        409,
        'CHANGE_REQUEST_REQUIRED',
        `This batch changes ${rule.env} connectors of ${agentId}, which need ${plural(rule.policy.approvals, 'approval', 'approvals')}: request the batch edit instead`,
      );
    }
    // Phone numbers: held if a number's calls would change in an environment with a rule.
    if (!policies.some((policy) => policy.agentId === undefined || policy.agentId === agentId)) return;
    const phoneNumber = (req.params as { phoneNumber?: string }).phoneNumber;
    const write = numberWriteOf(req);
    const rule = strictestRule(policies, agentId, envsReached(await readTelephony(agentId, req.me.email), write));
    if (!rule) return;
    const token = req.headers[CHANGE_REQUEST_HEADER];
    const move = req.method === 'PATCH' && phoneNumber !== undefined;
    if (move && typeof token === 'string' && applying.get(token) === `phone-number-move:${agentId}/${phoneNumber}`) return;
    const needs = plural(rule.policy.approvals, 'approval', 'approvals');
    throw new ApiError(
      409,
      'CHANGE_REQUEST_REQUIRED',
      move
        ? `Moving ${phoneNumber} changes who answers its calls in ${rule.env} of ${agentId}, which needs ${needs}: request the move instead`
        : `${write.importInto ? `Importing numbers into ${rule.env}` : `Releasing numbers that answer calls in ${rule.env}`} of ${agentId} needs ${needs}, and cannot go through a change request: an admin can lift the rule while doing it`,
    );
  });

  /** A step of a request, in its own list and in the agent's history. */
  async function step(request: ChangeRequest, actor: string | undefined, kind: ChangeRequestEventKind, text?: string) {
    await requests.addEvent(request.id, actor, kind, request.revision, text);
    await inHistory(request, actor, kind, text);
    tell(request, actor, kind, text);
  }

  async function inHistory(request: ChangeRequest, actor: string | undefined, kind: ChangeRequestEventKind, text?: string) {
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
      request: { id: request.id, url: `${options.publicUrl}/agents/${encodeURIComponent(request.agentId)}/change-requests/${request.id}` },
      changes:
        request.kind === 'connector'
          ? Object.entries((request.body as ConnectorRequestBody).changes).map(([key, after]) => ({ key: `${(request.body as ConnectorRequestBody).connectorId}.${key}`, after }))
          : request.kind === 'connector-delete'
            ? [{ key: (request.body as ConnectorRequestBody).connectorId, after: 'deleted' }]
            : request.kind === 'connector-batch'
              ? (request.body as ConnectorBatchBody).updates.flatMap(({ connectorId, ...fields }) => Object.entries(fields).map(([key, after]) => ({ key: `${connectorId}.${key}`, after })))
              : request.kind === 'phone-number-move'
              ? [{ key: (request.body as PhoneNumberMove).phoneNumber, after: (request.body as PhoneNumberMove).connectorId }]
            : request.kind === 'variables'
            ? Object.entries(request.body).map(([key, after]) => ({ key, after }))
            : [],
      ...(request.kind === 'schema' && { schemaChanged: true }),
    });
  }

  /**
   * Applies the request as `actor` if it is still open at its revision (false when another replica or request got
   * there first): a conditional write on its base version, through this server, then the outcome on the request.
   */
  async function applyRequest(request: ChangeRequest, actor: string, bypass?: string): Promise<boolean> {
    if (!(await requests.transition(request.id, 'open', 'applying', request.revision))) return false;
    if (bypass) await step(request, actor, 'bypassed', bypass);
    if (hasDigestBase(request.kind)) {
      // Connectors and numbers have no versions: the base is what the request depends on, as it was.
      const base = await currentBase(request, actor);
      if (base !== request.baseVersion) {
        const what = request.kind === 'phone-number-move' ? 'The number or its new connector' : 'The connector';
        await requests.transition(request.id, 'applying', 'open', request.revision, { staleAt: base ? 'changed' : 'gone' });
        await step(request, actor, 'failed', base ? `${what} changed since the request was made: nothing was written; the author must rebase it` : `${what} is gone`);
        return true;
      }
    }
    const answer = await applyWrite(request, actor);
    if (answer.statusCode < 300) {
      const version = hasDigestBase(request.kind) ? undefined : (answer.json() as ConfigPage).lastUpdated;
      await requests.transition(request.id, 'applying', 'applied', request.revision, { appliedVersion: version, staleAt: null });
      await requests.addEvent(request.id, actor, 'applied', request.revision, version ?? partialBatch(request, answer.json()));
      tell(request, actor, 'applied');
      return true;
    }
    const error = answer.json() as ApiErrorBody;
    const current = answer.statusCode === 412 && error.data && 'currentPage' in error.data ? (error.data.currentPage as ConfigPage).lastUpdated : undefined;
    await requests.transition(request.id, 'applying', 'open', request.revision, current ? { staleAt: current } : {});
    const why = current
      ? `The page changed since the request was based on it (now at ${current}): nothing was written; the author must rebase it`
      : answer.statusCode >= 500
        ? `No clear answer (${answer.statusCode}): applying again is safe, it only writes over the base version`
        : `Refused: ${error.error_message ?? answer.statusCode}`;
    await step(request, actor, 'failed', why);
    return true;
  }

  /** The request's write, sent through this server as `actor` (checked, forwarded and recorded like any write). */
  async function applyWrite(request: ChangeRequest, actor: string) {
    const token = randomBytes(24).toString('base64url');
    const { agentId } = request;
    const write = writeOf(request);
    applying.set(token, write.target);
    const acting = options.actAs(actor);
    try {
      return await app.inject({
        method: write.method,
        url: write.url,
        ...(write.payload && { payload: write.payload }),
        headers: {
          host: options.host,
          ...acting.headers,
          ...(write.payload && { 'content-type': 'application/json' }),
          ...(!hasDigestBase(request.kind) && { 'if-match': `"${request.baseVersion}"` }),
          [CHANGE_REQUEST_HEADER]: token,
          [HISTORY_HEADERS.source]: `change-request:${request.id}`,
          ...(request.note && { [HISTORY_HEADERS.note]: encodeURIComponent(request.note) }),
        },
      });
    } finally {
      applying.delete(token);
      acting.done();
    }

    /** The request as an API call, and what its token may write (the gate checks it). */
    function writeOf({ kind, body, clientEnv }: ChangeRequest): { method: 'PUT' | 'PATCH' | 'DELETE'; url: string; payload?: object; target: string } {
      switch (kind) {
        case 'variables':
        case 'schema': {
          const page = pathOf(pageEndpoint, { agentId, clientEnv });
          return { method: kind === 'schema' ? 'PUT' : 'PATCH', url: `${page}/${kind}`, payload: kind === 'schema' ? { schema: body } : { variables: body }, target: `${agentId}/${clientEnv}` };
        }
        case 'connector':
        case 'connector-delete': {
          const { connectorId, changes } = body as ConnectorRequestBody;
          const url = pathOf(connectorEndpoint, { agentId, connectorId });
          return { method: kind === 'connector' ? 'PATCH' : 'DELETE', url, ...(kind === 'connector' && { payload: changes }), target: `${kind}:${agentId}/${connectorId}` };
        }
        case 'connector-batch':
          return { method: 'PATCH', url: pathOf(batchEndpoint, { agentId }), payload: body, target: `${kind}:${agentId}` };
        case 'phone-number-move': {
          const { phoneNumber, connectorId } = body as PhoneNumberMove;
          return { method: 'PATCH', url: pathOf(numberEndpoint, { agentId, phoneNumber }), payload: { connectorId }, target: `${kind}:${agentId}/${phoneNumber}` };
        }
      }
    }
  }

  // Scheduled changes: every replica looks; each due request is applied by whichever gets it first (applyRequest).
  async function applyDue() {
    for (const request of await requests.due()) {
      const by = request.scheduledBy ?? request.author;
      if (!(await requests.takeDue(request.id, request.scheduledAt!))) continue;
      if (request.approvedBy.length < request.approvalsNeeded) {
        await step(request, undefined, 'failed', `Its time came (${request.scheduledAt}) before its approvals (${request.approvedBy.length} of ${request.approvalsNeeded}): not applied`);
        continue;
      }
      await applyRequest(request, by);
    }
  }
  registerPeriodicTask(app, { everyMs: options.scheduleEveryMs ?? 5_000, task: applyDue, what: 'change requests: applying scheduled changes' });

  return () => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    const base = '/api/agents/:agentId/change-requests';
    const memberOf = (req: FastifyRequest) => req.me as Member;

    async function found(req: FastifyRequest<{ Params: { agentId: string; id: string } }>): Promise<ChangeRequest> {
      const request = await requests.get(req.params.agentId, req.params.id);
      if (!request) throw new ApiError(404, 'CHANGE_REQUEST_NOT_FOUND', `There is no change request #${req.params.id} for ${req.params.agentId}`);
      return request;
    }
    const mustBeOpen = (request: ChangeRequest) => {
      if (request.status !== 'open') throw new ApiError(409, 'CHANGE_REQUEST_CLOSED', `Change request #${request.id} is ${request.status}`);
    };
    const mustWrite = (me: Member, request: { agentId: string; clientEnv: ClientEnv }) => {
      if (!mayWrite(me, request.agentId, request.clientEnv)) throw new ApiError(403, 'FORBIDDEN', `Your role does not allow changes to ${request.clientEnv} of ${request.agentId}`);
    };

    api.get('/api/settings/change-policies', { schema: { tags: ['change requests'], response: { 200: ChangePolicies } } }, async () => ({ policies: await requests.policies() }));
    api.put('/api/settings/change-policies', { schema: { tags: ['change requests'], body: ChangePolicies, response: { 200: ChangePolicies } } }, async (req) => {
      await requests.savePolicies(req.body.policies);
      req.log.info({ policies: req.body.policies }, 'change policies saved');
      return { policies: await requests.policies() };
    });

    // Open requests per agent the member may see (the navigation's badge).
    api.get('/api/change-requests/open', { schema: { tags: ['change requests'] } }, async (req) => {
      const me = memberOf(req);
      return { open: Object.fromEntries(Object.entries(await requests.openCounts()).filter(([agentId]) => mayView(me, agentId))) };
    });

    api.get(base, { schema: { tags: ['change requests'], params: AgentParams, querystring: ListQuery, response: { 200: ChangeRequestList } } }, async (req) => ({
      requests: await requests.list(req.params.agentId, req.query.status),
    }));

    api.post(base, { schema: { tags: ['change requests'], params: AgentParams, body: NewChangeRequest, response: { 201: ChangeRequest } } }, async (req, reply) => {
      const me = memberOf(req);
      const { agentId } = req.params;
      mustWrite(me, { agentId, clientEnv: req.body.clientEnv });
      if (!policyFor(await requests.policies(), agentId, req.body.clientEnv)) {
        throw new ApiError(409, 'NO_CHANGE_POLICY', `Changes to ${req.body.clientEnv} of ${agentId} need no approval: save them directly`);
      }
      if (req.body.clientEnv === 'live' && !req.body.note.trim() && (await history.settings()).requireNoteForLive) {
        throw new ApiError(400, 'HISTORY_NOTE_REQUIRED', 'Changes to live need a note saying why (a team setting)');
      }
      const baseVersion = hasDigestBase(req.body.kind) ? await digestBase(agentId, req.body.clientEnv, req.body.kind, req.body.body, me.email) : req.body.baseVersion;
      const request = await requests.create(agentId, { ...req.body, baseVersion }, me.email);
      await inHistory(request, me.email, 'opened', request.note || undefined);
      tell(request, me.email, 'opened');
      return reply.status(201).send(request);
    });

    api.get(`${base}/:id`, { schema: { tags: ['change requests'], params: RequestParams, response: { 200: ChangeRequest } } }, async (req) => found(req));

    api.put(`${base}/:id`, { schema: { tags: ['change requests'], params: RequestParams, body: ChangeRequestEdit, response: { 200: ChangeRequest } } }, async (req) => {
      const me = memberOf(req);
      const request = await found(req);
      mustBeOpen(request);
      if (request.author !== me.email) throw new ApiError(403, 'FORBIDDEN', 'Only the author edits a change request: comment to suggest a change');
      // A connector request is rebased onto the connector as it is now.
      const baseVersion = hasDigestBase(request.kind) ? await digestBase(request.agentId, request.clientEnv, request.kind, req.body.body, me.email) : req.body.baseVersion;
      if (!(await requests.edit(request.id, request.revision, { ...req.body, baseVersion }))) throw new ApiError(409, 'CHANGE_REQUEST_MOVED', 'The request changed meanwhile: read it again');
      const edited = (await requests.get(request.agentId, request.id))!;
      await step(edited, me.email, 'edited', request.approvedBy.length > 0 ? `Approvals start again (${request.approvedBy.join(', ')} had approved)` : undefined);
      return (await requests.get(request.agentId, request.id))!;
    });

    api.post(`${base}/:id/comments`, { schema: { tags: ['change requests'], params: RequestParams, body: ChangeRequestComment, response: { 200: ChangeRequest } } }, async (req) => {
      const request = await found(req);
      await step(request, memberOf(req).email, 'commented', req.body.text);
      return (await requests.get(request.agentId, request.id))!;
    });

    api.post(`${base}/:id/approve`, { schema: { tags: ['change requests'], params: RequestParams, response: { 200: ChangeRequest } } }, async (req) => {
      const me = memberOf(req);
      const request = await found(req);
      mustBeOpen(request);
      mustWrite(me, request);
      if (request.author === me.email) throw new ApiError(403, 'SELF_APPROVAL', 'The author cannot approve their own request (an admin can apply it with a reason instead)');
      if (request.approvedBy.includes(me.email)) throw new ApiError(409, 'ALREADY_APPROVED', 'You already approved this revision');
      await step(request, me.email, 'approved');
      return (await requests.get(request.agentId, request.id))!;
    });

    api.post(`${base}/:id/decline`, { preValidation: bodyOptional, schema: { tags: ['change requests'], params: RequestParams, body: DeclineBody, response: { 200: ChangeRequest } } }, async (req) => {
      const me = memberOf(req);
      const request = await found(req);
      mustBeOpen(request);
      mustWrite(me, request);
      if (!(await requests.transition(request.id, 'open', 'declined', request.revision))) throw new ApiError(409, 'CHANGE_REQUEST_MOVED', 'The request changed meanwhile: read it again');
      await step(request, me.email, request.author === me.email ? 'withdrawn' : 'declined', req.body.text);
      return (await requests.get(request.agentId, request.id))!;
    });

    api.post(`${base}/:id/apply`, { preValidation: bodyOptional, schema: { tags: ['change requests'], params: RequestParams, body: ChangeRequestApply, response: { 200: ChangeRequest } } }, async (req) => {
      const me = memberOf(req);
      const request = await found(req);
      mustBeOpen(request);
      mustWrite(me, request);
      const breakGlass = req.body.breakGlass;
      if (breakGlass && !isAdmin(me)) throw new ApiError(403, 'FORBIDDEN', 'Only an admin may apply a change without its approvals');
      if (!breakGlass && request.approvedBy.length < request.approvalsNeeded) {
        throw new ApiError(409, 'APPROVALS_MISSING', `Change request #${request.id} has ${request.approvedBy.length} of ${plural(request.approvalsNeeded, 'approval', 'approvals')}`);
      }
      if (!(await applyRequest(request, me.email, breakGlass?.reason))) {
        throw new ApiError(409, 'CHANGE_REQUEST_MOVED', `Change request #${request.id} is being applied, or changed meanwhile: read it again`);
      }
      return (await requests.get(request.agentId, request.id))!;
    });

    api.put(`${base}/:id/schedule`, { schema: { tags: ['change requests'], params: RequestParams, body: ChangeRequestSchedule, response: { 200: ChangeRequest } } }, async (req) => {
      const me = memberOf(req);
      const request = await found(req);
      mustBeOpen(request);
      mustWrite(me, request);
      const at = new Date(req.body.at);
      const ahead = at.getTime() - Date.now();
      if (!(ahead > 0 && ahead <= MAX_SCHEDULE_DAYS * 86_400_000)) {
        throw new ApiError(400, 'SCHEDULE_INVALID', `A change is scheduled in the future, at most ${MAX_SCHEDULE_DAYS} days ahead`);
      }
      await requests.schedule(request.id, at.toISOString(), me.email);
      await step(request, me.email, 'scheduled', at.toISOString());
      return (await requests.get(request.agentId, request.id))!;
    });

    api.delete(`${base}/:id/schedule`, { schema: { tags: ['change requests'], params: RequestParams, response: { 200: ChangeRequest } } }, async (req) => {
      const me = memberOf(req);
      const request = await found(req);
      mustBeOpen(request);
      mustWrite(me, request);
      await requests.schedule(request.id, null, null);
      await step(request, me.email, 'unscheduled');
      return (await requests.get(request.agentId, request.id))!;
    });
  };
}
