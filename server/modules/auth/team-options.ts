/** Team mode's settings, from the environment (documented in docs/configuration.md). */
import type { TeamOptions } from './team.ts';

/** Undefined (local mode: no sign-in) unless OIDC_ISSUER is set; throws for an incomplete or unsafe setup. */
export function teamFromEnv(env: NodeJS.ProcessEnv, localUrl: string): TeamOptions | undefined {
  const issuer = env.OIDC_ISSUER?.trim();
  if (!issuer) return undefined;
  const clientId = env.OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new Error('OIDC_CLIENT_ID is needed with OIDC_ISSUER');
  const admins = (env.ADMIN_EMAILS ?? '')
    .split(',')
    .map((email) => email.trim())
    .filter(Boolean);
  if (admins.length === 0)
    throw new Error('ADMIN_EMAILS is needed with OIDC_ISSUER: at least one admin, so someone can grant access');
  const publicUrl = new URL(env.PUBLIC_URL?.trim() || localUrl);
  if (publicUrl.protocol !== 'https:' && !['127.0.0.1', 'localhost', '[::1]'].includes(publicUrl.hostname)) {
    throw new Error('PUBLIC_URL must be https (sign-in cookies are sent only over TLS); plain http only on loopback');
  }
  const sessionHours = Number(env.SESSION_HOURS ?? 12);
  if (!(sessionHours > 0 && sessionHours <= 24 * 30))
    throw new Error('SESSION_HOURS must be a number of hours between 0 and 720');
  const perMinute = (name: string) => {
    if (env[name] === undefined) return undefined;
    const value = Number(env[name]);
    if (!(Number.isInteger(value) && value > 0))
      throw new Error(`${name} must be a whole number of requests per minute`);
    return value;
  };
  const leaseSeconds =
    env.CHANGE_REQUEST_LEASE_SECONDS === undefined ? undefined : Number(env.CHANGE_REQUEST_LEASE_SECONDS);
  if (leaseSeconds !== undefined && !(leaseSeconds > 0 && leaseSeconds <= 3_600))
    throw new Error('CHANGE_REQUEST_LEASE_SECONDS must be a number of seconds between 0 and 3600');
  return {
    ...(leaseSeconds !== undefined && { changeRequestLeaseMs: leaseSeconds * 1000 }),
    oidc: { issuer, clientId, ...(env.OIDC_CLIENT_SECRET?.trim() && { clientSecret: env.OIDC_CLIENT_SECRET.trim() }) },
    publicUrl: publicUrl.origin,
    admins,
    sessionHours,
    rateLimits: {
      ...(perMinute('SIGN_IN_RATE_PER_MINUTE') && { signInsPerMinute: perMinute('SIGN_IN_RATE_PER_MINUTE') }),
      ...(perMinute('ANONYMOUS_RATE_PER_MINUTE') && { anonymousPerMinute: perMinute('ANONYMOUS_RATE_PER_MINUTE') }),
    },
  };
}
