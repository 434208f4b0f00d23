import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_UPSTREAM_KEY, UPSTREAM_PORT } from '../playwright.config.ts';
import { expectAccessible } from './axe.ts';

const DEMO = 'PROJECT-HARBOURVIEW';

test('the console works through the proxy, says so on every page, and the key never reaches the browser', async ({
  page,
  context,
}) => {
  const bodies: string[] = [];
  page.on('response', async (response) => {
    bodies.push(JSON.stringify(await response.allHeaders()));
    bodies.push(await response.text().catch(() => ''));
  });

  await page.goto('/');
  const banner = page.getByRole('status').filter({ hasText: "Connected to PolyAI's API" });
  await expect(banner).toContainText('changes reach real agents');
  await page.getByRole('link', { name: /Harbourview Hotel Concierge/ }).click();
  await expect(banner).toBeVisible();
  await expect(page.getByRole('region', { name: 'Live' }).getByText('✓ Valid')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Edit Sandbox variables' }).click();
  await expect(banner).toBeVisible();
  await page.getByLabel('Persona name').fill('Via proxy');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Save to Sandbox' }).click();
  await expect(page.getByText('Saved 1 key.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Persona name')).toHaveValue('Via proxy');

  await page.goto(`/agents/${DEMO}/connectors`);
  await expect(banner).toBeVisible();
  await expect(page.getByRole('table').getByRole('row', { name: /Spanish line/ })).toBeVisible();

  // The key is in no response the browser saw, in no browser storage, and in no built asset.
  expect(bodies.join('\n')).not.toContain(E2E_UPSTREAM_KEY);
  const storage = await page.evaluate<string>(
    'JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie })',
  );
  expect(storage).not.toContain(E2E_UPSTREAM_KEY);
  expect(JSON.stringify(await context.cookies())).not.toContain(E2E_UPSTREAM_KEY);
  const dist = path.resolve('dist');
  const assets = readdirSync(dist, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  for (const asset of assets)
    expect(readFileSync(path.join(asset.parentPath, asset.name), 'utf8')).not.toContain(E2E_UPSTREAM_KEY);
});

test('a change made straight at PolyAI (not through Switchboard) is found on the next read and shown as made outside it', async ({
  page,
  request,
}) => {
  const upstreamPage = `http://127.0.0.1:${UPSTREAM_PORT}/v1/agents/${DEMO}/real-time-configs/pre-release`;
  await page.goto(`/agents/${DEMO}/configs/pre-release`); // Switchboard reads the page: its baseline
  await expect(page.getByLabel('Persona name')).toBeVisible();
  const elsewhere = await request.patch(`${upstreamPage}/variables`, {
    headers: { 'x-api-key': E2E_UPSTREAM_KEY },
    data: { variables: { silence_timeout_seconds: 14 } },
  });
  expect(elsewhere.ok()).toBe(true);

  // The open editor re-reads the page in the background; the history then holds the outside change.
  await page.goto(`/agents/${DEMO}/history?env=pre-release`);
  const external = page.getByRole('article').filter({ hasText: 'Changed outside Switchboard' }).first();
  await expect(external).toBeVisible();
  await expect(external).toContainText('Author unknown');
  await expect(external.getByLabel('silence_timeout_seconds after')).toHaveText('14');
  await expectAccessible(page);
});
