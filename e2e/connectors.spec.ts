import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe.ts';

const DEMO = 'PROJECT-HARBOURVIEW';

test('the connectors table shows every seeded connector with its documented fields', async ({ page }) => {
  await page.goto(`/agents/${DEMO}`);
  await page.getByRole('navigation', { name: 'Agent' }).getByRole('link', { name: 'Connectors' }).click();
  const table = page.getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(8); // header + 7 connectors
  const spanish = table.getByRole('row', { name: /Spanish line/ });
  await expect(spanish.getByText('unassigned')).toBeVisible();
  await expect(spanish.getByText('es-ES-Neural2-B')).toBeVisible();
  await expect(table.getByRole('row', { name: /Sandbox test line/ }).getByText('disabled')).toBeVisible();
  await expectAccessible(page);
});

test('the environment filter lives in the URL, so a filtered view can be shared', async ({ page }) => {
  await page.goto(`/agents/${DEMO}/connectors?env=pre-release`);
  await expect(page.getByLabel('Environment')).toHaveValue('pre-release');
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(3);
  await page.getByLabel('Environment').selectOption('live');
  await expect(page).toHaveURL(/env=live/);
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(4);
});

test('an unknown URL inside the console shows a page-not-found state', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});
