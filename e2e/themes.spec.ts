import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe.ts';

const A = '/agents/PROJECT-HARBOURVIEW';
const PAGES = [
  '/',
  A,
  `${A}/configs/live`,
  `${A}/configs/live/schema`,
  `${A}/compare?show=differs`,
  `${A}/connectors`,
  `${A}/connectors/conn_hv_pre_fr`,
  `${A}/phone-numbers`,
  `${A}/history`,
];

for (const scheme of ['light', 'dark'] as const) {
  test(`every page passes axe (contrast included) in the ${scheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of PAGES) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await expect(page.locator('html')).toHaveClass(scheme === 'dark' ? /dark/ : /^(?!.*dark)/);
      await expectAccessible(page);
    }
  });
}

test('the live card keeps its red bar in the dark theme', async ({ page }) => {
  const barColour = async (scheme: 'light' | 'dark') => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(A);
    const live = page.getByRole('region', { name: 'Live' });
    await expect(live).toBeVisible();
    return live.evaluate(
      (card) =>
        (globalThis as unknown as { getComputedStyle: (e: unknown) => { borderTopColor: string } }).getComputedStyle(
          card,
        ).borderTopColor,
    );
  };
  const light = await barColour('light');
  expect(await barColour('dark')).toBe(light);
});
