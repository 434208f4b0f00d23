/** Starts the server: the only place that knows about ports, hosts, data folders and signals. */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import { isDatabaseUrl } from './state/dialect.ts';
import { teamFromEnv } from './modules/auth/team-options.ts';
import { ownHostNames } from './plugins/security.ts';
import { upstreamFromEnv } from './upstream/upstream-options.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_PORT = 4300;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export async function main() {
  const port = Number(process.env.PORT ?? DEFAULT_PORT);
  const host = process.env.HOST ?? '127.0.0.1';
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, 'data'));
  const flags = new Set(process.argv.slice(2));
  const upstream = upstreamFromEnv(process.env, flags.has('--read-only'));
  if (!LOOPBACK.has(host)) {
    if (!flags.has('--allow-remote')) {
      throw new Error(`HOST=${host} would expose Switchboard beyond this machine: add --allow-remote if you mean it`);
    }
    if (!process.env.OIDC_ISSUER) {
      console.warn(
        `WARNING: listening on ${host} without sign-in. Anyone who can reach it can read and change agent configs${upstream ? ' with your API key' : ''}.`,
      );
    }
  }

  const dbFile = path.join(dataDir, 'switchboard.sqlite');
  // Switchboard's own state (the history) is kept in both modes: on Postgres when DATABASE_URL says so (team mode).
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !isDatabaseUrl(databaseUrl))
    throw new Error('DATABASE_URL must be a postgres:// (or postgresql://) URL');
  const stateFile = path.join(dataDir, upstream ? 'proxy-state.sqlite' : 'state.sqlite');
  mkdirSync(dataDir, { recursive: true });
  if (!upstream && flags.has('--reset')) {
    for (const file of [dbFile, stateFile])
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    console.log('--reset: starting from a freshly seeded database and an empty history');
  }
  const faultInjection = flags.has('--faults') || process.env.EMULATOR_FAULTS === '1';
  const team = teamFromEnv(process.env, `http://${host.includes(':') ? `[${host}]` : host}:${port}`);
  const trustedProxies = process.env.TRUSTED_PROXIES?.split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const app = await buildApp({
    dbFile,
    stateStore: databaseUrl ?? stateFile,
    distDir: path.join(root, 'dist'),
    // JSON lines; a team server logs each request (with its correlation id and user) by default.
    logger: { level: process.env.LOG_LEVEL ?? (team ? 'info' : 'warn') },
    team,
    trustedProxies,
    upstream,
    allowedHosts: [
      ...ownHostNames(host, port),
      ...(process.env.ALLOWED_HOSTS?.split(',')
        .map((h) => h.trim())
        .filter(Boolean) ?? []),
      // The address people use (behind a TLS-terminating proxy): its Host is answered and writes from it accepted.
      ...(team ? [team.publicUrl] : []),
    ],
    requireApiKey: upstream ? undefined : process.env.EMULATOR_API_KEY,
    faultInjection: !upstream && faultInjection,
    scale: flags.has('--scale') || process.env.EMULATOR_SCALE === '1',
  });
  if (faultInjection && !upstream) console.warn('Fault injection is ON (/__emulator/faults): for tests only.');

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: finishing in-flight requests and closing the database…`);
    // Not ready from now on: a load balancer polling /readyz stops sending requests before the server stops listening.
    app.draining = true;
    const drainDelayMs = Number(process.env.DRAIN_DELAY_MS ?? 0);
    const close = () => {
      // Connections become idle as their last response is sent; close each then, instead of waiting out keep-alive.
      setInterval(() => app.server.closeIdleConnections(), 50).unref();
      return app.close();
    };
    new Promise((resolve) => setTimeout(resolve, drainDelayMs)).then(close).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  await app.listen({ port, host });
  // The port actually bound (PORT=0 takes any free one).
  const bound = (app.server.address() as { port: number }).port;
  const where = upstream
    ? `proxy to ${upstream.baseUrl}${upstream.readOnly ? ' (read-only)' : ''}`
    : `emulator, data in ${dataDir}`;
  console.log(`Switchboard on http://${host.includes(':') ? `[${host}]` : host}:${bound}  — ${where}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
