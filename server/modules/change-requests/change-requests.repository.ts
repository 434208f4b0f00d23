/**
 * Change requests in Switchboard's own store: the exact write a member asks for (variables or a schema, the page
 * version it was reviewed against, the note), every step taken on it, and the team's policies. Status changes are
 * single conditional updates, so two replicas can never both move a request (two approvers pressing Apply at once).
 */
import type { ClientEnv } from '../../../contract/agents-api.ts';
import type { Me } from '../../../contract/access-rules.ts';
import { reachOf, strictestRule, whyNotApprove, type Reach } from '../../../contract/reach.ts';
import {
  type ChangePolicy,
  type ChangeRequest,
  type ChangeRequestEvent,
  type ChangeRequestEventKind,
  type ChangeRequestKind,
  type ChangeRequestStatus,
  type NewChangeRequest,
} from '../../../contract/change-requests.ts';
import type { GenerationCache } from '../../state/generation.ts';
import type { StateDb } from '../../state/state-store.ts';
import type { StateTables } from '../../state/state-tables.ts';

type Row = StateTables['change_requests'] & { id: number };

/** A member's access as it is now (undefined: no longer a member), for counting approvals. */
export type AccessOf = (email: string) => Promise<Me | undefined>;

/** What a request reaches: as worked out when it was opened, or (a request of an earlier version) its own environment. */
const reachOfRow = (row: Row): Reach =>
  row.reach_json !== null
    ? (JSON.parse(row.reach_json) as Reach)
    : reachOf(
        [row.agent_id],
        [{ agentId: row.agent_id, clientEnv: row.client_env as ClientEnv }],
        row.kind !== 'variables' && row.kind !== 'schema',
      );

export type ChangeRequestsOptions = { now?: () => Date; generation: GenerationCache; accessOf: AccessOf };

