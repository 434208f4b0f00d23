/**
 * `npm run screenshots`: captures the main pages (desktop and phone, light and dark) from a running server into
 * docs/screenshots/.
 * Start the console first (`npm start`); BASE_URL overrides http://127.0.0.1:4300.
 */
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:4300';
const out = 'docs/screenshots';
const agent = '/agents/PROJECT-HARBOURVIEW';
const pages: [string, string][] = [
  ['agents', '/'],
  ['overview', agent],
  ['editor', `${agent}/configs/sandbox`],
  ['compare', `${agent}/compare?show=differs`],
  ['connectors', `${agent}/connectors`],
  ['connector', `${agent}/connectors/conn_hv_pre_fr`],
  ['phone-numbers', `${agent}/phone-numbers`],
  ['history', `${agent}/history`],
];

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
// Desktop and phone (390 px wide), light and dark.
for (const scheme of ['light', 'dark'] as const) {
  for (const [suffix, viewport] of [
    ['', { width: 1280, height: 860 }],
    ['-phone', { width: 390, height: 844 }],
  ] as const) {
    const context = await browser.newContext({ viewport, colorScheme: scheme });
    const page = await context.newPage();
    for (const [name, path] of pages) {
      await page.goto(base + path);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `${out}/${name}${suffix}-${scheme}.png`, fullPage: name !== 'editor' });
    }
    await context.close();
  }
}
await browser.close();
console.log(`Screenshots written to ${out}/`);
