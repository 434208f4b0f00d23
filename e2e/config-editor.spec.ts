import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe.ts';

const DEMO = 'PROJECT-HARBOURVIEW';
const pageUrl = (env: string) => `/v1/agents/${DEMO}/real-time-configs/${env}`;

test('edit a field in sandbox, save, reload: the value persisted and nothing else changed', async ({
  page,
  request,
}) => {
  const before = await (await request.get(pageUrl('sandbox'))).json();
  await page.goto(`/agents/${DEMO}`);
  await page.getByRole('link', { name: 'Edit Sandbox variables' }).click();
  await expect(page.getByRole('heading', { name: 'Edit variables' })).toBeVisible();
  await expectAccessible(page);

  const persona = page.getByLabel('Persona name');
  await persona.fill('Beatrice');
  await expect(page.getByText('1 unsaved change')).toBeVisible();

  const patchSent = page.waitForRequest((r) => r.method() === 'PATCH');
  await page.getByRole('button', { name: 'Save' }).click();
  const dialog = page.getByRole('dialog', { name: /Review 1 change to Sandbox/ });
  await expect(dialog.getByLabel('agent_persona_name after')).toHaveText('"Beatrice"');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Save to Sandbox' }).click();
  expect((await patchSent).postDataJSON()).toEqual({ variables: { agent_persona_name: 'Beatrice' } });
  // Focus lands on what happened, and the next Tab is the way to the result.
  const outcome = page.getByRole('status').filter({ hasText: 'Saved 1 key.' });
  await expect(outcome).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(outcome.getByRole('link', { name: 'See it in the history' })).toBeFocused();

  await page.reload();
  await expect(page.getByLabel('Persona name')).toHaveValue('Beatrice');
  const after = await (await request.get(pageUrl('sandbox'))).json();
  expect(after.variables).toEqual({ ...before.variables, agent_persona_name: 'Beatrice' });
  await expect(page.getByTestId('last-updated').locator('time')).toHaveAttribute('datetime', after.lastUpdated);
});

test('a value that breaks the schema is flagged on its field and never sent', async ({ page }) => {
  let writes = 0;
  page.on('request', (r) => {
    if (r.method() !== 'GET') writes++;
  });
  await page.goto(`/agents/${DEMO}/configs/pre-release`);
  const promo = page.getByLabel('Promo code of the month');
  await promo.fill('not valid!');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Expected: 4–12 capital letters or digits.').first()).toBeVisible();
  await expect(promo).toBeFocused();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(writes).toBe(0);
});

test('a deep link to an editor loads directly, and switching environments keeps the URL in step', async ({ page }) => {
  await page.goto(`/agents/${DEMO}/configs/live`);
  await expect(page.getByText('You are editing live')).toBeVisible();
  await expect(page.getByLabel('Promo code of the month')).toHaveValue('AUTUMN24');
  await page.getByRole('navigation', { name: 'Environment' }).getByRole('link', { name: 'Pre-release' }).click();
  await expect(page).toHaveURL(`/agents/${DEMO}/configs/pre-release`);
  await expect(page.getByLabel('Promo code of the month')).toHaveValue('WINTER25');
});

test('saving to live asks for the word "live" first', async ({ page, request }) => {
  await page.goto(`/agents/${DEMO}/configs/live`);
  await page.getByLabel('Silence timeout (seconds)').fill('9');
  await page.getByRole('button', { name: 'Save' }).click();
  const confirm = page.getByRole('button', { name: 'Save to Live' });
  await expect(confirm).toBeDisabled();
  await page.getByLabel(/Type live to confirm/).fill('live');
  await confirm.click();
  await expect(page.getByText('Saved 1 key.')).toBeVisible();
  expect((await (await request.get(pageUrl('live'))).json()).variables.silence_timeout_seconds).toBe(9);
});

test('the JSON view edits the same draft as the form; values that break the schema are marked at their line and never sent', async ({
  page,
}) => {
  const patches: unknown[] = [];
  page.on('request', (r) => void (r.method() === 'PATCH' && patches.push(r.postDataJSON())));
  await page.goto(`/agents/${DEMO}/configs/pre-release`);
  await expect(page.getByLabel('Persona name')).toHaveValue('Ava');
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  const json = page.getByLabel('Variables as JSON');
  await expect(json).toBeVisible();
  const values = await (await page.request.get(pageUrl('pre-release'))).json();

  await json.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(JSON.stringify({ ...values.variables, silence_timeout_seconds: 99 }, null, 2));
  await expect(page.getByRole('list', { name: 'Schema errors' })).toContainText(
    '/silence_timeout_seconds: Must be at most 30.',
  );
  // …and marked in the text on the line that holds the value (CodeMirror draws only what is near the screen).
  await page.keyboard.press('ControlOrMeta+Home');
  await expect(page.locator('.cm-lintRange-error')).toHaveText('"silence_timeout_seconds": 99');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Not saved: fix the schema errors listed under the JSON first.')).toBeVisible();

  await json.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(JSON.stringify({ ...values.variables, agent_persona_name: 'Jules' }, null, 2));
  await expect(page.getByText('✓ Valid JSON that satisfies the schema.')).toBeVisible();
  await expect(page.getByText('1 unsaved change')).toBeVisible();
  await page.getByRole('button', { name: 'Form', exact: true }).click();
  await expect(page.getByLabel('Persona name')).toHaveValue('Jules');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Save to Pre-release' }).click();
  await expect(page.getByText('Saved 1 key.')).toBeVisible();
  expect(patches).toEqual([{ variables: { agent_persona_name: 'Jules' } }]);
});

