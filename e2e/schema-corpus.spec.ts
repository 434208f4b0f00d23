import { expect, test, type Page } from '@playwright/test';
import { SCHEMA_CORPUS, UNDRAWABLE_SCHEMA, type CorpusEdit } from '../src/test/schema-corpus.ts';

// A generated agent no other journey uses: each case gives its sandbox page the case's schema and values. Keys of
// earlier cases stay behind (PATCH cannot remove keys), which no corpus schema forbids.
const AGENT = 'PROJECT-SCALE-COMPARE';
const pageUrl = `/v1/agents/${AGENT}/real-time-configs/sandbox`;

function watchErrors(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
  return errors;
}

async function apply(page: Page, edit: CorpusEdit) {
  if ('fill' in edit) await page.locator(`[id="${edit.fill}"]`).fill(edit.value);
  else if ('select' in edit) await page.locator(`[id="${edit.select}"]`).selectOption({ label: edit.option });
  else if ('toggle' in edit) await page.locator(`[id="${edit.toggle}"]`).click();
  else if ('blur' in edit) await page.keyboard.press('Tab');
  else
    await page
      .getByRole('button', { name: edit.click, exact: true })
      .nth(edit.nth ?? 0)
      .click();
}

for (const corpusCase of SCHEMA_CORPUS) {
  test(`schema corpus: ${corpusCase.name}`, async ({ page, request }) => {
    // Values first under a schema that takes anything: some cases store values their schema has since outgrown.
    expect((await request.put(`${pageUrl}/schema`, { data: { schema: {} } })).status()).toBe(200);
    expect((await request.patch(`${pageUrl}/variables`, { data: { variables: corpusCase.variables } })).status()).toBe(
      200,
    );
    expect((await request.put(`${pageUrl}/schema`, { data: { schema: corpusCase.schema } })).status()).toBe(200);
    const errors = watchErrors(page);
    await page.goto(`/agents/${AGENT}/configs/sandbox`);
    await expect(page.getByText('No unsaved changes')).toBeVisible();
    for (const id of corpusCase.shows ?? []) await expect(page.locator(`[id="${id}"]`)).toBeVisible();
    for (const key of Object.keys(corpusCase.schema.properties as object))
      await expect(page.locator(`[data-key-state="${key}"]`)).toBeVisible();
    for (const edit of corpusCase.edits) await apply(page, edit);
    if (corpusCase.focused) await expect(page.locator(`[id="${corpusCase.focused}"]`)).toBeFocused();

    const patchSent = page.waitForRequest((r) => r.method() === 'PATCH');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Save to Sandbox' }).click();
    expect((await patchSent).postDataJSON()).toEqual({ variables: corpusCase.patch });
    await expect(page.getByText(/^Saved \d+ keys?\.$/)).toBeVisible();
    expect(errors).toEqual([]);
  });
}

test('a valid schema the form cannot draw falls back to the JSON view of the same draft, with the reason', async ({
  page,
  request,
}) => {
  expect((await request.put(`${pageUrl}/schema`, { data: { schema: UNDRAWABLE_SCHEMA } })).status()).toBe(200);
  const variables = (await (await request.get(pageUrl)).json()).variables;
  await page.goto(`/agents/${AGENT}/configs/sandbox`);
  await expect(page.getByRole('alert').filter({ hasText: 'This schema cannot be shown as a form' })).toBeVisible();
  const json = page.getByLabel('Variables as JSON');
  await expect(json).toBeVisible();

  await json.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(JSON.stringify({ ...variables, opens_at: '7:30' }));
  await expect(page.getByRole('list', { name: 'Schema errors' })).toContainText('/opens_at: Not in the expected form');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Not saved: fix the schema errors listed under the JSON first.')).toBeVisible();

  await json.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(JSON.stringify({ ...variables, opens_at: '07:30' }));
  const patchSent = page.waitForRequest((r) => r.method() === 'PATCH');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Save to Sandbox' }).click();
  expect((await patchSent).postDataJSON()).toEqual({ variables: { opens_at: '07:30' } });
  await expect(page.getByText('Saved 1 key.')).toBeVisible();
});

test('nested groups fold from their heading, open for an error on Save, and mark null and empty text', async ({
  page,
  request,
}) => {
  const schema = {
    type: 'object',
    properties: {
      venue: {
        type: 'object',
        title: 'Venue',
        properties: {
          address: {
            type: 'object',
            title: 'Address',
            properties: {
              street: { type: 'string', title: 'Street' },
              city: { type: 'string', title: 'City', minLength: 2 },
            },
          },
          note: { type: ['string', 'null'], title: 'Note' },
          code: { type: 'string', title: 'Code' },
        },
      },
    },
  };
  const venue = { address: { street: 'Quay Street', city: 'Galway' }, note: null, code: '' };
  expect((await request.put(`${pageUrl}/schema`, { data: { schema: {} } })).status()).toBe(200);
  expect((await request.patch(`${pageUrl}/variables`, { data: { variables: { venue } } })).status()).toBe(200);
  expect((await request.put(`${pageUrl}/schema`, { data: { schema } })).status()).toBe(200);
  await page.goto(`/agents/${AGENT}/configs/sandbox`);

  await expect(page.getByLabel('Note')).toHaveAccessibleName('Note null');
  await expect(page.getByLabel('Code')).toHaveAccessibleName('Code empty text');
  await expect(page.getByLabel('Street')).toHaveAccessibleName('Street');

  const address = page.getByRole('button', { name: 'Address', exact: true });
  await address.click();
  await expect(address).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByText('Folded: 2 fields.')).toBeVisible();
  await expect(page.getByLabel('Street')).toHaveCount(0);
  await address.press('Enter');
  await expect(page.getByLabel('Street')).toHaveValue('Quay Street');

  await page.getByLabel('City').fill('G');
  await address.click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByLabel('City')).toBeFocused();
  await expect(address).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'Discard changes' }).click();
});
