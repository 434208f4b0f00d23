/**
 * A team-mode server for API tests: the real app on a fresh Postgres database, signing in through a real OpenID
 * provider on loopback, listening (sign-in needs real redirects); requests are injected as a given member.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Grant } from '../../contract/access.ts';
import { buildApp, type AppOptions } from '../app.ts';
import type { TeamOptions } from '../modules/auth/team.ts';
import { freePort } from './free-port.ts';
import { startOidcProvider } from './oidc-provider.ts';
import { freshDatabase } from './postgres.ts';
import { signIn } from './sign-in.ts';

export type Call = {
  method?: 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE';
  url: string;
  payload?: object;
  headers?: Record<string, string>;
};

/** The app's options, with some of team mode's own (the rest: a test provider's and this server's). */
export type TeamAppOptions = Omit<Partial<AppOptions>, 'team'> & { team?: Partial<TeamOptions> };

export async function startTeamApp(
  postgresUrl: string,
  { admin, names = {}, options = {} }: { admin: string; names?: Record<string, string>; options?: TeamAppOptions },
) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const provider = await startOidcProvider([`${url}/api/auth/callback`], names);
  const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-team-'));
  const databaseUrl = await freshDatabase(postgresUrl);
  const build = (dbFile: string, extra: Partial<AppOptions> = {}) =>
    buildApp({
      dbFile,
      stateStore: databaseUrl,
      allowedHosts: [`127.0.0.1:${port}`],
      ...options,
      team: {
        oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret },
        publicUrl: url,
        admins: [admin.toUpperCase()],
        scheduleEveryMs: 100,
        webhooks: { everyMs: 50, retryDelaysMs: [100, 100, 100] },
        // Tests sign many members in from one address; the limits themselves are tested with their defaults.
        rateLimits: { signInsPerMinute: 10_000, anonymousPerMinute: 100_000 },
        ...options.team,
      },
      ...extra,
    });
  const app = await build(path.join(dir, 'emulator.sqlite'));
  await app.listen({ port, host: '127.0.0.1' });
  const cookies = new Map<string, string>();

  /** A session of `email` (signed in once, through the provider). */
  async function cookieOf(email: string): Promise<string> {
    if (!cookies.has(email)) cookies.set(email, (await signIn(url, email)).cookie);
    return cookies.get(email)!;
  }

  return {
    url,
    app,
    /** The replicas' shared store, for tests that look at what was (not) stored. */
    databaseUrl,
    provider,
    /** Another replica on the same store (its own emulator file). */
    replica: (extra: Partial<AppOptions> = {}) =>
      build(path.join(dir, `replica-${Math.random().toString(36).slice(2)}.sqlite`), extra),
    cookieOf,
    /** The request as the member `email` (or without a session when undefined). */
    async as(
      email: string | undefined,
      { method = 'GET', url: target, payload, headers = {} }: Call,
      on: FastifyInstance = app,
    ) {
      const cookie = email ? await cookieOf(email) : undefined;
      return on.inject({
        method,
        url: target,
        ...(payload && { payload }),
        headers: { host: `127.0.0.1:${port}`, ...(cookie && { cookie }), ...headers },
      });
    },
    /** Gives `email` these grants (as the admin). */
    async grant(email: string, grants: Grant[], isAdmin = false) {
      const response = await app.inject({
        method: 'PUT',
        url: `/api/members/${email}`,
        payload: { admin: isAdmin, grants },
        headers: { host: `127.0.0.1:${port}`, cookie: await cookieOf(admin) },
      });
      expect(response.statusCode, response.body).toBe(200);
    },
    async close() {
      await app.close();
      await provider.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
