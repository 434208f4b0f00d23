import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe.ts';

const DEMO = 'PROJECT-HARBOURVIEW';
const editor = (env: string) => `/agents/${DEMO}/configs/${env}`;
const pageUrl = (env: string) => `/v1/agents/${DEMO}/real-time-configs/${env}`;

test.afterEach(async ({ request }) => {
  await request.delete('/__emulator/faults');
});

async function saveVia(page: Page, env: string) {
  await page.getByRole('button', { name: 'Save' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: `Save to ${env}` })
    .click();
}

test('two people editing different keys: both changes survive, and the second is told', async ({
  browser,
  request,
}) => {
  const alice = await (await browser.newContext()).newPage();
  const bob = await (await browser.newContext()).newPage();
  await alice.goto(editor('pre-release'));
  await bob.goto(editor('pre-release'));
  await alice.getByLabel('Persona name').fill('Alice edit');
  await bob.getByLabel('Promo code of the month').fill('BOB2026');

  await saveVia(alice, 'Pre-release');
  await expect(alice.getByText('Saved 1 key.')).toBeVisible();
  await saveVia(bob, 'Pre-release');
  await expect(bob.getByText('Saved 1 key.')).toBeVisible();
  await expect(bob.getByText(/Also loaded changes made elsewhere to: agent_persona_name/)).toBeVisible();
  await expect(bob.getByLabel('Persona name')).toHaveValue('Alice edit');

  const stored = (await (await request.get(pageUrl('pre-release'))).json()).variables;
  expect(stored).toMatchObject({ agent_persona_name: 'Alice edit', promo_code: 'BOB2026' });
});

test('two people editing the same key: the second chooses per key from base, theirs and mine; nothing is sent until then', async ({
  browser,
  request,
}) => {
  const alice = await (await browser.newContext()).newPage();
  const bob = await (await browser.newContext()).newPage();
  await alice.goto(editor('sandbox'));
  await bob.goto(editor('sandbox'));
  await alice.getByLabel('Maximum call length (minutes)').fill('20');
  await bob.getByLabel('Maximum call length (minutes)').fill('30');

  await saveVia(alice, 'Sandbox');
  await expect(alice.getByText('Saved 1 key.')).toBeVisible();
  let bobWrites = 0;
  bob.on('request', (r) => {
    if (r.method() === 'PATCH') bobWrites++;
  });
  await saveVia(bob, 'Sandbox');
  const conflict = bob.getByRole('dialog', { name: 'Someone else changed a key you edited' });
  await expect(conflict.getByLabel('max_call_duration_minutes base')).toHaveText('15');
  await expect(conflict.getByLabel('max_call_duration_minutes theirs')).toHaveText('20');
  await expect(conflict.getByLabel('max_call_duration_minutes mine')).toHaveText('30');
  await expectAccessible(bob);
  expect((await (await request.get(pageUrl('sandbox'))).json()).variables.max_call_duration_minutes).toBe(20);

  // Put aside, the edit is still there and the choice can be brought back.
  await conflict.getByRole('button', { name: 'Decide later' }).click();
  await expect(bob.getByText('Nothing was saved: someone else changed this page.')).toBeVisible();
  await expect(bob.getByLabel('Maximum call length (minutes)')).toHaveValue('30');
  await bob.getByRole('button', { name: 'Choose per key' }).click();
  await conflict.getByLabel('Keep yours').check();
  await conflict.getByRole('button', { name: 'Use these values and review' }).click();
  const review = bob.getByRole('dialog', { name: /Review 1 change to Sandbox/ });
  await expect(review.getByLabel('max_call_duration_minutes before')).toHaveText('20');
  expect(bobWrites).toBe(1); // only the refused attempt so far
  const patchSent = bob.waitForRequest((r) => r.method() === 'PATCH');
  await review.getByRole('button', { name: 'Save to Sandbox' }).click();
  expect((await patchSent).postDataJSON()).toEqual({ variables: { max_call_duration_minutes: 30 } });
  await expect(bob.getByText('Saved 1 key.')).toBeVisible();
  expect((await (await request.get(pageUrl('sandbox'))).json()).variables.max_call_duration_minutes).toBe(30);

  // The other way round: Alice's stale edit meets Bob's value and she takes his; nothing is left to send.
  await alice.getByLabel('Maximum call length (minutes)').fill('25');
  await saveVia(alice, 'Sandbox');
  const hers = alice.getByRole('dialog', { name: 'Someone else changed a key you edited' });
  await hers.getByLabel('Take theirs').check();
  await hers.getByRole('button', { name: 'Use these values and review' }).click();
  await expect(alice.getByLabel('Maximum call length (minutes)')).toHaveValue('30');
  await expect(alice.getByText('No unsaved changes')).toBeVisible();
  await request.patch(`${pageUrl('sandbox')}/variables`, { data: { variables: { max_call_duration_minutes: 15 } } });
});