test('export downloads the stored variables; import fills the draft and is reviewed like any edit', async ({
  page,
}) => {
  await page.goto(`/agents/${DEMO}/configs/pre-release`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${DEMO}-pre-release-variables.json`);
  const exported = JSON.parse(await (await import('node:fs/promises')).readFile((await file.path())!, 'utf8'));
  expect(exported).toEqual((await (await page.request.get(pageUrl('pre-release'))).json()).variables);

  await page
    .getByLabel('Import JSON…')
    .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ "promo_code": ') });
  await expect(page.getByRole('alert').filter({ hasText: 'Not imported' })).toBeVisible();
  await page.getByLabel('Import JSON…').setInputFiles({
    name: 'spring.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{ "promo_code": "SPRING26" }'),
  });
  await expect(page.getByText('Imported 1 key from spring.json into the draft.', { exact: false })).toBeVisible();
  await expect(page.getByLabel('Promo code of the month')).toHaveValue('SPRING26');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('dialog').getByLabel('promo_code after')).toHaveText('"SPRING26"');
  await page.getByRole('button', { name: 'Keep editing' }).click();
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByLabel('Promo code of the month')).toHaveValue('WINTER25');
});

test('the review warns when a nested object is sent whole, naming what is sent again unchanged', async ({ page }) => {
  await page.goto(`/agents/${DEMO}/configs/sandbox`);
  await page.getByLabel('Weekdays close').fill('22:30');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /Review 1 change to Sandbox/ });
  // The nested change reads as one line, path and both values, not two blobs of JSON.
  await expect(dialog.getByRole('list', { name: 'business_hours changes' }).getByRole('listitem')).toHaveText([
    'weekday_close"23:00" → "22:30"',
  ]);
  await expect(dialog.getByLabel('business_hours after')).toBeHidden();
  await expect(dialog.getByText(/saves all of it/)).toHaveText(
    '⚠ Saving business_hours saves all of it: weekday_close changes; timezone, weekday_open, weekend_open, weekend_close, closed_on_public_holidays are saved again as they are, over any change made meanwhile (the API replaces top-level keys whole).',
  );
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByLabel('Weekdays close')).toHaveValue('23:00');
});

test('each key says whether it is not set, null or set; clearing is a deliberate "set to null" shown in the review', async ({
  page,
  request,
}) => {
  await page.goto('/agents/PROJECT-RIVERSIDE/configs/live');
  await expect(page.locator('[data-key-state="speaking_rate"]')).toContainText('Not set');

  await page.goto(`/agents/${DEMO}/configs/pre-release`);
  const bar = page.locator('[data-key-state="holiday_message"]');
  await page.getByLabel('Holiday message').fill('');
  await expect(bar).toContainText('Emptied');
  await expect(page.getByRole('alert').filter({ hasText: 'An emptied key cannot be saved' })).toBeVisible();
  await page.getByRole('button', { name: 'Set holiday_message to null', exact: true }).click();
  await expect(bar).toContainText('Edited: set to null');

  const patchSent = page.waitForRequest((r) => r.method() === 'PATCH');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /Review 1 change to Pre-release/ });
  await expect(dialog.getByLabel('holiday_message after')).toHaveText('null');
  await dialog.getByRole('button', { name: 'Save to Pre-release' }).click();
  expect((await patchSent).postDataJSON()).toEqual({ variables: { holiday_message: null } });
  await page.reload();
  await expect(bar).toContainText('null');
  await expect(bar.getByRole('button', { name: 'Set holiday_message to null' })).toHaveCount(0);

  // Undo from the list of unsaved changes puts the stored value back.
  await page.getByLabel('Holiday message').fill('Closed on Boxing Day');
  await page
    .getByRole('list', { name: 'Unsaved changes' })
    .getByRole('button', { name: 'Undo holiday_message' })
    .click();
  await expect(page.getByText('No unsaved changes')).toBeVisible();
  await request.patch(`${pageUrl('pre-release')}/variables`, {
    data: { variables: { holiday_message: 'Our restaurant is open on Christmas Day; ask me to book a table.' } },
  });
});

test('a nested section collapses and expands; a collapsed section with an error opens on Save', async ({ page }) => {
  await page.goto(`/agents/${DEMO}/configs/sandbox`);
  await page.getByLabel('Weekdays close').fill('25:00');
  await page.getByRole('button', { name: 'Collapse business_hours' }).click();
  await expect(page.getByLabel('Weekdays close')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Expand business_hours' })).toHaveAttribute('aria-expanded', 'false');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByLabel('Weekdays close')).toBeFocused();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'Discard changes' }).click();
});

test('a dialog closed with Escape gives focus back to what opened it', async ({ page }) => {
  await page.goto('/agents/PROJECT-HARBOURVIEW/configs/sandbox');
  await page.getByLabel('Persona name').fill('Focus test');
  const save = page.getByRole('button', { name: 'Save', exact: true });
  await save.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: /Review 1 change/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(save).toBeFocused();
});

test('after moving to another page, focus is on its heading', async ({ page }) => {
  await page.goto('/agents/PROJECT-HARBOURVIEW');
  await page.getByRole('link', { name: 'Edit Sandbox variables' }).click();
  await expect(page.getByRole('heading', { name: 'Edit variables', level: 1 })).toBeFocused();
});
