import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe.ts';

const DEMO = 'PROJECT-HARBOURVIEW';
const api = (path: string) => `/v1/agents/${DEMO}/telephony/${path}`;

test('the connectors table shows every seeded connector with its documented fields and health', async ({ page }) => {
  await page.goto(`/agents/${DEMO}`);
  await page.getByRole('navigation', { name: 'Agent' }).getByRole('link', { name: 'Connectors' }).click();
  const table = page.getByRole('table', { name: 'Connectors' });
  await expect(table.getByRole('row')).toHaveCount(8); // header + 7 connectors
  const spanish = table.getByRole('row', { name: /Spanish line/ });
  await expect(spanish.getByText('unassigned')).toBeVisible();
  await expect(spanish.getByText('es-ES-Neural2-B')).toBeVisible();
  await expect(table.getByRole('row', { name: /Sandbox test line/ }).getByText('disabled')).toBeVisible();
  await expect(table.getByRole('row', { name: /French pilot/ })).toContainText('ASR ≠ voice language');
  await expect(table.getByRole('row', { name: /German sandbox/ })).toContainText('No phone numbers');
  await expectAccessible(page);
});

test('search, filters and sort live in the URL, so a filtered view can be shared', async ({ page }) => {
  await page.goto(`/agents/${DEMO}/connectors?env=pre-release`);
  const envFilter = page.getByRole('combobox', { name: 'Environment' });
  await expect(envFilter).toHaveValue('pre-release');
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(3);
  await envFilter.selectOption('live');
  await page.getByLabel('Search connectors').fill('en-gb');
  await page.getByRole('button', { name: 'Numbers' }).click(); // counts sort largest first
  await expect(page).toHaveURL(/q=en-gb&env=live&sort=-numbers/);
  await expect(page.getByRole('columnheader', { name: 'Numbers' })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByText('Showing 1 of 7 connectors')).toBeVisible();

  await page.goto(`/agents/${DEMO}/connectors?health=any&group=env`);
  await expect(page.getByRole('combobox', { name: 'Health' })).toHaveValue('any');
  await expect(page.getByRole('row', { name: /Pre-release · 1 connector\b/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /French pilot/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /UK main line/ })).toHaveCount(0);
});

test('the connectors search finds a number written the way the console writes it, or the national way', async ({
  page,
}) => {
  await page.goto(`/agents/${DEMO}/connectors`);
  for (const query of ['+44 20 7946 0100', '020 7946 0100']) {
    await page.getByLabel('Search connectors').fill(query);
    await expect(page.getByText('Showing 1 of 7 connectors')).toBeVisible();
    await expect(page.getByRole('row', { name: /UK main line/ })).toBeVisible();
  }
});

test('look up a number written with spaces: its connector opens with the number marked', async ({ page }) => {
  await page.goto(`/agents/${DEMO}/connectors`);
  await page.getByLabel('Which connector answers…').fill('+44 20 7946 0101');
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByRole('heading', { name: 'UK main line', level: 1 })).toBeVisible();
  const numbers = page.getByRole('region', { name: 'Phone numbers' });
  await expect(numbers.getByRole('listitem').filter({ hasText: 'looked up' })).toContainText('+44 20 7946 0101');
  await expect(numbers.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('link', { name: 'Open Live config' })).toHaveAttribute(
    'href',
    `/agents/${DEMO}/configs/live`,
  );
  await expectAccessible(page);
});

test('looking up a number nobody answers, or not a number at all, says so and stays put', async ({ page }) => {
  await page.goto(`/agents/${DEMO}/connectors`);
  const lookup = page.getByRole('search', { name: 'Look up a number' });
  await lookup.getByLabel('Which connector answers…').fill('0044 20 7946 9999');
  await lookup.getByRole('button', { name: 'Look up' }).click();
  await expect(lookup.getByRole('status')).toContainText('+442079469999');
  await lookup.getByLabel('Which connector answers…').fill('call me maybe');
  await lookup.getByRole('button', { name: 'Look up' }).click();
  await expect(lookup.getByRole('status')).toHaveText(
    'A phone number has digits only (spaces, dashes and brackets are fine).',
  );
  await expect(page).toHaveURL(new RegExp(`/agents/${DEMO}/connectors$`));
});

