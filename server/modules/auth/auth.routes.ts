/**
 * Signing in and out (team mode), and `GET /api/me` in both modes. A sign-in in progress is kept in a sealed,
 * short-lived cookie of the browser that started it (sign-in-cookie.ts): every replica can take its return, nobody can
 * finish their own sign-in in someone else's browser, and an anonymous visitor costs the store nothing. Signing in is
 * rate-limited per client address (team.ts).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Me } from '../../../contract/access.ts';
import { normaliseEmail, type MembersRepository } from './members.repository.ts';
import { SignInRefused, type OidcClient } from './oidc.ts';
import type { SessionsRepository } from './sessions.repository.ts';
import { SIGN_IN_WINDOW_MS, type SignInSeal } from './sign-in-cookie.ts';

const SIGN_IN_COOKIE = 'switchboard-sign-in';
const isControl = (char: string) => char < ' ' || char === '\u007f';

/**
 * Only a path of this console, as the browser writes one (printable ASCII: anything else is percent-encoded): `/…`
 * but not `//host` or `/\host`, which browsers read as another site.
 */
const safeReturnTo = (value: unknown) =>
  typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) && value.length <= 2_000 ? value : '/';

export type AuthRoutesOptions = {
  oidc: OidcClient;
  members: MembersRepository;
  sessions: SessionsRepository;
  publicUrl: string;
  cookieName: string;
  secure: boolean;
  seal: SignInSeal;
};

export function registerAuthRoutes(app: FastifyInstance, options: AuthRoutesOptions) {
  const { oidc, members, sessions, publicUrl, cookieName, secure, seal } = options;
  const cookie = { httpOnly: true, sameSite: 'lax', secure, path: '/' } as const;
  const failed = (reply: FastifyReply, message: string) =>
    reply.redirect(`/?sign-in-error=${encodeURIComponent(message)}`);

  app.get('/api/auth/login', { schema: { hide: true } }, async (req, reply) => {
    const returnTo = safeReturnTo((req.query as { returnTo?: unknown }).returnTo);
    let started;
    try {
      started = await oidc.start();
    } catch (error) {
      req.log.error({ err: error }, 'sign-in: the identity provider could not be reached');
      return failed(reply, 'The identity provider could not be reached. Try again in a moment.');
    }
    const sealed = await seal.seal({
      state: started.state,
      nonce: started.nonce,
      codeVerifier: started.codeVerifier,
      returnTo,
    });
    reply.setCookie(SIGN_IN_COOKIE, sealed, { ...cookie, maxAge: SIGN_IN_WINDOW_MS / 1000 });
    return reply.redirect(started.url);
  });

  app.get('/api/auth/callback', { schema: { hide: true } }, async (req, reply) => {
    const query = req.query as Record<string, unknown>;
    const state = typeof query.state === 'string' ? query.state : '';
    reply.clearCookie(SIGN_IN_COOKIE, cookie);
    if (typeof query.error === 'string') {
      const said = typeof query.error_description === 'string' ? query.error_description : query.error;
      return failed(reply, `The identity provider did not sign you in: ${said.slice(0, 200)}`);
    }
    // The state must be the one this browser started with, within the sign-in window.
    const started = await seal.open(req.cookies[SIGN_IN_COOKIE]);
    const request = state && started?.state === state ? started : undefined;
    if (!request)
      return failed(reply, 'That sign-in was not started in this browser, or took too long. Please sign in again.');
    let claims;
    try {
      claims = await oidc.finish(new URL(req.url, publicUrl), request);
    } catch (error) {
      if (error instanceof SignInRefused) return failed(reply, error.message);
      req.log.warn({ err: error }, 'sign-in: the identity provider’s answer was refused');
      return failed(reply, 'The identity provider’s answer could not be verified. Please sign in again.');
    }
    const email = normaliseEmail(claims.email);
    // Names are shown and stored as text: no control characters (Postgres text cannot even hold NUL).
    if ([...email].some(isControl))
      return failed(reply, 'The identity provider gave an email address Switchboard cannot use.');
    const name =
      claims.name &&
      [...claims.name]
        .filter((char) => !isControl(char))
        .join('')
        .trim();
    await members.signedIn(email, name || undefined);
    const session = await sessions.create(email);
    reply.setCookie(cookieName, session.token, { ...cookie, expires: new Date(session.expiresAt) });
    req.log.info({ user: email }, 'signed in');
    return reply.redirect(request.returnTo);
  });

  app.post('/api/auth/logout', { schema: { hide: true } }, async (req, reply) => {
    const token = req.cookies[cookieName];
    if (token) await sessions.revoke(token);
    reply.clearCookie(cookieName, cookie);
    return { signedOut: true, endSessionUrl: await oidc.endSessionUrl(publicUrl) };
  });

  app.get('/api/me', { schema: { hide: true } }, async (req): Promise<Me> => {
    const { email, name, admin, grants, expiresAt } = req.me!;
    return { mode: 'team', email, ...(name && { name }), admin, grants, expiresAt };
  });
}
