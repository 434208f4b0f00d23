import { expect, test } from '@playwright/test';

const SCALE = '/agents/PROJECT-SCALE/configs/sandbox';
const pageUrl = '/v1/agents/PROJECT-SCALE/real-time-configs/sandbox';

test('a 2,000-key config: edit a key near the end and save exactly that key', async ({ page, request }) => {
  const before = (await (await request.get(pageUrl)).json()).variables;
  await page.goto(SCALE);
  await expect(page.getByLabel('Setting 2', { exact: true })).toBeVisible();
  await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
  const late = page.locator('#root_setting_1998');
  await late.fill('Edited near the end');
  await expect(page.getByText('1 unsaved change')).toBeVisible();

  const patch = page.waitForRequest((r) => r.method() === 'PATCH');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Save to Sandbox' }).click();
  expect((await patch).postDataJSON()).toEqual({ variables: { setting_1998: 'Edited near the end' } });
  await expect(page.getByText('Saved 1 key.')).toBeVisible();
  const after = (await (await request.get(pageUrl)).json()).variables;
  expect(after).toEqual({ ...before, setting_1998: 'Edited near the end' });
});

test('a 2,000-key config: an invalid value far up the page is reported, scrolled to and focused on Save', async ({
  page,
}) => {
  await page.goto(SCALE);
  const early = page.locator('#root_setting_0001');
  await early.fill('5000'); // at most 101
  await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
  await expect(early).toHaveCount(0); // scrolled out of the rendered window

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '1 field needs attention' })).toBeVisible();
  await expect(page.locator('#root_setting_0001')).toBeFocused();
  await expect(page.getByText('Must be at most 101.').first()).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Scrolled away again, the summary's entry brings the field back and focuses it.
  await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
  await expect(page.locator('#root_setting_0001')).toHaveCount(0);
  await page.getByRole('button', { name: 'Setting 2: Must be at most 101.' }).click();
  await expect(page.locator('#root_setting_0001')).toBeFocused();
});

test('a 2,000-key config: find a field by title; an error elsewhere clears the search and is shown on Save', async ({
  page,
}) => {
  await page.goto(SCALE);
  await page.locator('#root_setting_0001').fill('5000'); // at most 101
  await page.getByLabel('Find a field').fill('Setting 1999');
  await expect(page.getByText('1 of 2000 keys match')).toBeVisible();
  const found = page.locator('#root_setting_1998');
  await expect(found).toBeVisible();
  await found.fill('Found by search');

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByLabel('Find a field')).toHaveValue('');
  await expect(page.locator('#root_setting_0001')).toBeFocused();
  await expect(page.getByText('2 unsaved changes')).toBeVisible();
});

test('a 2,000-key page: Ctrl/Cmd+F goes to “Find a field” (the browser’s find cannot see undrawn fields); pressed again, the browser’s own', async ({
  page,
}) => {
  await page.goto('/agents/PROJECT-SCALE/configs/sandbox');
  const find = page.getByLabel('Find a field');
  await expect(find).toBeVisible();
  await page.locator('body').click();
  await page.keyboard.press('ControlOrMeta+f');
  await expect(find).toBeFocused();
  const taken = await page.evaluate<boolean>(`(() => {
    const event = new KeyboardEvent('keydown', { key: 'f', ctrlKey: true, bubbles: true, cancelable: true });
    document.getElementById('field-search').dispatchEvent(event);
    return event.defaultPrevented;
  })()`);
  expect(taken).toBe(false);
});
