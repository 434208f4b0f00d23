import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe.ts';

const AGENT = 'PROJECT-RIVERSIDE';
const pageUrl = (env: string) => `/v1/agents/${AGENT}/real-time-configs/${env}`;
const editorUrl = (env: string) => `/agents/${AGENT}/configs/${env}/schema`;

/** Replaces the whole JSON draft, as a paste would. */
async function replaceDraft(page: Page, text: string) {
  await page.getByLabel('Schema as JSON').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

test('add a property: the preview and blast radius follow, the review lists it, and the variables form gains the field', async ({ page, request }) => {
  const before = await (await request.get(pageUrl('pre-release'))).json();
  const schema = structuredClone(before.schema);
  schema.properties.parking_note = { type: 'string', title: 'Parking note', maxLength: 80 };
  schema.properties.appointment_reminder_hours.maximum = 12;

  await page.goto(editorUrl('pre-release'));
  await expect(page.getByText('✓ Valid Draft 7 schema.')).toBeVisible();
  await replaceDraft(page, JSON.stringify(schema, null, 2));
  const preview = page.getByRole('region', { name: /Preview/ });
  await expect(preview.getByLabel('Parking note')).toBeVisible();
  const radius = page.getByRole('region', { name: /Blast radius/ });
  await expect(radius.getByRole('listitem', { name: 'Pre-release values' })).toContainText('appointment_reminder_hours fails: must be <= 12');
  await expect(radius.getByRole('listitem', { name: 'Sandbox values' })).toContainText('waitlist_enabled is stored but not in the schema');
  await expectAccessible(page);

  // Back within bounds: pre-release's own values fit again.
  schema.properties.appointment_reminder_hours.maximum = 48;
  await replaceDraft(page, JSON.stringify(schema, null, 2));
  await expect(radius.getByRole('listitem', { name: 'Pre-release values' })).toContainText('✓ every stored value fits');
  await page.getByRole('button', { name: 'Review and save…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save the schema of Pre-release' });
  await expect(dialog).toContainText('+ Added parking_note');
  await expect(dialog).toContainText('~ Changed appointment_reminder_hours: maximum: 72 (before) · 48 (after)');
  const put = page.waitForRequest((r) => r.method() === 'PUT');
  await dialog.getByRole('button', { name: 'Save schema to Pre-release' }).click();
  expect((await put).postDataJSON()).toEqual({ schema });
  await expect(page.getByText('✓ Saved the schema of Pre-release.')).toBeVisible();
  expect((await (await request.get(pageUrl('pre-release'))).json()).schema).toEqual(schema);

  await page.getByRole('link', { name: '← Edit Pre-release variables' }).click();
  await expect(page.getByLabel('Parking note')).toBeVisible();
});

test('invalid JSON and an invalid schema are explained where they are, and nothing is sent', async ({ page }) => {
  let writes = 0;
  page.on('request', (r) => void (r.method() === 'PUT' && writes++));
  await page.goto(editorUrl('live'));
  await replaceDraft(page, '{\n  "type": "object",\n}');
  await expect(page.getByRole('region', { name: 'Problems' }).getByRole('alert')).toContainText('Invalid JSON at line 3, column 1');
  await expect(page.getByRole('button', { name: 'Review and save…' })).toBeDisabled();
  await replaceDraft(page, '{ "type": "strin", "properties": { "a": { "minimum": "one" } } }');
  const problems = page.getByRole('region', { name: 'Problems' }).getByRole('alert');
  await expect(problems).toContainText('Not a valid Draft 7 schema at /type');
  await expect(problems).toContainText('/properties/a/minimum');
  await expect(page.getByRole('button', { name: 'Review and save…' })).toBeDisabled();
  expect(writes).toBe(0);
});

test('the draft survives a reload; a schema changed meanwhile is shown and nothing of ours is written', async ({ page, request }) => {
  const current = (await (await request.get(pageUrl('sandbox'))).json()).schema;
  const mine = { ...current, title: 'Mine' };
  await page.goto(editorUrl('sandbox'));
  await replaceDraft(page, JSON.stringify(mine, null, 2));
  await expect(page.getByText('Ready to review.')).toBeVisible();
  await page.reload();
  await expect(page.getByText(/Restored your unsaved draft/)).toBeVisible();
  await expect(page.getByText('Ready to review.')).toBeVisible();

  const theirs = { ...current, title: 'Theirs' };
  await request.put(`${pageUrl('sandbox')}/schema`, { data: { schema: theirs } });
  await page.getByRole('button', { name: 'Review and save…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save the schema of Sandbox' });
  await dialog.getByRole('button', { name: 'Save schema to Sandbox' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Sandbox’s schema changed since you opened it. Nothing was sent.');
  await expect(dialog.getByLabel('Schema on the server')).toContainText('"Theirs"');
  expect((await (await request.get(pageUrl('sandbox'))).json()).schema.title).toBe('Theirs');
  await dialog.getByRole('button', { name: 'Review against the new version' }).click();
  await page.getByRole('button', { name: 'Review and save…' }).click();
  await expect(page.getByRole('dialog')).toContainText('Only wording changes');
});
