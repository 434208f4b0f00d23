/**
 * Team mode as deployed, for API tests: `count` server processes (replicas) on one fresh Postgres database, proxying
 * to an emulator that stands in for PolyAI (in this process, so a test can inject its faults), signing in through a
 * real identity provider. The first replica listens on the public address.
 */
import { inject } from 'vitest';
import type { AppOptions } from '../app.ts';
import { freePort } from './free-port.ts';
import { startOidcProvider } from './oidc-provider.ts';
import { freshDatabase } from './postgres.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { signIn } from './sign-in.ts';
import { createTestApp } from './test-app.ts';

export async function startReplicaCluster({
  count,
  admin,
  env = {},
  upstream: upstreamOptions = {},
}: {
  count: number;
  admin: string;
  env?: Record<string, string>;
  upstream?: Partial<AppOptions>;
}) {
  const key = 'sk-test-replicas-0123456789';
  const upstream = await createTestApp({ requireApiKey: key, ...upstreamOptions });
  const baseUrl = await upstream.app.listen({ port: 0, host: '127.0.0.1' });
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const provider = await startOidcProvider([`${publicUrl}/api/auth/callback`]);
  const shared = {
    DATABASE_URL: await freshDatabase(inject('postgresUrl')),
    POLYAI_API_KEY: key,
    POLYAI_BASE_URL: baseUrl,
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    PUBLIC_URL: publicUrl,
    ADMIN_EMAILS: admin,
    ...env,
  };
  const replicas: ServerProcess[] = await Promise.all(
    Array.from({ length: count }, (_, i) => startServerProcess(i === 0 ? { ...shared, PORT: String(port) } : shared)),
  );
  const cookies = new Map<string, string>();

  return {
    replicas,
    upstream,
    /** A request to PolyAI's stand-in, with its key. */
    upstreamCall: (request: { method?: 'GET' | 'POST' | 'DELETE'; url: string; payload?: object }) =>
      upstream.app.inject({ ...request, headers: { 'x-api-key': key } }),
    /** The request as the member `email` (signed in once, through the provider), on `replica`. */
    async call(
      replica: ServerProcess,
      email: string,
      path: string,
      method = 'GET',
      body?: object,
    ): Promise<{ status: number; json: unknown }> {
      if (!cookies.has(email)) cookies.set(email, (await signIn(publicUrl, email)).cookie);
      const response = await fetch(replica.url + path, {
        method,
        headers: { cookie: cookies.get(email)!, ...(body && { 'content-type': 'application/json' }) },
        ...(body && { body: JSON.stringify(body) }),
      });
      return { status: response.status, json: (await response.json()) as unknown };
    },
    async stop() {
      await Promise.all(replicas.map((replica) => replica.stop()));
      await provider.stop();
      await upstream.close();
    },
  };
}

export type ReplicaCluster = Awaited<ReturnType<typeof startReplicaCluster>>;
