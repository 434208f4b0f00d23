import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe.ts';

const DEMO = 'PROJECT-HARBOURVIEW';

test('pick the demo agent and see its three environments at a glance', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Agents', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: /Riverside Dental Reception/ })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: /Harbourview Hotel Concierge/ }).click();
  await expect(page).toHaveURL(`/agents/${DEMO}`);
  for (const env of ['Sandbox', 'Pre-release', 'Live']) {
    const card = page.getByRole('region', { name: env });
    await expect(card.getByText('17 set')).toBeVisible();
    await expect(card.getByText('✓ Valid')).toBeVisible();
    await expect(card.getByRole('link', { name: `Edit ${env} variables` })).toBeVisible();
  }
  await expectAccessible(page);

  // The header and the page name the agent; the agent is remembered for next time, by name.
  await expect(page.getByRole('navigation', { name: 'Agent' })).toContainText('Harbourview Hotel Concierge');
  await expect(page.getByRole('main').getByText('Harbourview Hotel Concierge')).toBeVisible();
  await page.goto('/');
  await expect(
    page
      .getByRole('region', { name: 'Recently opened' })
      .getByRole('link', { name: `Harbourview Hotel Concierge ${DEMO}` }),
  ).toBeVisible();
});

test('find an agent by name or ID', async ({ page }) => {
  await page.goto('/');
  const find = page.getByLabel('Find an agent by name or ID');
  await find.fill('dental');
  const all = page.getByRole('region', { name: 'All agents' });
  await expect(all.getByRole('link')).toHaveText([/Riverside Dental Reception/]);
  await find.fill('project-harbour');
  await expect(all.getByRole('link')).toHaveText([/Harbourview Hotel Concierge/]);
  await find.fill('nobody');
  await expect(all.getByText('No agent matches “nobody”')).toBeVisible();
});

test('open any agent by typing its ID; an unknown one says so', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Open an agent by ID').fill('PROJECT-RIVERSIDE');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('region', { name: 'Live' }).getByText('· 18 in schema')).toBeVisible();

  await page.goto('/');
  await page.getByLabel('Open an agent by ID').fill('PROJECT-DOES-NOT-EXIST');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Agent not found')).toBeVisible();
  // Asking again cannot change a 404: no Retry.
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);

  // Ids are case-sensitive; the one that matches but for case is offered.
  await page.goto('/agents/project-riverside');
  await page.getByRole('link', { name: 'PROJECT-RIVERSIDE', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Live' }).getByText('· 18 in schema')).toBeVisible();
});

test('the theme can be switched to dark and stays dark after a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`/agents/${DEMO}`);
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expect(page.getByRole('region', { name: 'Live' })).toBeVisible();
  await expectAccessible(page);
});

test('hovering or focusing an Edit link fetches the editor before the click, so it opens without waiting', async ({
  page,
}) => {
  await page.goto(`/agents/${DEMO}`);
  await expect(page.getByRole('region', { name: 'Live' }).getByText('✓ Valid')).toBeVisible();
  const editorChunk = page.waitForRequest((request) => /config-editor-page-.*\.js$/.test(request.url()));
  await page.getByRole('link', { name: 'Edit Live variables' }).hover();
  await editorChunk;
  await page.getByRole('link', { name: 'Edit Live variables' }).click();
  await expect(page.getByLabel('Persona name')).toBeVisible();
});
