import { expect, test } from '@playwright/test';

// Runs last among the emulator journeys (file order): it leaves an extra key in Riverside's sandbox.
const page_ = '/v1/agents/PROJECT-RIVERSIDE/real-time-configs/sandbox';

test('a value whose check would backtrack for ever is reported as not checked in time, and the page stays usable', async ({
  page,
  request,
}) => {
  const original = (await (await request.get(page_)).json()).schema;
  // A value stored before the schema that makes it hostile (saving a schema does not re-check stored values).
  expect((await request.put(`${page_}/schema`, { data: { schema: { type: 'object' } } })).status()).toBe(200);
  expect(
    (await request.patch(`${page_}/variables`, { data: { variables: { code: `${'a'.repeat(40)}!` } } })).status(),
  ).toBe(200);
  const hostile = { type: 'object', properties: { code: { type: 'string', pattern: '^(?=a)(a+)+$' } } };
  expect((await request.put(`${page_}/schema`, { data: { schema: hostile } })).status()).toBe(200);
  try {
    await page.goto('/agents/PROJECT-RIVERSIDE');
    const card = page.getByRole('region', { name: 'Sandbox' });
    await expect(card.getByText('Checking…')).toBeVisible();
    // The tab is not frozen meanwhile (the check runs in a worker): the theme still switches.
    const html = page.locator('html');
    const dark = await html.evaluate((el) => el.classList.contains('dark'));
    await page.getByRole('button', { name: /theme/i }).first().click();
    await expect(html).toHaveClass(dark ? /^(?!.*\bdark\b)/ : /\bdark\b/);
    // The check worker is stopped at its deadline (3 s) and says so, instead of "Checking…" for ever; the checks
    // queued behind it run on a fresh worker.
    await expect(card.getByText('✕ 1 error')).toBeVisible({ timeout: 10_000 });
    await expect(card.locator('[title*="could not be checked within 3 s"]')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Live' }).getByText('✓ Valid')).toBeVisible();
  } finally {
    await request.put(`${page_}/schema`, { data: { schema: original } });
  }
});
