import { defineConfig, devices } from '@playwright/test';

// An unusual port, never reused silently: other processes on shared machines hold the common ones.
const PORT = Number(process.env.E2E_PORT ?? 4391);
const DATA_DIR = 'test-results/e2e-data';
// Proxy mode: a second emulator that demands a key stands in for PolyAI, and a proxy holds that key.
const PROXY_PORT = PORT + 1;
export const UPSTREAM_PORT = PORT + 2;
export const E2E_UPSTREAM_KEY = 'sk-e2e-upstream-7c1d9a';
// Team mode: sign-in through a local OpenID provider, the state on Postgres (both started by scripts/team-trial.ts).
export const TEAM_PORT = PORT + 3;
export const TEAM_ADMIN = 'ada@example.com';
// Browsers cannot be downloaded here: use Debian's Chromium unless CHROMIUM_PATH names another.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const launchOptions = {
  executablePath: CHROMIUM,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

export default defineConfig({
  testDir: './e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 7_000 },
  use: { baseURL: `http://127.0.0.1:${PORT}`, trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'chromium',
      testIgnore: /proxy-mode|team-mode/,
      use: {
        ...devices['Desktop Chrome'],
        headless: true,
        launchOptions,
      },
    },
    {
      name: 'team-mode',
      testMatch: /team-mode/,
      use: { ...devices['Desktop Chrome'], headless: true, launchOptions, baseURL: `http://127.0.0.1:${TEAM_PORT}` },
    },
    {
      name: 'proxy-mode',
      testMatch: /proxy-mode/,
      use: { ...devices['Desktop Chrome'], headless: true, launchOptions, baseURL: `http://127.0.0.1:${PROXY_PORT}` },
    },
  ],
  webServer: [
    {
      // A fresh database for every run (the journeys assume the seeded demo data), with test-only fault injection.
      command: `rm -rf ${DATA_DIR} && tsx server/main.ts --faults --scale`,
      env: { PORT: String(PORT), DATA_DIR, LOG_LEVEL: 'warn' },
      url: `http://127.0.0.1:${PORT}/readyz`,
      reuseExistingServer: process.env.E2E_REUSE === '1',
      timeout: 30_000,
    },
    {
      command: `rm -rf ${DATA_DIR}-upstream && tsx server/main.ts`,
      env: {
        PORT: String(UPSTREAM_PORT),
        DATA_DIR: `${DATA_DIR}-upstream`,
        EMULATOR_API_KEY: E2E_UPSTREAM_KEY,
        LOG_LEVEL: 'warn',
      },
      url: `http://127.0.0.1:${UPSTREAM_PORT}/readyz`,
      reuseExistingServer: process.env.E2E_REUSE === '1',
      timeout: 30_000,
    },
    {
      // The proxy keeps its own history (Switchboard's state) in a fresh folder too.
      command: `rm -rf ${DATA_DIR}-proxy && tsx server/main.ts`,
      env: {
        PORT: String(PROXY_PORT),
        DATA_DIR: `${DATA_DIR}-proxy`,
        POLYAI_API_KEY: E2E_UPSTREAM_KEY,
        POLYAI_BASE_URL: `http://127.0.0.1:${UPSTREAM_PORT}`,
        LOG_LEVEL: 'warn',
      },
      url: `http://127.0.0.1:${PROXY_PORT}/readyz`,
      reuseExistingServer: process.env.E2E_REUSE === '1',
      timeout: 30_000,
    },
    {
      command: `rm -rf ${DATA_DIR}-team && tsx scripts/team-trial.ts`,
      env: { PORT: String(TEAM_PORT), DATA_DIR: `${DATA_DIR}-team`, ADMIN_EMAILS: TEAM_ADMIN, LOG_LEVEL: 'warn' },
      url: `http://127.0.0.1:${TEAM_PORT}/readyz`,
      reuseExistingServer: process.env.E2E_REUSE === '1',
      // Postgres stops with the server: let it finish.
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
      timeout: 60_000,
    },
  ],
});
