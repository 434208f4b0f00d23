/**
 * Records every write this server serves (emulator) or forwards (proxy), and every page it reads, in the history —
 * the same hooks in both modes, keyed by the contract's endpoint paths. What a mode must add is the page as it was
 * just before a config write (`req.historyWrite.previous`): the emulator from the write's own transaction, the proxy
 * from the re-read it makes before forwarding.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isClientEnv, type ClientEnv, type ConfigPage, type JsonObject } from '../../../contract/agents-api.ts';
import {
  CONFIG_PAGE_PATH,
  CONNECTORS_PATH as CONNECTORS,
  NUMBERS_PATH as NUMBERS,
} from '../../../contract/endpoints.ts';
import { HISTORY_HEADERS, NOTE_MAX_LENGTH, type HistoryChange, type HistoryKind } from '../../../contract/history.ts';
import { plural } from '../../../contract/plural.ts';
import { ApiError } from '../../errors.ts';
import { writeEndpointOf } from '../../writes/write.ts';
import { canonicalJson } from './canonical-json.ts';
import type { HistoryRepository, NewEntry } from './history.repository.ts';

/** The config page as it was before this write: the keys it sends that existed, or its schema. */
export type PreviousPage = { variables: JsonObject; schema?: JsonObject };

type PendingWrite = {
  route: string;
  agentId: string;
  clientEnv?: ClientEnv;
  note?: string;
  kind?: 'promotion' | 'restore';
  source?: string;
  previous?: PreviousPage;
  /** Its intent's id, once recorded before it was forwarded (see `intend` below). */
  intent?: string;
};

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for a write the history records; its mode adds `previous` for config pages. */
    historyWrite?: PendingWrite;
  }
}

/** The note a write carries: percent-encoded UTF-8, at most NOTE_MAX_LENGTH characters once decoded. */
function noteOf(req: FastifyRequest): string | undefined {
  const raw = req.headers[HISTORY_HEADERS.note];
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  let note: string;
  try {
    note = decodeURIComponent(raw).trim();
  } catch {
    throw new ApiError(400, 'HISTORY_NOTE_INVALID', `The ${HISTORY_HEADERS.note} header must be percent-encoded UTF-8`);
  }
  if (note.length > NOTE_MAX_LENGTH)
    throw new ApiError(400, 'HISTORY_NOTE_TOO_LONG', `A note holds at most ${NOTE_MAX_LENGTH} characters`);
  // Lines and tabs are a note's own; any other control character is not text anyone typed.
  const text = note.replace(/\r\n/g, '\n');
  if ([...text].some((char) => (char < ' ' && char !== '\n' && char !== '\t') || char === '\u007f')) {
    throw new ApiError(
      400,
      'HISTORY_NOTE_INVALID',
      'A note holds text, lines and tabs only: no other control characters',
    );
  }
  return text || undefined;
}

function kindOf(req: FastifyRequest): PendingWrite['kind'] {
  const kind = req.headers[HISTORY_HEADERS.kind];
  if (kind === undefined) return undefined;
  if (kind === 'promotion' || kind === 'restore') return kind;
  throw new ApiError(400, 'HISTORY_KIND_INVALID', `${HISTORY_HEADERS.kind} must be promotion or restore`);
}

function sourceOf(req: FastifyRequest): string | undefined {
  const source = req.headers[HISTORY_HEADERS.source];
  if (typeof source !== 'string' || source === '') return undefined;
  // An environment, an entry id, or `page-at:<time>`: shown to people, so nothing else.
  if (!/^[\w.:+-]{1,128}$/.test(source)) {
    throw new ApiError(
      400,
      'HISTORY_SOURCE_INVALID',
      `${HISTORY_HEADERS.source} is an environment, an entry id or page-at:<time> (at most 128 characters)`,
    );
  }
  return source;
}

const textOf = (payload: unknown): string | undefined =>
  typeof payload === 'string'
    ? payload
    : payload instanceof Uint8Array
      ? Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8')
      : undefined;

const versionOf = (reply: FastifyReply): string | undefined => {
  const etag = reply.getHeader('etag');
  return typeof etag === 'string' ? etag.replace(/^"|"$/g, '') : undefined;
};