export function createChangeRequestsRepository(
  db: StateDb,
  { now = () => new Date(), generation, accessOf }: ChangeRequestsOptions,
) {
  /** The approval rules (read by every write, server/writes/service.ts; kept between their changes). */
  const policies = () =>
    generation.get('change-policies', async (): Promise<ChangePolicy[]> => {
      const row = await db
        .selectFrom('settings')
        .select('value_json')
        .where('name', '=', 'change-policies')
        .executeTakeFirst();
      return row ? (JSON.parse(row.value_json) as ChangePolicy[]) : [];
    });

  async function withEvents(rows: Row[]): Promise<ChangeRequest[]> {
    if (rows.length === 0) return [];
    const events = await db
      .selectFrom('change_request_events')
      .selectAll()
      .where(
        'request_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('id')
      .execute();
    const all = await policies();
    return Promise.all(
      rows.map(async (row) => {
        const own: ChangeRequestEvent[] = events
          .filter((event) => event.request_id === row.id)
          .map((event) => ({
            at: event.at,
            kind: event.kind as ChangeRequestEventKind,
            revision: event.revision,
            ...(event.actor !== null && { actor: event.actor }),
            ...(event.text !== null && { text: event.text }),
          }));
        const reach = reachOfRow(row);
        // An approval counts while its approver holds the role on every place the request reaches, as roles are now.
        const approvedBy: string[] = [];
        const approvalsWithdrawn: ChangeRequest['approvalsWithdrawn'] = [];
        for (const by of new Set(
          own.filter((e) => e.kind === 'approved' && e.revision === row.revision).map((e) => e.actor!),
        )) {
          const access = await accessOf(by);
          const why = access ? whyNotApprove(access, reach) : 'no longer a member of the team';
          if (why) approvalsWithdrawn.push({ by, why });
          else approvedBy.push(by);
        }
        return {
          id: String(row.id),
          agentId: row.agent_id,
          clientEnv: row.client_env as ClientEnv,
          kind: row.kind as ChangeRequestKind,
          body: JSON.parse(row.body_json) as Record<string, unknown>,
          baseVersion: row.base_version,
          note: row.note,
          author: row.author,
          status: row.status as ChangeRequestStatus,
          revision: row.revision,
          approvalsNeeded: strictestRule(all, reach.places)?.policy.approvals ?? 0,
          approvedBy,
          approvalsWithdrawn,
          reach,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
          ...(row.applied_version !== null && { appliedVersion: row.applied_version }),
          ...(row.stale_at !== null && { staleAt: row.stale_at }),
          ...(row.scheduled_at !== null && {
            scheduledAt: row.scheduled_at,
            scheduledBy: row.scheduled_by ?? undefined,
          }),
          ...(row.status === 'applying' && row.lease_until !== null && { leaseUntil: row.lease_until }),
          events: own,
        };
      }),
    );
  }

  return {
    policies,

    async savePolicies(next: ChangePolicy[]): Promise<void> {
      const json = JSON.stringify(next);
      await db
        .insertInto('settings')
        .values({ name: 'change-policies', value_json: json })
        .onConflict((oc) => oc.column('name').doUpdateSet({ value_json: json }))
        .execute();
      await generation.refresh();
    },

    async create(agentId: string, input: NewChangeRequest, author: string, reach: Reach): Promise<ChangeRequest> {
      const at = now().toISOString();
      const id = await db.transaction().execute(async (tx) => {
        const { id } = await tx
          .insertInto('change_requests')
          .values({
            agent_id: agentId,
            client_env: input.clientEnv,
            kind: input.kind,
            body_json: JSON.stringify(input.body),
            base_version: input.baseVersion,
            note: input.note,
            author,
            status: 'open',
            revision: 1,
            created_at: at,
            updated_at: at,
            reach_json: JSON.stringify(reach),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('change_request_events')
          .values({ request_id: id, at, actor: author, kind: 'opened', revision: 1 })
          .execute();
        return id;
      });
      return (await this.get(agentId, String(id)))!;
    },

    async get(agentId: string, id: string): Promise<ChangeRequest | undefined> {
      if (!/^\d{1,15}$/.test(id)) return undefined;
      const row = (await db
        .selectFrom('change_requests')
        .selectAll()
        .where('id', '=', Number(id))
        .where('agent_id', '=', agentId)
        .executeTakeFirst()) as Row | undefined;
      return row ? (await withEvents([row]))[0] : undefined;
    },

    /** Newest first; `status` narrows it (`open` includes one being applied). */
    async list(agentId: string, status?: ChangeRequestStatus): Promise<ChangeRequest[]> {
      let query = db.selectFrom('change_requests').selectAll().where('agent_id', '=', agentId);
      if (status === 'open') query = query.where('status', 'in', ['open', 'applying']);
      else if (status) query = query.where('status', '=', status);
      return withEvents((await query.orderBy('id', 'desc').limit(200).execute()) as Row[]);
    },

    /** Open requests per agent (the navigation's badge). */
    async openCounts(): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom('change_requests')
        .select(['agent_id', (eb) => eb.fn.countAll<number>().as('count')])
        .where('status', 'in', ['open', 'applying'])
        .groupBy('agent_id')
        .execute();
      return Object.fromEntries(rows.map((row) => [row.agent_id, Number(row.count)]));
    },

    async addEvent(
      id: string,
      actor: string | undefined,
      kind: ChangeRequestEventKind,
      revision: number,
      text?: string,
    ): Promise<void> {
      const at = now().toISOString();
      await db
        .insertInto('change_request_events')
        .values({ request_id: Number(id), at, actor: actor ?? null, kind, revision, text: text ?? null })
        .execute();
      await db.updateTable('change_requests').set({ updated_at: at }).where('id', '=', Number(id)).execute();
    },

    /** Sets (or with `at` null clears) when an open request applies by itself, and as whom. */
    async schedule(id: string, at: string | null, by: string | null): Promise<boolean> {
      const result = await db
        .updateTable('change_requests')
        .set({ scheduled_at: at, scheduled_by: by, updated_at: now().toISOString() })
        .where('id', '=', Number(id))
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Takes a due request off the schedule; false when another replica took it first. */
    async takeDue(id: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable('change_requests')
        .set({ scheduled_at: null })
        .where('id', '=', Number(id))
        .where('scheduled_at', '=', at)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Open requests whose time has come (each replica asks; applying one is a conditional update, so once). */
    async due(): Promise<ChangeRequest[]> {
      // Asked outside any request: the rules kept must be those of now.
      await generation.refresh();
      const rows = (await db
        .selectFrom('change_requests')
        .selectAll()
        .where('status', '=', 'open')
        .where('scheduled_at', '<=', now().toISOString())
        .orderBy('scheduled_at')
        .limit(20)
        .execute()) as Row[];
      return withEvents(rows);
    },

    /** The author's edit of an open request at `revision`: the next revision (approvals start again). */
    async edit(
      id: string,
      revision: number,
      edit: { body: Record<string, unknown>; baseVersion: string; note: string },
      reach: Reach,
    ): Promise<boolean> {
      const result = await db
        .updateTable('change_requests')
        .set({
          body_json: JSON.stringify(edit.body),
          base_version: edit.baseVersion,
          note: edit.note,
          revision: revision + 1,
          stale_at: null,
          updated_at: now().toISOString(),
          reach_json: JSON.stringify(reach),
        })
        .where('id', '=', Number(id))
        .where('status', '=', 'open')
        .where('revision', '=', revision)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * Moves the request from `from` to `to` if it is still there (and at `revision`); false when another request or
     * replica moved it first. Moving to `applying` takes a lease of `leaseMs`: the intent to write is in the store
     * before anything is sent, and past the lease whoever looks decides what happened (see `expiredLeases`).
     */
    async transition(
      id: string,
      from: 'open' | 'applying',
      to: ChangeRequestStatus,
      revision: number,
      extra: { appliedVersion?: string; staleAt?: string | null; leaseMs?: number } = {},
    ): Promise<boolean> {
      const at = now();
      const result = await db
        .updateTable('change_requests')
        .set({
          status: to,
          updated_at: at.toISOString(),
          lease_until: to === 'applying' ? new Date(at.getTime() + (extra.leaseMs ?? 0)).toISOString() : null,
          ...(extra.appliedVersion !== undefined && { applied_version: extra.appliedVersion }),
          ...(extra.staleAt !== undefined && { stale_at: extra.staleAt }),
        })
        .where('id', '=', Number(id))
        .where('revision', '=', revision)
        .where('status', '=', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * Takes over a request whose applying replica let its lease run out (it died, or froze): one replica gets it
     * (a conditional update), for `leaseMs`; false when it is not there, or not expired, or another took it.
     */
    async takeExpired(id: string, leaseUntil: string, leaseMs: number): Promise<boolean> {
      const at = now();
      if (leaseUntil >= at.toISOString()) return false;
      const result = await db
        .updateTable('change_requests')
        .set({ lease_until: new Date(at.getTime() + leaseMs).toISOString() })
        .where('id', '=', Number(id))
        .where('status', '=', 'applying')
        .where('lease_until', '=', leaseUntil)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Requests being applied whose lease has run out (each replica looks now and then). */
    async expiredLeases(): Promise<ChangeRequest[]> {
      const rows = (await db
        .selectFrom('change_requests')
        .selectAll()
        .where('status', '=', 'applying')
        .where('lease_until', '<', now().toISOString())
        .limit(20)
        .execute()) as Row[];
      return withEvents(rows);
    },
  };
}

export type ChangeRequestsRepository = ReturnType<typeof createChangeRequestsRepository>;
