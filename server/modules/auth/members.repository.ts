/**
 * Team mode's members: who may sign in to do what (grants per agent and environment, admin), in Switchboard's own
 * store. Admins named in the server's configuration are admins whatever the store says, so a team can never lock
 * itself out.
 */
import type { ClientEnv } from '../../../contract/agents-api.ts';
import type { Grant, Member, MemberAccess, Role } from '../../../contract/access.ts';
import type { GenerationCache } from '../../state/generation.ts';
import type { StateDb } from '../../state/state-store.ts';

/** Emails are compared in lower case: providers differ in how they spell them. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

type GrantRow = { agent_id: string; client_env: string; role: string };

const grantOf = (row: GrantRow): Grant => ({
  role: row.role as Role,
  ...(row.agent_id && { agentId: row.agent_id }),
  ...(row.client_env && { clientEnv: row.client_env as ClientEnv }),
});

export type MembersOptions = { configAdmins?: string[]; now?: () => Date; generation: GenerationCache };

export function createMembersRepository(
  db: StateDb,
  { configAdmins = [], now = () => new Date(), generation }: MembersOptions,
) {
  const fromConfig = new Set(configAdmins.map(normaliseEmail));

  async function grantsOf(emails: string[]): Promise<Map<string, Grant[]>> {
    const byEmail = new Map<string, Grant[]>();
    if (emails.length === 0) return byEmail;
    const rows = await db
      .selectFrom('member_grants')
      .selectAll()
      .where('email', 'in', emails)
      .orderBy('email')
      .orderBy('agent_id')
      .orderBy('client_env')
      .execute();
    for (const row of rows) byEmail.set(row.email, [...(byEmail.get(row.email) ?? []), grantOf(row)]);
    return byEmail;
  }

  return {
    isConfigAdmin: (email: string) => fromConfig.has(normaliseEmail(email)),

    /** The member's access now (undefined if not a member): a change holds from the next request on. */
    access(email: string): Promise<{ name?: string; admin: boolean; grants: Grant[] } | undefined> {
      return generation.get(`access:${email}`, async () => {
        const row = await db
          .selectFrom('members')
          .select(['name', 'admin'])
          .where('email', '=', email)
          .executeTakeFirst();
        if (!row && !fromConfig.has(email)) return undefined;
        const grants = (await grantsOf([email])).get(email) ?? [];
        return { ...(row?.name && { name: row.name }), admin: fromConfig.has(email) || row?.admin === 1, grants };
      });
    },

    /** Records a sign-in: a new member has no access until an admin grants some (config admins excepted). */
    async signedIn(email: string, name: string | undefined): Promise<void> {
      const at = now().toISOString();
      await db
        .insertInto('members')
        .values({ email, name: name ?? null, admin: 0, created_at: at, last_seen_at: at })
        .onConflict((oc) => oc.column('email').doUpdateSet({ last_seen_at: at, ...(name && { name }) }))
        .execute();
      await generation.refresh();
    },

    async list(): Promise<Member[]> {
      const rows = await db.selectFrom('members').selectAll().orderBy('email').execute();
      const emails = [...new Set([...rows.map((row) => row.email), ...fromConfig])].sort();
      const grants = await grantsOf(emails);
      const sessions = await db
        .selectFrom('sessions')
        .select(['email', (eb) => eb.fn.countAll<number>().as('count')])
        .where('expires_at', '>', now().toISOString())
        .groupBy('email')
        .execute();
      const active = new Map(sessions.map((row) => [row.email, Number(row.count)]));
      const byEmail = new Map(rows.map((row) => [row.email, row]));
      return emails.map((email) => {
        const row = byEmail.get(email);
        return {
          email,
          ...(row?.name && { name: row.name }),
          adminFromConfig: fromConfig.has(email),
          admin: fromConfig.has(email) || row?.admin === 1,
          grants: grants.get(email) ?? [],
          ...(row?.last_seen_at && { lastSeenAt: row.last_seen_at }),
          activeSessions: active.get(email) ?? 0,
        };
      });
    },

    /** Adds a member or replaces their access (grants and admin) in one transaction. */
    async setAccess(email: string, access: MemberAccess): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('members')
          .values({ email, name: access.name ?? null, admin: access.admin ? 1 : 0, created_at: now().toISOString() })
          .onConflict((oc) =>
            oc.column('email').doUpdateSet({ admin: access.admin ? 1 : 0, ...(access.name && { name: access.name }) }),
          )
          .execute();
        await tx.deleteFrom('member_grants').where('email', '=', email).execute();
        // One role per scope: a repeated scope keeps its strongest role.
        const scopes = new Map<string, GrantRow>();
        for (const grant of access.grants) {
          const row = { agent_id: grant.agentId ?? '', client_env: grant.clientEnv ?? '', role: grant.role };
          const key = `${row.agent_id}\u0001${row.client_env}`;
          if (scopes.get(key)?.role !== 'editor') scopes.set(key, row);
        }
        if (scopes.size > 0)
          await tx
            .insertInto('member_grants')
            .values([...scopes.values()].map((row) => ({ email, ...row })))
            .execute();
      });
      await generation.refresh();
    },

    /** Removes a member, their grants and their sessions. */
    async remove(email: string): Promise<boolean> {
      const result = await db.deleteFrom('members').where('email', '=', email).executeTakeFirst();
      await generation.refresh();
      return Number(result.numDeletedRows) > 0;
    },

    async exists(email: string): Promise<boolean> {
      return (
        (await db.selectFrom('members').select('email').where('email', '=', email).executeTakeFirst()) !== undefined ||
        fromConfig.has(email)
      );
    },
  };
}

export type MembersRepository = ReturnType<typeof createMembersRepository>;