/** The top-level keys a PATCH changes: those whose value it sends differs from the one before. */
function variableChanges(previous: JsonObject, sent: JsonObject): HistoryChange[] {
  const changes: HistoryChange[] = [];
  for (const [key, after] of Object.entries(sent)) {
    const existed = Object.hasOwn(previous, key);
    if (existed && canonicalJson(previous[key]) === canonicalJson(after)) continue;
    changes.push(existed ? { key, before: previous[key], after } : { key, after });
  }
  return changes;
}

/** What a connector or phone-number write changed, in the words of its request. */
function telephonyEntry(
  route: string,
  params: Record<string, string>,
  body: JsonObject | undefined,
): Pick<NewEntry, 'kind' | 'subject' | 'changes'> {
  const after = (key: string, value: unknown): HistoryChange => ({ key, after: value });
  switch (route) {
    case `PATCH ${CONNECTORS}/:connectorId`:
      return {
        kind: 'connector',
        subject: `Connector ${params.connectorId}`,
        changes: Object.entries(body ?? {}).map(([key, value]) => after(key, value)),
      };
    case `DELETE ${CONNECTORS}/:connectorId`:
      return { kind: 'connector', subject: `Deleted connector ${params.connectorId}`, changes: [] };
    case `PATCH ${CONNECTORS}/batch`: {
      const updates = (body?.updates ?? []) as { connectorId: string }[];
      return {
        kind: 'connector',
        subject: `Batch edit of ${plural(updates.length, 'connector', 'connectors')}`,
        changes: updates.map(({ connectorId, ...fields }) => after(connectorId, fields)),
      };
    }
    case `POST ${NUMBERS}`: {
      const numbers = (body?.phoneNumbers ?? []) as string[];
      return {
        kind: 'phone-number',
        subject: `Imported ${plural(numbers.length, 'number', 'numbers')}`,
        changes: numbers.map((n) => after(n, 'imported')),
      };
    }
    case `POST ${NUMBERS}/:phoneNumber`:
      return {
        kind: 'phone-number',
        subject: `Imported ${params.phoneNumber}`,
        changes: [after(params.phoneNumber, 'imported')],
      };
    case `PATCH ${NUMBERS}/:phoneNumber`:
      return {
        kind: 'phone-number',
        subject: `Moved ${params.phoneNumber}`,
        changes: [after(params.phoneNumber, body ?? {})],
      };
    case `DELETE ${NUMBERS}/:phoneNumber`:
      return {
        kind: 'phone-number',
        subject: `Released ${params.phoneNumber}`,
        changes: [{ key: params.phoneNumber, before: 'assigned' }],
      };
    default: {
      const numbers = (body?.phoneNumbers ?? []) as string[];
      return {
        kind: 'phone-number',
        subject: `Released ${plural(numbers.length, 'number', 'numbers')}`,
        changes: numbers.map((n) => ({ key: n, before: 'assigned' })),
      };
    }
  }
}

export type HistoryRecorderOptions = { author: string };

/** Records a config write as intended (outcome unknown) before it is forwarded; see HistoryRepository.intend. */
export type IntendWrites = (reqs: FastifyRequest[]) => Promise<void>;

