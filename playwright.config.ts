import { defineConfig, devices } from '@playwright/test';

// An unusual port, never reused silently: other processes on shared machines hold the common ones.
const PORT = Number(process.env.E2E_PORT ?? 4391);
const DATA_DIR = 'test-results/e2e-data';
// Browsers cannot be downloaded here: use Debian's Chromium unless CHROMIUM_PATH names another.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
      use: {
        ...devices['Desktop Chrome'],
        headless: true,
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
            '--disable-sync', '--no-first-run', '--disable-quic',
          ],
        },
      },
    },
  ],
  webServer: {
    // A fresh database for every run (the journeys assume the seeded demo data), with test-only fault injection.
    command: `rm -rf ${DATA_DIR} && tsx server/main.ts --faults`,
    env: { PORT: String(PORT), DATA_DIR, LOG_LEVEL: 'warn' },
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: process.env.E2E_REUSE === '1',
    timeout: 30_000,
  },
});