test('the phone numbers tab lists every number readably, found by any notation', async ({ page }) => {
  await page.goto(`/agents/${DEMO}/phone-numbers`);
  await expect(page.getByText('Showing 7 of 7 phone numbers')).toBeVisible();
  await page.getByLabel('Search numbers').fill('020 7946 0180');
  const row = page.getByRole('row', { name: /\+44 20 7946 0180/ });
  await expect(row).toContainText('United Kingdom');
  await expect(row).toContainText('UK pre-release');
  await expect(page).toHaveURL(/q=020\+7946\+0180/);
});

test('edit a voice: the review shows the TTS language following it, and only the voice is sent', async ({
  page,
  request,
}) => {
  await page.goto(`/agents/${DEMO}/connectors/conn_hv_sbx_main`);
  await page.getByLabel('Voice', { exact: true }).fill('en-US-Neural2-F');
  await expect(page.getByText('TTS language: en-US (follows the voice)')).toBeVisible();
  await page.getByRole('button', { name: 'Review changes…' }).click();
  const dialog = page.getByRole('dialog', { name: /Change Sandbox test line/ });
  await expect(dialog).toContainText('TTS language (follows the voice)');
  const patch = page.waitForRequest((r) => r.method() === 'PATCH');
  await dialog.getByRole('button', { name: 'Save connector' }).click();
  expect((await patch).postDataJSON()).toEqual({ voiceName: 'en-US-Neural2-F' });
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveText('✓ Saved. TTS language is en-US.');
  const saved = await (await request.get(api('connectors/conn_hv_sbx_main'))).json();
  expect(saved).toMatchObject({ voiceName: 'en-US-Neural2-F', ttsLangCode: 'en-US', asrLangCode: 'en-GB' });
  await expect(page.getByRole('region', { name: 'Settings' })).toContainText('ASR ≠ voice language');
});

test('move a number to another connector: says what changes, asks for live, and the number follows', async ({
  page,
  request,
}) => {
  await page.goto(`/agents/${DEMO}/connectors/conn_hv_live_us`);
  await page.getByRole('region', { name: 'Phone numbers' }).getByRole('button', { name: 'Move…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move +1 888 555 0142' });
  await dialog.getByLabel('New connector').selectOption('conn_hv_live_es');
  await expect(dialog).toContainText('will be answered by Spanish line instead of US toll-free');
  const move = dialog.getByRole('button', { name: 'Move number' });
  await expect(move).toBeDisabled();
  await dialog.getByLabel(/Type live to confirm/).fill('live');
  await move.click();
  await expect(page.getByRole('region', { name: 'Phone numbers' })).toContainText('No phone number is assigned');
  expect((await (await request.get(api('phone-numbers/+18885550142'))).json()).connectorId).toBe('conn_hv_live_es');
});

test('a batch update reports each connector, the one that failed included', async ({ page, request }) => {
  await page.goto(`/agents/${DEMO}/connectors?env=sandbox`);
  await page.getByLabel('Select all shown connectors').check();
  await page.getByRole('button', { name: 'Edit selected…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit 2 connectors' });
  await dialog.getByRole('checkbox', { name: 'ASR language' }).check();
  await dialog.getByLabel('New ASR language').fill('en-US');
  await expect(dialog.getByRole('list', { name: 'Changes per connector' }).getByRole('listitem')).toHaveCount(2);
  // One of them is deleted by someone else before the batch is sent.
  await request.delete(api('connectors/conn_hv_sbx_de'));
  await dialog.getByRole('button', { name: 'Update 2 connectors' }).click();

  const results = page.getByRole('dialog', { name: '1 of 2 connectors updated, 1 failed' });
  await expect(results.getByRole('listitem').filter({ hasText: 'German sandbox' })).toContainText('✕');
  await expect(results.getByRole('listitem').filter({ hasText: 'German sandbox' })).toContainText(
    'CONNECTORS_NOT_FOUND',
  );
  await expect(results.getByRole('listitem').filter({ hasText: 'Sandbox test line' })).toContainText('✓');
  expect((await (await request.get(api('connectors/conn_hv_sbx_main'))).json()).asrLangCode).toBe('en-US');
});

