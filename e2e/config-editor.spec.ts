import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe.ts';

const DEMO = 'PROJECT-HARBOURVIEW';
const pageUrl = (env: string) => `/v1/agents/${DEMO}/real-time-configs/${env}`;

test('edit a field in sandbox, save, reload: the value persisted and nothing else changed', async ({ page, request }) => {
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
  await expect(page.getByText('Saved 1 key.')).toBeVisible();

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
  await expect(page.getByText('must match pattern "^[A-Z0-9]{4,12}$"').first()).toBeVisible();
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