test('a change saved elsewhere while typing is marked on its field; the draft is kept and saved on top', async ({
  page,
  request,
}) => {
  await page.goto(editor('sandbox'));
  await page.getByLabel('Persona name').fill('Typing');
  await request.patch(`${pageUrl('sandbox')}/variables`, { data: { variables: { silence_timeout_seconds: 12 } } });
  // The open editor re-reads its page every 10 s.
  await expect(page.locator('[data-key-state="silence_timeout_seconds"]')).toContainText('Changed on server', {
    timeout: 15_000,
  });
  await expect(
    page.getByText(/Changed on the server since you opened the page: silence_timeout_seconds/),
  ).toBeVisible();
  await expect(page.getByLabel('Persona name')).toHaveValue('Typing');

  await saveVia(page, 'Sandbox');
  await expect(page.getByText(/Also loaded changes made elsewhere to: silence_timeout_seconds/)).toBeVisible();
  expect((await (await request.get(pageUrl('sandbox'))).json()).variables).toMatchObject({
    agent_persona_name: 'Typing',
    silence_timeout_seconds: 12,
  });
  await request.patch(`${pageUrl('sandbox')}/variables`, {
    data: { variables: { agent_persona_name: 'Ava', silence_timeout_seconds: 10 } },
  });
});

test('a failed save keeps the edit, reports it was not applied, and Retry saves it once', async ({ page, request }) => {
  await page.goto(editor('sandbox'));
  await page.getByLabel('Speaking rate').fill('1.3');
  await request.post('/__emulator/faults', { data: { fail: { count: 1, status: 500 } } });
  await saveVia(page, 'Sandbox');
  await expect(page.getByText(/Not saved: the server did not confirm/)).toBeVisible();
  await expect(page.getByLabel('Speaking rate')).toHaveValue('1.3');
  expect((await (await request.get(pageUrl('sandbox'))).json()).variables.speaking_rate).toBe(1.1);

  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByText('Saved 1 key.')).toBeVisible();
  expect((await (await request.get(pageUrl('sandbox'))).json()).variables.speaking_rate).toBe(1.3);
});

test('leaving with unsaved edits asks first; Ctrl+S opens the review', async ({ page }) => {
  await page.goto(editor('sandbox'));
  await page.getByLabel('Persona name').fill('Unsaved name');

  await page.getByRole('link', { name: '← Overview' }).click();
  const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(leave).toBeVisible();
  await leave.getByRole('button', { name: 'Stay and keep editing' }).click();
  await expect(page).toHaveURL(editor('sandbox'));
  await expect(page.getByLabel('Persona name')).toHaveValue('Unsaved name');

  await page.keyboard.press('Control+s');
  await expect(page.getByRole('dialog', { name: /Review 1 change to Sandbox/ })).toBeVisible();
  await page.getByRole('button', { name: 'Keep editing' }).click();

  // Closing the tab asks the browser's own question.
  const question = page.waitForEvent('dialog');
  void page.close({ runBeforeUnload: true });
  const dialog = await question;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
});

test('the back button asks too: staying undoes the move, leaving makes it', async ({ page }) => {
  await page.goto(`/agents/${DEMO}`);
  await page.getByRole('link', { name: 'Edit Sandbox variables' }).click();
  await page.getByLabel('Persona name').fill('Unsaved name');

  await page.goBack();
  const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(leave).toBeVisible();
  await leave.getByRole('button', { name: 'Stay and keep editing' }).click();
  await expect(page).toHaveURL(editor('sandbox'));
  await expect(page.getByLabel('Persona name')).toHaveValue('Unsaved name');

  await page.goBack();
  await leave.getByRole('button', { name: 'Discard and leave' }).click();
  await expect(page).toHaveURL(`/agents/${DEMO}`);
  await expect(page.getByRole('heading', { name: 'Sandbox', level: 2 })).toBeVisible();
});

test('discarding and leaving navigates away and drops the edit', async ({ page, request }) => {
  await page.goto(editor('live'));
  await page.getByLabel('Persona name').fill('Never saved');
  await page.getByRole('navigation', { name: 'Environment' }).getByRole('link', { name: 'Sandbox' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Discard and leave' }).click();
  await expect(page).toHaveURL(editor('sandbox'));
  expect((await (await request.get(pageUrl('live'))).json()).variables.agent_persona_name).toBe('Ava');
});

test('offline: Save is disabled and says why; back online it works', async ({ page, context }) => {
  await page.goto(editor('sandbox'));
  await page.getByLabel('Persona name').fill('Offline edit');
  await context.setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: /You are offline: saving is off/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
  await context.setOffline(false);
  await expect(page.getByRole('button', { name: 'Save' })).toBeEnabled();
  await saveVia(page, 'Sandbox');
  await expect(page.getByText('Saved 1 key.')).toBeVisible();
});

test('a reload keeps unsaved edits: the draft is restored and says from when', async ({ page }) => {
  await page.goto(editor('pre-release'));
  await page.getByLabel('Persona name').fill('Survives reload');
  await expect
    .poll(() => page.evaluate<string | null>(`localStorage.getItem('switchboard.draft:${DEMO}:pre-release')`))
    .toContain('Survives reload');
  page.on('dialog', (dialog) => dialog.accept()); // the browser's "leave page?" question
  await page.reload();
  await expect(page.getByLabel('Persona name')).toHaveValue('Survives reload');
  await expect(page.getByText(/Restored 1 unsaved change from/)).toBeVisible();
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByLabel('Persona name')).not.toHaveValue('Survives reload');
  expect(await page.evaluate(`localStorage.getItem('switchboard.draft:${DEMO}:pre-release')`)).toBeNull();
});
