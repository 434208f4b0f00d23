/**
 * The one path every write takes: a `/v1` request in either mode (routes.ts), a change request applied now or at its
 * time (change-requests.routes.ts), and any writer added later. One call, `write`, and its steps in order:
 *
 *  1. what it changes — the contract's endpoint turns the call into a Write (write.ts)
 *  2. what it reaches — every agent and environment it touches, read from the backend (reach.ts)   [team mode]
 *  3. may its author make it — their roles as they are now (checks.ts)                              [team mode]
 *  4. does a rule hold it — unless it applies an approved change request (checks.ts)                [team mode]
 *  5. a note — when the team asks for one on live (checks.ts)
 *  6. the write — the backend takes the page's lock, reads what the write replaces and writes it
 *     (emulator-backend.ts, upstream-backend.ts)
 *  7. the history — what it replaced, under the page's lock; a refused write is not recorded, one without an answer is
 *     recorded as unknown (history.repository.ts), which tells the team (webhooks.ts: announceLiveChanges)
 *
 * Nothing is read or written before steps 1–5 pass. What each step finds is passed on as a value.
 */
import type { Me } from '../../contract/access.ts';
import { isClientEnv } from '../../contract/agents-api.ts';
import type { ChangePolicy } from '../../contract/change-request-values.ts';
import type { WriteEndpoint } from '../../contract/endpoints.ts';
import type { Write } from '../../contract/writes.ts';
import { ApiError } from '../errors.ts';
import type { HistoryRepository } from '../modules/history/history.repository.ts';
import type { Backend, PageWritten, WriteAnswer } from './backend.ts';
import { mustHaveNote, mustMayMake, mustNotBeHeld } from './checks.ts';
import { pageEntry, telephonyEntry, type EntryBase } from './entries.ts';
import { reachOfWrite } from './reach.ts';
import { writeOfRequest } from './write.ts';

export type WriteCall = {
  endpoint: WriteEndpoint;
  params: Record<string, string>;
  /** The body as sent; refused (400) unless of the endpoint's shape. */
  body: unknown;
  ifMatch?: string;
  /** Who writes: a member with their access as it is now (team mode), or the local user. */
  by: Me;
  /** Why (shown in the history and to the team). */
  note?: string;
  /** A page write that promotes or restores a version. */
  kind?: 'promotion' | 'restore';
  /** Where it comes from: an environment, a history entry, `page-at:<time>`, `change-request:<id>`. */
  source?: string;
  /** Set by the change requests: this write is the approved request being applied, so its rule is met. */
  approved?: true;
  correlationId: string;
};

export type WriteServiceOptions = {
  backend: Backend;
  history: HistoryRepository;
  /** Team mode: the admins' rules (which places need approvals). */
  policies?: () => Promise<ChangePolicy[]>;
  /** Where a write whose history could not be recorded is reported. */
  log: { error(detail: object, message: string): void };
};

export type WriteService = { write(call: WriteCall): Promise<WriteAnswer> };

/** What a write came to, for its history: applied, refused (nothing changed), or no clear answer. */
function outcomeOf(written: { answer: WriteAnswer } | { failure: unknown }): 'applied' | 'refused' | 'unknown' {
  const status =
    'answer' in written
      ? written.answer.status
      : written.failure instanceof ApiError
        ? written.failure.statusCode
        : 500;
  return status < 300 ? 'applied' : status >= 500 ? 'unknown' : 'refused';
}

const clientEnvOf = (env: string) => (isClientEnv(env) ? env : undefined);

export function createWriteService({ backend, history, policies, log }: WriteServiceOptions): WriteService {
  /** Steps 2–5. */
  async function check(call: WriteCall, write: Write) {
    if (call.by.mode === 'team') {
      const reach = await reachOfWrite(write, backend.lookup(call.correlationId));
      mustMayMake(call.by, reach);
      if (!call.approved && policies) mustNotBeHeld(write, reach, await policies());
    }
    await mustHaveNote(write, call.note, async () => (await history.settings()).requireNoteForLive);
  }

  /** Steps 6–7 for a config page: the history is recorded under the page's lock, which is let go after it. */
  async function writePage(call: WriteCall, write: Extract<Write, { kind: 'variables' | 'schema' }>, base: EntryBase) {
    let written: PageWritten;
    try {
      written = await backend.writePage({
        ...call,
        write,
        intentOf: (previous) => pageEntry(base, write, previous, 'unknown'),
      });
    } catch (failure) {
      written = { failure };
    }
    const { previous, lock, intent } = written;
    const outcome = outcomeOf(written);
    try {
      if (outcome === 'refused') {
        if (intent) await history.withdraw(intent, lock);
      } else {
        const version = outcome === 'applied' && 'answer' in written ? written.answer.version : undefined;
        const values = write.kind === 'variables' ? write.variables : {};
        await history.record(
          pageEntry(base, write, previous, outcome, version),
          version ? { version, values, ...(write.kind === 'schema' && { schema: write.schema }) } : undefined,
          lock,
          intent,
        );
      }
      await lock?.release();
    } catch (error) {
      // The write itself happened (or may have): its answer must still reach its writer. The gap is logged loudly.
      log.error({ err: error, correlationId: call.correlationId }, 'history: a write could not be recorded');
      await lock?.release().catch(() => undefined);
    }
    if ('failure' in written) throw written.failure;
    return written.answer;
  }

  /** Steps 6–7 for connectors and numbers. */
  async function writeTelephony(
    call: WriteCall,
    write: Exclude<Write, { kind: 'variables' | 'schema' }>,
    base: EntryBase,
  ) {
    let answer: WriteAnswer;
    try {
      answer = await backend.write(call);
    } catch (failure) {
      if (outcomeOf({ failure }) === 'unknown') await record(telephonyEntry(base, write, 'unknown'));
      throw failure;
    }
    const outcome = outcomeOf({ answer });
    if (outcome !== 'refused') await record(telephonyEntry(base, write, outcome));
    return answer;

    async function record(entry: ReturnType<typeof telephonyEntry>) {
      try {
        await history.record(entry);
      } catch (error) {
        log.error({ err: error, correlationId: call.correlationId }, 'history: a write could not be recorded');
      }
    }
  }

  return {
    async write(call) {
      const write = writeOfRequest(call.endpoint, call.params, call.body);
      await check(call, write);
      const base: EntryBase = {
        agentId: write.agentId,
        // Numbers are imported into an environment, but the entry is the agent's telephony, like every number's.
        clientEnv: write.kind === 'variables' || write.kind === 'schema' ? clientEnvOf(write.clientEnv) : undefined,
        author: call.by.mode === 'team' ? call.by.email : call.by.name,
        note: call.note,
        correlationId: call.correlationId,
        source: call.source,
        kind: call.kind,
      };
      return write.kind === 'variables' || write.kind === 'schema'
        ? writePage(call, write, base)
        : writeTelephony(call, write, base);
    },
  };
}
