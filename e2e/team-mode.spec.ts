/**
 * Team mode, as people use it: sign in through the team's identity provider, an admin grants access on the members
 * page, a viewer sees why they cannot save, an editor's change names them in the history, and signing out ends it.
 * Two browser contexts are two people.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { TEAM_ADMIN } from '../playwright.config.ts';
import { expectAccessible } from './axe.ts';

const DEMO = 'PROJECT-HARBOURVIEW';

/** Signs in through the provider's page, from wherever the console asked for it. */
async function signIn(page: Page, email: string) {
  await expect(page.getByRole('heading', { name: 'Sign in to Switchboard' })).toBeVisible();
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
}

async function person(browser: Browser, email: string, path = '/') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(path);
  await signIn(page, email);
  return page;
}

test('an admin gives a newcomer access; the newcomer sees what they may do, saves where they may, and is named in the history', async ({
  browser,
}) => {
  // Nothing of the console shows before signing in; the sign-in brings you back where you were going.
  const admin = await person(browser, TEAM_ADMIN, `/agents/${DEMO}`);
  await expect(admin).toHaveURL(new RegExp(`/agents/${DEMO}$`));
  await expect(admin.getByRole('region', { name: 'Live' })).toBeVisible();

  // The newcomer signs in before anyone granted them anything: they are told so, and see no agent.
  const sam = await person(browser, 'sam@example.com');
  await expect(sam.getByText('You have no access to any agent yet')).toBeVisible();
  await expect(sam.getByRole('link', { name: /Harbourview Hotel Concierge/ })).toHaveCount(0);

  // The admin makes them a viewer of Harbourview, from the account menu's members page.
  await admin.getByRole('button', { name: /account menu/ }).click();
  await admin.getByRole('link', { name: 'Team settings' }).click();
  await expect(admin.getByRole('heading', { name: 'Team settings' })).toBeVisible();
  await expectAccessible(admin);
  await admin.getByRole('button', { name: 'Edit access of sam@example.com' }).click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Add access' }).click();
  await dialog.getByLabel('Agent of access 1').selectOption({ label: 'Harbourview Hotel Concierge' });
  // The role is chosen, never assumed: saving without one says so and goes to it.
  await dialog.getByRole('button', { name: 'Save access' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/Choose a role for access 1/);
  await expect(dialog.getByLabel('Role of access 1')).toBeFocused();
  await dialog.getByLabel('Role of access 1').selectOption('viewer');
  await dialog.getByRole('button', { name: 'Save access' }).click();
  await expect(dialog).toBeHidden();
  await expect(admin.getByRole('status').filter({ hasText: 'Access of sam@example.com saved' })).toBeFocused();
  await expect(admin.getByText('Viewer of every environment, on Harbourview Hotel Concierge')).toBeVisible();

  // As a viewer: the page opens, Save says why it is off.
  await sam.goto(`/agents/${DEMO}/configs/sandbox`);
  await sam.getByLabel('Persona name').fill('Sam was here');
  await expect(
    sam
      .getByRole('status')
      .filter({ hasText: 'You can view this agent but not change sandbox: ask an admin for the editor role.' }),
  ).toBeVisible();
  await expect(sam.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();

  // Made an editor of sandbox: the same page saves, and the history names Sam.
  await admin.getByRole('button', { name: 'Edit access of sam@example.com' }).click();
  await dialog.getByLabel('Role of access 1').selectOption('editor');
  await dialog.getByLabel('Environment of access 1').selectOption('sandbox');
  await dialog.getByRole('button', { name: 'Save access' }).click();
  await expect(admin.getByText('Editor of sandbox, on Harbourview Hotel Concierge')).toBeVisible();
  await sam.reload();
  await sam.getByLabel('Persona name').fill('Sam was here');
  await sam.getByRole('button', { name: 'Save', exact: true }).click();
  await sam.getByRole('dialog').getByRole('button', { name: 'Save to Sandbox' }).click();
  await expect(sam.getByText('Saved 1 key.')).toBeVisible();
  await sam.goto(`/agents/${DEMO}/history?env=sandbox`);
  await expect(sam.getByRole('article').first()).toContainText('sam@example.com');

  // Live stays out of reach, in the console and on the server.
  await sam.goto(`/agents/${DEMO}/configs/live`);
  await sam.getByLabel('Persona name').fill('Not allowed');
  await expect(
    sam.getByRole('status').filter({ hasText: 'You can view this agent but not change live' }),
  ).toBeVisible();
  const refused = await sam.request.patch(`/v1/agents/${DEMO}/real-time-configs/live/variables`, {
    data: { variables: { agent_persona_name: 'x' } },
  });
  expect(refused.status()).toBe(403);

  // Signing out ends the session here and at the identity provider, then the console asks to sign in again.
  await sam.getByRole('button', { name: /account menu/ }).click();
  await sam.getByRole('button', { name: 'Sign out' }).click();
  await sam.getByRole('button', { name: 'Yes, sign me out' }).click();
  await expect(sam.getByRole('heading', { name: 'Sign in to Switchboard' })).toBeVisible();
  expect((await sam.request.get('/api/me')).status()).toBe(401);
});

test('the sign-in page and the members page work on a phone', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto('/members');
  await expectAccessible(page);
  await signIn(page, TEAM_ADMIN);
  await expect(page.getByRole('heading', { name: 'Team settings' })).toBeVisible();
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await page.getByRole('button', { name: 'Add a member' }).click();
  await page.getByRole('dialog').getByLabel('Email').fill('not an address');
  await page.getByRole('dialog').getByRole('button', { name: 'Save access' }).click();
  await expect(page.getByText('Enter the email address they sign in with.')).toBeVisible();
  await expectAccessible(page);
});
