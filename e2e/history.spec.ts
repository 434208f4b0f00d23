import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { expectAccessible } from './axe.ts';

const DEMO = 'PROJECT-HARBOURVIEW';
const pageUrl = (env: string) => `/v1/agents/${DEMO}/real-time-configs/${env}`;
const entries = (page: Page) => page.getByRole('article');
const valueOf = async (request: APIRequestContext, env: string, key: string) =>
  (await (await request.get(pageUrl(env))).json()).variables[key];

test('a save with a note is on the history page: who, why, old → new', async ({ page }) => {
  await page.goto(`/agents/${DEMO}/configs/sandbox`);
  await page.getByLabel('Persona name').fill('Noor');
  await page.getByRole('button', { name: 'Save' }).click();
  const review = page.getByRole('dialog', { name: /Review 1 change to Sandbox/ });
  await review.getByLabel(/Note/).fill('Spring rebrand — ticket OPS-812');
  await expectAccessible(page);
  const sent = page.waitForRequest((r) => r.method() === 'PATCH');
  await review.getByRole('button', { name: 'Save to Sandbox' }).click();
  expect((await sent).headers()['x-switchboard-note']).toBe(encodeURIComponent('Spring rebrand — ticket OPS-812'));
  await expect(page.getByText('Saved 1 key.')).toBeVisible();

  await page.getByRole('navigation', { name: 'Agent' }).getByRole('link', { name: 'History' }).click();
  const latest = entries(page).first();
  await expect(latest).toContainText('Values saved');
  await expect(latest).toContainText('Spring rebrand — ticket OPS-812');
  await expect(latest.getByText('agent_persona_name', { exact: true })).toBeVisible();
  await expect(latest.getByText('"Noor"')).toBeVisible();
  await expectAccessible(page);
});

test('restore a key from three versions back: reviewed against today’s page, sent as a restore', async ({
  page,
  request,
}) => {
  for (const name of ['First', 'Second', 'Third', 'Fourth']) {
    expect(
      (
        await request.patch(`${pageUrl('sandbox')}/variables`, { data: { variables: { agent_persona_name: name } } })
      ).ok(),
    ).toBe(true);
  }
  await page.goto(`/agents/${DEMO}/history?env=sandbox&key=agent_persona_name`);
  // Newest first: Fourth, Third, Second, First. Three versions back from Fourth is First.
  await expect(page.getByRole('heading', { name: 'agent_persona_name' })).toBeVisible();
  const first = entries(page).filter({ hasText: '"First"' }).filter({ hasNotText: '"Second"' });
  await first.getByRole('button', { name: 'Restore this value' }).click();

  const dialog = page.getByRole('dialog', { name: /Restore agent_persona_name as of .* in Sandbox/ });
  await expect(dialog.getByLabel('agent_persona_name before')).toHaveText('"Fourth"');
  await expect(dialog.getByLabel('agent_persona_name after')).toHaveText('"First"');
  await expect(dialog.getByText('✓ The result satisfies Sandbox’s schema.')).toBeVisible();
  const sent = page.waitForRequest((r) => r.method() === 'PATCH');
  await dialog.getByRole('button', { name: 'Restore in Sandbox' }).click();
  const request_ = await sent;
  expect(request_.postDataJSON()).toEqual({ variables: { agent_persona_name: 'First' } });
  expect(request_.headers()['if-match']).toBeTruthy();
  expect(request_.headers()['x-switchboard-kind']).toBe('restore');
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toBeFocused();
  expect(await valueOf(request, 'sandbox', 'agent_persona_name')).toBe('First');
  await expect(entries(page).first()).toContainText('Restored');
});

test('a restore today’s schema refuses is explained with the reasons and never sent', async ({ page, request }) => {
  const schema = (await (await request.get(pageUrl('sandbox'))).json()).schema;
  await request.patch(`${pageUrl('sandbox')}/variables`, {
    data: { variables: { agent_persona_name: 'Concierge Ava of the Bay' } },
  });
  await request.patch(`${pageUrl('sandbox')}/variables`, { data: { variables: { agent_persona_name: 'Ava' } } });
  const narrowed = structuredClone(schema);
  narrowed.properties.agent_persona_name.maxLength = 10;
  expect((await request.put(`${pageUrl('sandbox')}/schema`, { data: { schema: narrowed } })).ok()).toBe(true);
  try {
    await page.goto(`/agents/${DEMO}/history?env=sandbox&key=agent_persona_name`);
    const long = entries(page).filter({ hasText: 'Values saved' }).nth(1);
    await expect(long.getByLabel('agent_persona_name after')).toHaveText('"Concierge Ava of the Bay"');
    let writes = 0;
    page.on('request', (r) => {
      if (r.method() !== 'GET') writes++;
    });
    await long.getByRole('button', { name: 'Restore this value' }).click();
    const dialog = page.getByRole('dialog', { name: /Restore agent_persona_name/ });
    await expect(dialog.getByRole('alert')).toContainText('Sandbox’s schema refuses the result');
    await expect(dialog.getByRole('alert')).toContainText('agent_persona_name');
    await expect(dialog.getByRole('button', { name: 'Restore in Sandbox' })).toBeDisabled();
    await dialog.getByText('Request body').click();
    await expect(dialog.getByLabel('Request body')).toContainText('"agent_persona_name": "Concierge Ava of the Bay"');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(writes).toBe(0);
  } finally {
    await request.put(`${pageUrl('sandbox')}/schema`, { data: { schema } });
  }
});

