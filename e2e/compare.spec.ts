import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe.ts';

// The clinic agent: its sandbox schema allows a waiting list the other environments' schemas do not.
const AGENT = 'PROJECT-RIVERSIDE';
const pageUrl = (env: string) => `/v1/agents/${AGENT}/real-time-configs/${env}`;
const row = (page: Page, key: string) =>
  page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: key }) });

test('the overview links each drift figure into the compare view, filtered to it', async ({ page }) => {
  await page.goto(`/agents/${AGENT}`);
  const drift = page.getByRole('region', { name: 'Drift between environments' });
  await expect(drift.getByText('Pre-release ↔ Live:')).toContainText('1 key differs');
  await drift.getByRole('link', { name: '2 keys differ' }).click();

  await expect(page).toHaveURL(/\/compare\?envs=sandbox%2Cpre-release&show=differs$/);
  await expect(page.getByRole('columnheader')).toHaveText(['', 'Key', 'Sandbox', 'Pre-release', 'Status']);
  await expect(page.getByText(/2\s+of 17 keys differ between Sandbox, Pre-release/)).toBeVisible();
  await expect(row(page, 'appointment_reminder_hours')).toContainText('≠ Differs');
  await expect(row(page, 'waitlist_enabled')).toContainText('Missing in Pre-release');
  await expect(row(page, 'greeting_message')).toHaveCount(0);
  await page.getByText('2 schema differences').click();
  await expect(page.getByText('maximum: 96 (Sandbox) · 72 (Pre-release)')).toBeVisible();
  await expectAccessible(page);
});

test('filters and search live in the URL: a shared link restores the same view', async ({ page }) => {
  await page.goto(`/agents/${AGENT}/compare`);
  await expect(page.getByText(/3\s+of 17 keys differ/)).toBeVisible();
  await page.getByLabel('Only differences').check();
  await page.getByLabel('Search keys and values').fill('reminder');
  await page.getByRole('button', { name: 'Move Live left' }).click();
  await expect(page).toHaveURL(/envs=sandbox%2Clive%2Cpre-release&show=differs&q=reminder/);
  await expect(page.getByRole('row')).toHaveCount(2); // the header and appointment_reminder_hours

  await page.goto(page.url());
  await expect(page.getByLabel('Search keys and values')).toHaveValue('reminder');
  await expect(page.getByLabel('Only differences')).toBeChecked();
  await expect(page.getByRole('columnheader')).toHaveText(['', 'Key', 'Sandbox', 'Live', 'Pre-release', 'Status']);
  await expect(row(page, 'appointment_reminder_hours')).toBeVisible();
});

test('promote one key from sandbox to pre-release, then undo it', async ({ page, request }) => {
  const before = (await (await request.get(pageUrl('pre-release'))).json()).variables;
  await page.goto(`/agents/${AGENT}/compare?show=differs`);
  await page.getByLabel('Select appointment_reminder_hours').check();
  const bar = page.getByRole('region', { name: 'Promote selected rows' });
  await bar.getByLabel('Copy from').selectOption('sandbox');
  await bar.getByLabel('to').selectOption('pre-release');
  await bar.getByRole('button', { name: 'Promote…' }).click();

  const dialog = page.getByRole('dialog', { name: 'Promote appointment_reminder_hours from Sandbox to Pre-release' });
  await expect(dialog.getByLabel('appointment_reminder_hours before')).toHaveText('24');
  await expect(dialog.getByLabel('appointment_reminder_hours after')).toHaveText('48');
  await expect(dialog.getByText('✓ The result satisfies Pre-release’s schema.')).toBeVisible();
  await expectAccessible(page);
  const patch = page.waitForRequest((r) => r.method() === 'PATCH');
  await dialog.getByRole('button', { name: 'Promote to Pre-release' }).click();
  expect((await patch).postDataJSON()).toEqual({ variables: { appointment_reminder_hours: 48 } });
  // Focus lands on what happened, whose next control undoes it.
  await expect(
    page.getByRole('status').filter({ hasText: '✓ Promoted appointment_reminder_hours from Sandbox to Pre-release.' }),
  ).toBeFocused();
  const after = (await (await request.get(pageUrl('pre-release'))).json()).variables;
  expect(after).toEqual({ ...before, appointment_reminder_hours: 48 });
  await expect(row(page, 'appointment_reminder_hours').getByRole('cell')).toHaveText([
    '',
    'Sandbox: 48',
    'Pre-release: 48',
    'Live: 24',
    '≠ Differs',
  ]);

  await page.getByRole('button', { name: 'Undo' }).click();
  const undo = page.getByRole('dialog', { name: /Undo: put Pre-release’s previous values back/ });
  await expect(undo.getByLabel('appointment_reminder_hours after')).toHaveText('24');
  await undo.getByRole('button', { name: 'Undo in Pre-release' }).click();
  const undone = page.getByRole('status').filter({ hasText: 'Undone' });
  await expect(undone).toHaveText(/appointment_reminder_hours is back to its previous value in Pre-release/);
  await expect(undone).toBeFocused();
  expect((await (await request.get(pageUrl('pre-release'))).json()).variables).toEqual(before);
});

