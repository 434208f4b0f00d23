import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe.ts';

const AGENT = 'PROJECT-RIVERSIDE';
const pageUrl = (env: string) => `/v1/agents/${AGENT}/real-time-configs/${env}`;
const editorUrl = (env: string) => `/agents/${AGENT}/configs/${env}/schema`;

test.afterEach(async ({ request }) => {
  await request.delete('/__emulator/faults');
});

/** Replaces the whole JSON draft, as a paste would. */
async function replaceDraft(page: Page, text: string) {
  await page.getByLabel('Schema as JSON').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

test('add a property: the preview and blast radius follow, the review lists it, and the variables form gains the field', async ({
  page,
  request,
}) => {
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
  await expect(radius.getByRole('listitem', { name: 'Pre-release values' })).toContainText(
    'appointment_reminder_hours fails: Must be at most 12.',
  );
  await expect(radius.getByRole('listitem', { name: 'Sandbox values' })).toContainText(
    'waitlist_enabled is stored but not in the schema',
  );
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
  await expect(page.getByRole('region', { name: 'Problems' }).getByRole('alert')).toContainText(
    'Invalid JSON at line 3, column 1',
  );
  await expect(page.getByRole('button', { name: 'Review and save…' })).toBeDisabled();
  await replaceDraft(page, '{ "type": "strin", "properties": { "a": { "minimum": "one" } } }');
  const problems = page.getByRole('region', { name: 'Problems' }).getByRole('alert');
  await expect(problems).toContainText('Not a valid Draft 7 schema at /type');
  await expect(problems).toContainText('/properties/a/minimum');
  await expect(page.locator('.cm-lintRange-error')).toHaveText(['"type": "strin"', '"minimum": "one"']);
  await expect(page.getByRole('button', { name: 'Review and save…' })).toBeDisabled();
  expect(writes).toBe(0);
});

test('every valid Draft 7 pattern is accepted (lookahead included); one that is not a regular expression is marked where it is', async ({
  page,
}) => {
  await page.goto(editorUrl('live'));
  await replaceDraft(
    page,
    '{ "type": "object", "properties": { "promo_code": { "type": "string", "pattern": "^(?=.*\\\\d)[A-Z0-9]{4,12}$" } } }',
  );
  await expect(page.getByText('✓ Valid Draft 7 schema.')).toBeVisible();
  await replaceDraft(
    page,
    '{ "type": "object", "properties": { "promo_code": { "type": "string", "pattern": "^(A|B" } } }',
  );
  const problems = page.getByRole('region', { name: 'Problems' }).getByRole('alert');
  await expect(problems).toContainText('/properties/promo_code/pattern');
  await expect(problems).toContainText('is not a valid regular expression');
  await expect(page.locator('.cm-lintRange-error')).toHaveText(['"pattern": "^(A|B"']);
  await expect(page.getByRole('button', { name: 'Review and save…' })).toBeDisabled();
});

test('the draft survives a reload; a schema changed meanwhile is shown and nothing of ours is written', async ({
  page,
  request,
}) => {
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
  await expect(dialog.getByRole('alert')).toContainText(
    'Sandbox’s schema changed since you opened it. Nothing was sent.',
  );
  await expect(dialog.getByLabel('Schema on the server')).toContainText('"Theirs"');
  expect((await (await request.get(pageUrl('sandbox'))).json()).schema.title).toBe('Theirs');
  await dialog.getByRole('button', { name: 'Review against the new version' }).click();
  await page.getByRole('button', { name: 'Review and save…' }).click();
  await expect(page.getByRole('dialog')).toContainText('Only wording changes');
});

test('copy a schema to two environments, one failing: both outcomes are reported and only one changed', async ({
  page,
  request,
}) => {
  await page.goto(`/agents/${AGENT}`);
  await expect(page.getByRole('region', { name: 'Sandbox' })).toContainText('◆ differs from Pre-release, Live');
  await page.getByRole('link', { name: 'Edit Sandbox schema' }).click();
  await expect(page.getByText('✓ Valid Draft 7 schema.')).toBeVisible();
  const sandboxSchema = (await (await request.get(pageUrl('sandbox'))).json()).schema;
  const preReleaseBefore = (await (await request.get(pageUrl('pre-release'))).json()).schema;

  await page.getByRole('button', { name: 'Copy to other environments…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Copy this schema to other environments' });
  await dialog.getByRole('checkbox', { name: /Pre-release/ }).check();
  await dialog.getByRole('checkbox', { name: /Live/ }).check();
  await expect(dialog.getByRole('listitem', { name: 'Live values' })).toContainText('✓ every stored value fits');
  await dialog.getByLabel(/Type live to confirm/).fill('live');
  // The first write (pre-release) fails on the server; the second goes through.
  await request.post('/__emulator/faults', { data: { fail: { count: 1, status: 500, match: 'writes' } } });
  await dialog.getByRole('button', { name: 'Copy to Pre-release and Live' }).click();

  const results = page.getByRole('dialog', { name: '1 of 2 copied, 1 failed' });
  await expect(results.getByRole('listitem').filter({ hasText: 'Pre-release' })).toContainText(
    '✕ Pre-release: not saved',
  );
  await expect(results.getByRole('listitem').filter({ hasText: 'Live' })).toContainText('✓ Live: schema saved');
  expect((await (await request.get(pageUrl('live'))).json()).schema).toEqual(sandboxSchema);
  expect((await (await request.get(pageUrl('pre-release'))).json()).schema).toEqual(preReleaseBefore);
});

test('the property builder edits the same draft: the preview and blast radius follow, nothing is sent', async ({
  page,
}) => {
  let writes = 0;
  page.on('request', (r) => void (r.method() === 'PUT' && writes++));
  await page.goto('/agents/PROJECT-HARBOURVIEW/configs/pre-release/schema');
  await page.getByText('Property builder (no JSON needed)').click();
  await page.getByRole('button', { name: 'Add a property' }).click();
  const form = page.getByRole('form', { name: 'New property' });
  await form.getByLabel('Name').fill('vip_line');
  await form.getByLabel('Title').fill('VIP line');
  await form.getByLabel('Required').check();
  await form.getByRole('button', { name: 'Add to the draft' }).click();

  await expect(page.getByRole('region', { name: /Preview/ }).getByLabel(/VIP line/)).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'Live values' })).toContainText(
    'vip_line is required but not stored',
  );
  await page.getByRole('button', { name: 'Edit speaking_rate' }).click();
  const edit = page.getByRole('form', { name: 'Edit speaking_rate' });
  await expect(edit.getByLabel('Maximum')).toHaveValue('2');
  await edit.getByLabel('Maximum').fill('0.9');
  await edit.getByRole('button', { name: 'Apply to the draft' }).click();
  await expect(page.getByRole('listitem', { name: 'Sandbox values' })).toContainText(
    'speaking_rate fails: Must be at most 0.9.',
  );
  // The editor draws only the lines on screen; the draft it keeps for a reload holds the whole text.
  await expect
    .poll(() =>
      page.evaluate(
        `JSON.parse(localStorage.getItem('switchboard.schema-draft:PROJECT-HARBOURVIEW:pre-release')).text`,
      ),
    )
    .toContain('"maximum": 0.9');
  expect(writes).toBe(0);
});
