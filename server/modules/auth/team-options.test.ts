// @vitest-environment node
import { expect, test } from 'vitest';
import { teamFromEnv } from './team-options.ts';

const local = 'http://127.0.0.1:4300';

test('without an issuer the console runs in local mode, without sign-in', () => {
  expect(teamFromEnv({}, local)).toBeUndefined();
});

test('team mode needs a client id and at least one admin, and says so', () => {
  expect(() => teamFromEnv({ OIDC_ISSUER: 'https://id.example' }, local)).toThrow(/OIDC_CLIENT_ID/);
  expect(() => teamFromEnv({ OIDC_ISSUER: 'https://id.example', OIDC_CLIENT_ID: 'sb' }, local)).toThrow(/ADMIN_EMAILS/);
});

test('a public address other than loopback must be https', () => {
  const env = { OIDC_ISSUER: 'https://id.example', OIDC_CLIENT_ID: 'sb', ADMIN_EMAILS: 'a@example.com' };
  expect(() => teamFromEnv({ ...env, PUBLIC_URL: 'http://switchboard.example' }, local)).toThrow(/https/);
  expect(
    teamFromEnv(
      { ...env, PUBLIC_URL: 'https://switchboard.example/ignored/path', ADMIN_EMAILS: 'a@example.com, b@example.com' },
      local,
    ),
  ).toEqual({
    oidc: { issuer: 'https://id.example', clientId: 'sb' },
    publicUrl: 'https://switchboard.example',
    admins: ['a@example.com', 'b@example.com'],
    sessionHours: 12,
    rateLimits: {},
  });
  expect(teamFromEnv({ ...env, SIGN_IN_RATE_PER_MINUTE: '500' }, local)?.rateLimits).toEqual({ signInsPerMinute: 500 });
  expect(() => teamFromEnv({ ...env, ANONYMOUS_RATE_PER_MINUTE: 'lots' }, local)).toThrow(/ANONYMOUS_RATE_PER_MINUTE/);
  expect(teamFromEnv(env, local)?.publicUrl).toBe(local);
  expect(() => teamFromEnv({ ...env, SESSION_HOURS: 'forever' }, local)).toThrow(/SESSION_HOURS/);
});
