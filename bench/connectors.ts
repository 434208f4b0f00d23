/**
 * The connectors table with 10,000 connectors and 20,000 numbers: how long after the data arrives the table is usable,
 * and the search box's keystrokes (keydown → next paint, and keydown → filtered rows on screen).
 */
import type { Browser, Page } from '@playwright/test';
import { SCALE_AGENT_ID } from '../server/seed/scale-seed.ts';
import { eventLatencies, inFreshPage, recordEvents, usableAt } from './page-helpers.ts';
import { summarize, type Row } from './report.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const QUERY = 'line 12';

async function usableAfterData(page: Page): Promise<number> {
  const usable = await usableAt(page, 'connectors');
  const dataEnd = await page.evaluate<number>(
    `Math.max(...performance.getEntriesByType('resource').filter((e) => /telephony\\/(connectors|phone-numbers)$/.test(e.name)).map((e) => e.responseEnd))`,
  );
  return usable - dataEnd;
}

/** Each keystroke until the table shows its result: keydown → the row count changing, then the next frame. */
async function recordFiltering(page: Page): Promise<void> {
  await page.evaluate(`
    window.__filtered = [];
    let pending;
    document.addEventListener('keydown', (e) => { pending = e.timeStamp; }, true);
    new MutationObserver(() => {
      if (pending === undefined) return;
      const start = pending;
      pending = undefined;
      requestAnimationFrame(() => window.__filtered.push(performance.now() - start));
    }).observe(document.querySelector('[aria-live="polite"]'), { subtree: true, characterData: true, childList: true });
  `);
}

export async function connectorRows(browser: Browser, baseUrl: string): Promise<Row[]> {
  const usable: number[] = [];
  const keys: number[] = [];
  const filtered: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await inFreshPage(browser, async (page) => {
      await page.goto(`${baseUrl}/agents/${SCALE_AGENT_ID}/connectors`);
      usable.push(await usableAfterData(page));
      if (run > 1) return;
      await page.waitForTimeout(500);
      await recordEvents(page, 'keydown');
      await recordFiltering(page);
      await page.getByLabel('Search connectors').click();
      await page.keyboard.type(QUERY, { delay: 200 });
      keys.push(...(await eventLatencies(page, QUERY.length)));
      filtered.push(...(await page.evaluate<number[]>('window.__filtered')));
    });
  }
  const scenario = 'connectors, 10,000 connectors + 20,000 numbers';
  return [
    {
      scenario,
      figure: 'table usable after the data arrives',
      unit: 'ms',
      ...summarize(usable),
      target: { on: 'median', op: '<=', value: 500 },
    },
    {
      scenario,
      figure: 'search keystroke (keydown → paint)',
      unit: 'ms',
      ...summarize(keys),
      target: { on: 'p95', op: '<=', value: 50 },
    },
    { scenario, figure: 'search keystroke → filtered rows painted', unit: 'ms', ...summarize(filtered) },
  ];
}
