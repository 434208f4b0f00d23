import { chromium } from '@playwright/test';
const base = 'http://127.0.0.1:4388';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const PAGE = '/v1/agents/PROJECT-RIVERSIDE/real-time-configs/sandbox';
const api = await (await browser.newContext()).request;
await api.put(base + PAGE + '/schema', { data: { schema: { type: 'object', properties: { pin: { type: 'string', title: 'Support PIN', description: 'Four letters or digits, at least one digit', pattern: '^(?=.*\\d)\\w{4}$' } } } } });
for (const [w, h] of [[390, 844], [1440, 900]]) {
  for (const scheme of ['light', 'dark'] as const) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h }, colorScheme: scheme });
    const page = await ctx.newPage();
    await page.goto(base + '/agents/PROJECT-RIVERSIDE/configs/sandbox');
    await page.getByLabel(/Support PIN/).fill('abcd');
    await page.getByRole('button', { name: 'Save', exact: true }).first().click();
    await page.getByText(/Not saved:/).waitFor();
    await page.screenshot({ path: `/tmp/shot-editor-${w}-${scheme}.png`, fullPage: false });
    await ctx.close();
  }
}
await browser.close();
