// @vitest-environment node
/**
 * Floods from one address with no session, against team mode's default limits: signing in stores nothing per
 * visitor (the sign-in in progress is a sealed cookie), and past the limit every request is answered 429 with
 * Retry-After before anything else is done. Members with a session are not limited.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { startTeamApp } from '../../test/team-app.ts';

const ADMIN = 'ada@example.com';
let team: Awaited<ReturnType<typeof startTeamApp>>;

beforeAll(async () => {
  team = await startTeamApp(inject('postgresUrl'), { admin: ADMIN, options: { team: { rateLimits: {} } } });
}, 30_000);
afterAll(() => team?.close());

const rowsOf = async (table: string) => {
  const client = new pg.Client({ connectionString: team.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(`select count(*) as count from ${table}`);
    return Number(rows[0].count);
  } finally {
    await client.end();
  }
};

test('10: a flood of sign-ins stores nothing per visitor and is cut off with 429; a member goes on', async () => {
  const cookie = await team.cookieOf(ADMIN);
  const settingsBefore = await rowsOf('settings');
  const answers = [];
  for (let i = 0; i < 100; i++) answers.push(await team.as(undefined, { url: '/api/auth/login' }));
  const statuses = answers.map((answer) => answer.statusCode);
  // The member's own sign-in above (its start and its return) took two of the 60 a minute.
  expect(statuses.filter((status) => status === 302)).toHaveLength(58);
  expect(statuses.slice(58).every((status) => status === 429)).toBe(true);
  const refused = answers[99];
  expect(refused.json()).toMatchObject({ error_code: 'RATE_LIMITED' });
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  // Each sign-in in progress went to its browser: nothing was stored for any of them.
  expect(await rowsOf('settings')).toBe(settingsBefore);
  expect(answers[0].headers['set-cookie']).toMatch(/switchboard-sign-in=[\w-]{40,}/);
  // A member with a session is not held back by the flood from their address.
  expect((await team.as(ADMIN, { url: '/api/me' })).statusCode).toBe(200);
  expect(cookie).toBeTruthy();
});

test('10: anonymous requests anywhere past the limit are answered 429 before any work', async () => {
  let last;
  for (let i = 0; i < 601; i++) last = await team.as(undefined, { url: '/api/agents/x/history' });
  expect(last!.statusCode).toBe(429);
  expect((await team.as(ADMIN, { url: '/api/me' })).statusCode).toBe(200);
});
