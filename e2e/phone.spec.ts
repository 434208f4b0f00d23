import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe.ts';

// A phone: an on-call engineer's screen.
test.use({ viewport: { width: 390, height: 844 } });

const DEMO = 'PROJECT-HARBOURVIEW';
const A = `/agents/${DEMO}`;
const PAGES = [
  '/',
  A,
  `${A}/configs/sandbox`,
  `${A}/configs/live/schema`,
  `${A}/compare`,
  `${A}/connectors`,
  `${A}/connectors/conn_hv_pre_fr`,
  `${A}/phone-numbers`,
  `${A}/history`,
  `${A}/history/versions?env=live&at=2026-11-30T00:00:00.000Z`,
];

const sidewaysScroll = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

test('no page scrolls sideways at 390 px: wide tables scroll inside their own box', async ({ page }) => {
  for (const path of PAGES) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    expect(await sidewaysScroll(page), path).toBeLessThanOrEqual(0);
  }
});

test('on a phone the agent’s pages are one menu, closed again once a page is chosen', async ({ page }) => {
  await page.goto(A);
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('navigation', { name: 'Agent' })).toHaveCount(0);
  await menu.click();
  const nav = page.getByRole('navigation', { name: 'Agent' });
  await expect(nav.getByRole('link')).toHaveText(['Overview', 'Compare', 'Connectors', 'History']);
  await expectAccessible(page);
  await nav.getByRole('link', { name: 'Compare' }).click();
  await expect(page).toHaveURL(/\/compare/);
  await expect(page.getByRole('navigation', { name: 'Agent' })).toHaveCount(0);
});

test('on call: fix the live greeting from a phone', async ({ page, request }) => {
  await page.goto(A);
  await page.getByRole('link', { name: 'Edit Live variables' }).click();
  const greeting = page.getByLabel('Greeting message');
  await greeting.fill('Thanks for calling Harbourview. Our lines are busy tonight; I can still help with bookings.');
  // The Save panel is far below the form on a phone: a bar keeps the edits and the way to save in reach.
  const bar = page.getByRole('button', { name: 'Review and save' });
  await expect(bar).toBeInViewport();
  await expect(page.getByText('1 unsaved', { exact: true })).toBeInViewport();
  await bar.click();
  const review = page.getByRole('dialog', { name: /Review 1 change to Live/ });
  await review.getByLabel(/Type live/).fill('live');
  await review.getByLabel(/Note/).fill('Busy-night greeting');
  await review.getByRole('button', { name: 'Save to Live' }).click();
  await expect(page.getByText('Saved 1 key.')).toBeVisible();
  await expect(bar).toHaveCount(0);
  const live = await (await request.get(`/v1/agents/${DEMO}/real-time-configs/live`)).json();
  expect(live.variables.greeting_message).toMatch(/^Thanks for calling Harbourview\. Our lines are busy tonight/);
  expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
});

test('on a phone connectors and numbers are cards: the first one’s environment and health are in view', async ({
  page,
}) => {
  await page.goto(`${A}/connectors`);
  const connector = page
    .getByRole('list', { name: 'Connectors' })
    .getByRole('listitem')
    .filter({ hasText: 'Health' })
    .first();
  await expect(connector.getByRole('term')).toHaveText(['Environment', 'Health', 'Numbers', 'Voice']);
  for (const value of await connector.getByRole('definition').all()) await expect(value).toBeInViewport();
  await expectAccessible(page);

  await page.goto(`${A}/phone-numbers`);
  const number = page
    .getByRole('list', { name: 'Phone numbers' })
    .getByRole('listitem')
    .filter({ hasText: 'Health' })
    .first();
  await expect(number.getByRole('term')).toHaveText(['Environment', 'Connector', 'Health']);
  for (const value of await number.getByRole('definition').all()) await expect(value).toBeInViewport();
  await expect(number.getByRole('definition').first()).not.toBeEmpty();
  await expectAccessible(page);
  expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
});

test('on a phone compare shows each key as a card with every environment’s value in view', async ({ page }) => {
  await page.goto(`${A}/compare`);
  // The differences first: all keys are one choice away.
  await expect(page.getByRole('radio', { name: 'Only differences' })).toBeChecked();
  const card = page.getByRole('list', { name: 'Variables by environment' }).getByRole('listitem').first();
  await card.scrollIntoViewIfNeeded();
  await expect(card.getByRole('term')).toHaveText(['Sandbox', 'Pre-release', 'Live']);
  for (const value of await card.getByRole('definition').all()) await expect(value).toBeInViewport({ ratio: 1 });
  // A value opens the same comparison as on a desktop.
  await card.getByRole('definition').nth(2).getByRole('button').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expectAccessible(page);
  expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
});