test('a batch of one speaks of one connector, from the dialog to the result', async ({ page }) => {
  await page.goto(`/agents/${DEMO}/connectors?env=sandbox`);
  await page.getByLabel('Select Sandbox test line').check();
  await page.getByRole('button', { name: 'Edit selected…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit 1 connector' });
  await dialog.getByRole('checkbox', { name: 'ASR language' }).check();
  await dialog.getByLabel('New ASR language').fill('en-GB');
  await expect(dialog).toContainText('1 of 1 connector changes:');
  await dialog.getByRole('button', { name: 'Update 1 connector' }).click();
  await expect(page.getByRole('dialog', { name: 'Updated 1 connector' })).toBeVisible();
});

test('a batch edit checks voices before sending, and says which health problem it would create', async ({ page }) => {
  let writes = 0;
  page.on('request', (r) => {
    if (r.method() !== 'GET') writes++;
  });
  await page.goto(`/agents/${DEMO}/connectors?env=pre-release`);
  await page.getByLabel('Select all shown connectors').check();
  await page.getByRole('button', { name: 'Edit selected…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit 2 connectors' });
  await dialog.getByRole('checkbox', { name: 'Voice' }).check();
  const voice = dialog.getByLabel('New Voice');
  // The voices the agent already uses are offered as the user types.
  await expect(voice).toHaveAttribute('list', 'batch-voices');
  await expect(dialog.locator('#batch-voices option[value="en-GB-Neural2-A"]')).toHaveCount(1);
  await voice.fill('Ava');
  const changes = dialog.getByRole('list', { name: 'Changes per connector' });
  await expect(changes.getByText('✕ Not sent: “Ava” is not a voice name (like en-GB-Neural2-A).')).toHaveCount(2);
  await expect(dialog.getByRole('button', { name: 'Update 2 connectors' })).toBeDisabled();

  await voice.fill('en-US-Neural2-F');
  const uk = changes.getByRole('listitem').filter({ hasText: 'UK pre-release' });
  await expect(uk).toContainText(
    '⚠ Health: callers would be understood in en-GB and answered in en-US (ASR ≠ voice language).',
  );
  // The French pilot is already answered in another language than it hears: nothing new to warn of.
  await expect(changes.getByRole('listitem').filter({ hasText: 'French pilot' })).not.toContainText('⚠ Health');
  await expect(dialog.getByRole('button', { name: 'Update 2 connectors' })).toBeEnabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(writes).toBe(0);
});

test('deleting a connector names the numbers that go with it before anything is sent', async ({ page, request }) => {
  let deletes = 0;
  page.on('request', (r) => void (r.method() === 'DELETE' && deletes++));
  await page.goto(`/agents/${DEMO}/connectors/conn_hv_pre_fr`);
  await page.getByRole('button', { name: 'Delete connector…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete French pilot?' });
  await expect(dialog.getByRole('list', { name: 'Numbers deleted with it' })).toHaveText('+33 1 70 12 34 56');
  const confirm = dialog.getByRole('button', { name: 'Delete connector and 1 number' });
  await expect(confirm).toBeDisabled();
  expect(deletes).toBe(0);
  await dialog.getByLabel(/Type the connector’s name/).fill('French pilot');
  await confirm.click();
  await expect(page).toHaveURL(new RegExp(`/agents/${DEMO}/connectors$`));
  await expect(page.getByRole('row', { name: /French pilot/ })).toHaveCount(0);
  expect((await request.get(api('phone-numbers/+33170123456'))).status()).toBe(404);
});

test('an unknown URL inside the console shows a page-not-found state', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});
