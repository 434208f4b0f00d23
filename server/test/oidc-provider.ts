/**
 * A real OpenID Provider for tests and trials (oidc-provider, the certified implementation), on loopback: one client
 * (Switchboard), a sign-in page that asks only for an email address (every address is an account), consent granted
 * without asking. Not a mock: discovery, PKCE, state, nonce and signed ID tokens are the provider's own.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { freePort } from './free-port.ts';

export type TestProvider = { issuer: string; clientId: string; clientSecret: string; stop(): Promise<void> };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return new URLSearchParams(body);
}

/** `names`: display names by email, for the `name` claim. */
export async function startOidcProvider(
  redirectUris: string[],
  names: Record<string, string> = {},
): Promise<TestProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'switchboard';
  const clientSecret = 'switchboard-test-secret-0123456789';
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        post_logout_redirect_uris: redirectUris.map((uri) => new URL(uri).origin),
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] as never },
    cookies: { keys: ['switchboard-test-cookie-key'] },
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: id, email_verified: true, ...(names[id] && { name: names[id] }) }),
      };
    },
    // Consent is not what is tested: every sign-in is granted the scopes it asks for.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();
  const server: Server = createServer(async (req, res) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url ?? '');
    if (!match) return callback(req, res);
    try {
      if (req.method === 'POST' && match[2]) {
        const email = (await formOf(req)).get('email')?.trim();
        if (!email) throw new Error('no email');
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: email } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      const details = await provider.interactionDetails(req, res);
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html lang="en"><head><title>Test identity provider</title></head><body><main>
<h1>Test identity provider</h1><form method="post" action="/interaction/${escapeHtml(details.uid)}/login">
<label>Email <input name="email" type="email" autocomplete="username" required></label> <button type="submit">Continue</button></form></main></body></html>`);
    } catch (error) {
      res.statusCode = 400;
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