test('a promotion the target schema refuses is explained and never sent', async ({ page }) => {
  let writes = 0;
  page.on('request', (r) => void (r.method() === 'PATCH' && writes++));
  await page.goto(`/agents/${AGENT}/compare?show=differs`);
  await row(page, 'waitlist_enabled').getByRole('button', { name: 'Sandbox: true' }).click();
  const diff = page.getByRole('dialog', { name: 'waitlist_enabled' });
  await expect(diff.getByRole('table')).toContainText('not set');
  await diff.getByRole('button', { name: 'Copy Sandbox → Pre-release…' }).click();

  const dialog = page.getByRole('dialog', { name: 'Promote waitlist_enabled from Sandbox to Pre-release' });
  await expect(dialog.getByRole('alert')).toContainText('Pre-release’s schema refuses the result');
  await expect(dialog.getByRole('alert')).toContainText(
    '/waitlist_enabled: “waitlist_enabled” is not a field this schema allows.',
  );
  await expect(dialog.getByRole('button', { name: 'Promote to Pre-release' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(writes).toBe(0);
});

test('the keyboard walks the differences and opens the promotion; live needs its name typed', async ({ page }) => {
  await page.goto(`/agents/${AGENT}/compare?envs=pre-release,live`);
  await expect(page.getByText(/1\s+of 16 keys differ/)).toBeVisible();
  await page.keyboard.press('j');
  await expect(page.getByRole('status').filter({ hasText: 'Difference 1 of 1' })).toHaveText(
    /new_patient_registration_open: differs/,
  );
  await expect(row(page, 'new_patient_registration_open')).toBeFocused();
  await page.keyboard.press('j');
  await expect(page.getByRole('status').filter({ hasText: 'No more differences below.' })).toBeAttached();
  await page.keyboard.press('x');
  await expect(page.getByLabel('Select new_patient_registration_open')).toBeChecked();
  await page.keyboard.press('p');
  const dialog = page.getByRole('dialog', { name: 'Promote new_patient_registration_open from Pre-release to Live' });
  const send = dialog.getByRole('button', { name: 'Promote to Live' });
  await expect(dialog.getByText('✓ The result satisfies Live’s schema.')).toBeVisible();
  await expect(send).toBeDisabled();
  await dialog.getByLabel(/Type live to confirm/).fill('live');
  await expect(send).toBeEnabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
});

test('the target changed since the view loaded: the change is shown and nothing is sent', async ({ page, request }) => {
  await page.goto(`/agents/${AGENT}/compare?envs=sandbox,pre-release&show=differs`);
  await page.getByLabel('Select appointment_reminder_hours').check();
  await page.getByRole('region', { name: 'Promote selected rows' }).getByRole('button', { name: 'Promote…' }).click();
  const dialog = page.getByRole('dialog', { name: /Promote appointment_reminder_hours/ });
  await expect(dialog.getByText('✓ The result satisfies Pre-release’s schema.')).toBeVisible();

  // Someone else changes the same key in pre-release meanwhile.
  await request.patch(`${pageUrl('pre-release')}/variables`, {
    data: { variables: { appointment_reminder_hours: 12 } },
  });
  await dialog.getByRole('button', { name: 'Promote to Pre-release' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'Pre-release changed since this view was loaded. Nothing was sent.',
  );
  await expect(dialog.getByRole('alert')).toContainText('appointment_reminder_hours is now 12');
  expect((await (await request.get(pageUrl('pre-release'))).json()).variables.appointment_reminder_hours).toBe(12);

  await dialog.getByRole('button', { name: 'Review again with current values' }).click();
  await expect(page.getByRole('dialog').getByLabel('appointment_reminder_hours before')).toHaveText('12');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await request.patch(`${pageUrl('pre-release')}/variables`, {
    data: { variables: { appointment_reminder_hours: 24 } },
  });
});

test('a changed sentence marks the words that changed, not the whole line', async ({ page }) => {
  await page.goto('/agents/PROJECT-HARBOURVIEW/compare?show=differs');
  await row(page, 'greeting_message').getByRole('cell').nth(2).getByRole('button').click();
  const dialog = page.getByRole('dialog', { name: 'greeting_message' });
  await dialog.getByLabel('Left').selectOption('sandbox');
  await dialog.getByLabel('Right').selectOption('live');
  await expect(dialog.locator('del').first()).toBeVisible();
  await expect(dialog.locator('ins').first()).toBeVisible();
  // Words both share are not marked.
  await expect(dialog.locator('del, ins').filter({ hasText: 'Harbourview' })).toHaveCount(0);
  await expectAccessible(page);
});