test('a key’s history from the editor’s field and from a compare row', async ({ page }) => {
  await page.goto(`/agents/${DEMO}/configs/sandbox`);
  await page.getByRole('link', { name: 'History of agent_persona_name' }).click();
  await expect(page).toHaveURL(/\/history\?env=sandbox&key=agent_persona_name$/);
  await expect(page.getByRole('textbox', { name: 'Key', exact: true })).toHaveValue('agent_persona_name');
  const blame = page.getByRole('heading', { name: 'agent_persona_name' }).locator('..');
  await expect(blame).toContainText('Last changed by');
  await expect(blame.getByRole('table', { name: /Values of agent_persona_name over time/ })).toContainText('"First"');

  await page.goto(`/agents/${DEMO}/compare`);
  await page.getByRole('link', { name: 'History of speaking_rate' }).click();
  await expect(page).toHaveURL(/\/history\?key=speaking_rate$/);
  await expect(page.getByRole('heading', { name: 'speaking_rate' })).toBeVisible();
});

test('a promotion can be undone after a reload, from the history', async ({ page, request }) => {
  const before = await valueOf(request, 'pre-release', 'speaking_rate');
  await page.goto(`/agents/${DEMO}/compare?show=differs`);
  await page.getByLabel('Select speaking_rate').check();
  const bar = page.getByRole('region', { name: 'Promote selected rows' });
  await bar.getByLabel('Copy from').selectOption('sandbox');
  await bar.getByLabel('to').selectOption('pre-release');
  await bar.getByRole('button', { name: 'Promote…' }).click();
  const dialog = page.getByRole('dialog', { name: /Promote speaking_rate from Sandbox to Pre-release/ });
  await dialog.getByLabel(/Note/).fill('Try the faster voice');
  await dialog.getByRole('button', { name: 'Promote to Pre-release' }).click();
  await expect(page.getByText(/✓ Promoted speaking_rate/)).toBeVisible();
  const promoted = await valueOf(request, 'pre-release', 'speaking_rate');
  expect(promoted).not.toEqual(before);

  await page.reload();
  await page.getByRole('navigation', { name: 'Agent' }).getByRole('link', { name: 'History' }).click();
  const promotion = entries(page).filter({ hasText: 'Promoted from Sandbox' }).first();
  await expect(promotion).toContainText('Try the faster voice');
  await promotion.getByRole('button', { name: 'Undo this change' }).click();
  const undo = page.getByRole('dialog', { name: /Restore the values before this change/ });
  await expect(undo.getByLabel('speaking_rate after')).toHaveText(JSON.stringify(before));
  await undo.getByRole('button', { name: 'Restore in Pre-release' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toBeVisible();
  expect(await valueOf(request, 'pre-release', 'speaking_rate')).toEqual(before);
});

test('a team that requires a note for live cannot save to live without one', async ({ page, request }) => {
  expect((await request.put('/api/settings/history', { data: { requireNoteForLive: true } })).ok()).toBe(true);
  try {
    await page.goto(`/agents/${DEMO}/configs/live`);
    await page.getByLabel('Persona name').fill('Ava Live');
    await page.getByRole('button', { name: 'Save' }).click();
    const review = page.getByRole('dialog', { name: /Review 1 change to Live/ });
    await review.getByLabel(/Type live/).fill('live');
    const save = review.getByRole('button', { name: 'Save to Live' });
    await expect(review.getByText('(required for live)')).toBeVisible();
    await expect(save).toBeDisabled();
    await review.getByLabel(/Note/).fill('Approved by the hotel');
    await save.click();
    await expect(page.getByText('Saved 1 key.')).toBeVisible();
    // The server enforces it for every client, not only this form.
    const bare = await request.patch(`${pageUrl('live')}/variables`, {
      data: { variables: { agent_persona_name: 'No note' } },
    });
    expect(bare.status()).toBe(400);
  } finally {
    await request.put('/api/settings/history', { data: { requireNoteForLive: false } });
  }
});

test('the history page works on a phone: filters, entries and the restore review fit 390 px', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/agents/${DEMO}/history?env=sandbox`);
  await expect(entries(page).first()).toBeVisible();
  const overflow = await page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByLabel('Search').fill('Spring rebrand');
  await expect(page).toHaveURL(/q=Spring\+rebrand/);
  await expect(entries(page)).toHaveCount(1);
  await expectAccessible(page);

  await entries(page).first().getByRole('button', { name: 'Undo this change' }).click();
  const review = page.getByRole('dialog', { name: /Restore the values before this change/ });
  await expect(review.getByRole('button', { name: 'Restore in Sandbox' })).toBeInViewport();
  const box = await review.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  await review.getByRole('button', { name: 'Cancel' }).click();
  await expect(review).toHaveCount(0);
});
