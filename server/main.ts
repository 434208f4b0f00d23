/** Starts the server: the only place that knows about ports, hosts, data folders and signals. */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_PORT = 4300;

export async function main() {
  const port = Number(process.env.PORT ?? DEFAULT_PORT);
  const host = process.env.HOST ?? '127.0.0.1';
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, 'data'));
  const flags = new Set(process.argv.slice(2));
  const dbFile = path.join(dataDir, 'switchboard.sqlite');
  mkdirSync(dataDir, { recursive: true });
  if (flags.has('--reset')) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
    console.log('--reset: starting from a freshly seeded database');
  }
  const faultInjection = flags.has('--faults') || process.env.EMULATOR_FAULTS === '1';

  const app = await buildApp({
    dbFile,
    distDir: path.join(root, 'dist'),
    logger: { level: process.env.LOG_LEVEL ?? 'warn' },
    faultInjection,
    scale: flags.has('--scale') || process.env.EMULATOR_SCALE === '1',
  });
  if (faultInjection) console.warn('Fault injection is ON (/__emulator/faults): for tests only.');

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: finishing in-flight requests and closing the database…`);
    // Connections become idle as their last response is sent; close each then, instead of waiting out keep-alive.
    setInterval(() => app.server.closeIdleConnections(), 50).unref();
    app.close().then(
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
  console.log(`Switchboard (emulator) on http://${host}:${port}  — data in ${dataDir}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
