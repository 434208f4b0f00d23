import { chromium } from '@playwright/test';
const [,, url, name, width, scheme='light'] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await (await browser.newContext({ viewport: { width: Number(width), height: 900 }, colorScheme: scheme })).newPage();
await page.goto(url); await page.waitForLoadState('networkidle'); await page.waitForTimeout(500);
await page.screenshot({ path: `/tmp/${name}.png`, fullPage: true });
await browser.close();