export function registerHistoryRecorder(
  app: FastifyInstance,
  history: HistoryRepository,
  options: HistoryRecorderOptions,
): IntendWrites {
  app.decorateRequest('historyWrite', undefined);

  app.addHook('preHandler', async (req) => {
    const route = `${req.method} ${req.routeOptions.url}`;
    // Every write endpoint of the contract is recorded.
    if (!writeEndpointOf(route)) return;
    const params = req.params as Record<string, string>;
    const clientEnv = params.clientEnv && isClientEnv(params.clientEnv) ? params.clientEnv : undefined;
    const note = noteOf(req);
    if (clientEnv === 'live' && !note && (await history.settings()).requireNoteForLive) {
      throw new ApiError(400, 'HISTORY_NOTE_REQUIRED', 'Changes to live need a note saying why (a team setting)');
    }
    req.historyWrite = { route, agentId: params.agentId, clientEnv, note, kind: kindOf(req), source: sourceOf(req) };
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const write = req.historyWrite;
    if (write) {
      // A refused write changed nothing; a failure past this server (or no answer) may or may not have landed.
      const outcome = reply.statusCode < 300 ? 'applied' : reply.statusCode >= 500 ? 'unknown' : undefined;
      if (outcome) await recordWrite(req, reply, write, outcome);
      else if (write.intent)
        await history
          .withdraw(write.intent, req.pageLock)
          .catch((error: unknown) => req.log.error({ err: error }, 'history: an intent could not be withdrawn'));
    } else if (req.method === 'GET' && req.routeOptions.url === CONFIG_PAGE_PATH && reply.statusCode === 200) {
      await observeRead(req, reply, payload);
    }
    return payload;
  });

  /** Who, when, why of a write (the signed-in member in team mode; the configured local user otherwise). */
  const baseOf = (req: FastifyRequest, write: PendingWrite, outcome: 'applied' | 'unknown') =>
    ({
      agentId: write.agentId,
      clientEnv: write.clientEnv,
      outcome,
      author: req.me?.email ?? options.author,
      note: write.note,
      correlationId: String(req.id),
      source: write.source,
    }) as const;

  /** A config page write's entry: the keys it changes (or its schema), with what they held before. */
  function pageEntry(
    req: FastifyRequest,
    write: PendingWrite,
    outcome: 'applied' | 'unknown',
    version?: string,
  ): NewEntry {
    const base = { ...baseOf(req, write, outcome), version };
    if (write.route.endsWith('/schema')) {
      const schema = (req.body as { schema: JsonObject }).schema;
      return {
        ...base,
        kind: write.kind ?? 'schema',
        changes: [],
        schema: { before: write.previous?.schema, after: schema },
      };
    }
    const sent = (req.body as { variables: JsonObject }).variables;
    const kind: HistoryKind = write.kind ?? 'variables';
    return { ...base, kind, changes: variableChanges(write.previous?.variables ?? {}, sent) };
  }

  async function recordWrite(
    req: FastifyRequest,
    reply: FastifyReply,
    write: PendingWrite,
    outcome: 'applied' | 'unknown',
  ) {
    const base = baseOf(req, write, outcome);
    const version = outcome === 'applied' ? versionOf(reply) : undefined;
    try {
      if (write.route.endsWith('/variables')) {
        const sent = (req.body as { variables: JsonObject }).variables;
        await history.record(
          pageEntry(req, write, outcome, version),
          version ? { version, values: sent } : undefined,
          req.pageLock,
          write.intent,
        );
      } else if (write.route.endsWith('/schema')) {
        const schema = (req.body as { schema: JsonObject }).schema;
        await history.record(
          pageEntry(req, write, outcome, version),
          version ? { version, values: {}, schema } : undefined,
          req.pageLock,
          write.intent,
        );
      } else {
        await history.record({
          ...base,
          ...telephonyEntry(write.route, req.params as Record<string, string>, req.body as JsonObject | undefined),
        });
      }
    } catch (error) {
      // The write itself happened: its answer must still reach the client. The gap is logged loudly.
      req.log.error({ err: error }, 'history: a write could not be recorded');
    }
  }

  /**
   * Config writes about to be forwarded (their `previous` known), recorded first as of unknown outcome: a replica that
   * dies before the answer leaves each its author's write, for the page's next read to decide.
   */
  const intend: IntendWrites = async (reqs) => {
    const writes = reqs.filter((req) => req.historyWrite?.previous && req.historyWrite.clientEnv);
    if (writes.length === 0) return;
    const ids = await history.intend(writes.map((req) => pageEntry(req, req.historyWrite!, 'unknown')));
    writes.forEach((req, i) => (req.historyWrite!.intent = ids[i]));
  };

  async function observeRead(req: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const { agentId, clientEnv } = req.params as { agentId: string; clientEnv: string };
    const version = versionOf(reply);
    if (!isClientEnv(clientEnv) || !version || history.isKnown(agentId, clientEnv, version)) return;
    const text = textOf(payload);
    if (text === undefined) return;
    try {
      await history.observe(agentId, clientEnv, JSON.parse(text) as ConfigPage);
    } catch (error) {
      req.log.error({ err: error }, 'history: a page read could not be compared with the last version seen');
    }
  }

  return intend;
}
