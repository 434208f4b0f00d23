/**
 * The compare view with 5,000 keys in each of three environments (a few hundred differing): render time once the data
 * is in, "only differences" toggles (click → next paint), and frame times while scrolling the table.
 */
import type { Browser, Page } from '@playwright/test';
import { COMPARE_SCALE_AGENT_ID } from '../server/seed/scale-seed.ts';
import { eventLatencies, inFreshPage, recordEvents, usableAt } from './page-helpers.ts';
import { summarize, type Row } from './report.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TOGGLES = 20;

/** Milliseconds from the config pages' response ending to the table being usable. */
async function renderAfterData(page: Page): Promise<{ render: number; total: number }> {
  const usable = await usableAt(page, 'compare');
  const responseEnd = await page.evaluate<number>(
    `performance.getEntriesByType('resource').find((e) => e.name.endsWith('/real-time-configs'))?.responseEnd ?? 0`,
  );
  return { render: usable - responseEnd, total: usable };
}

/** Scrolls the table through a few thousand rows, one step per frame, and returns each frame's duration. */
async function scrollFrameTimes(page: Page): Promise<number[]> {
  return page.evaluate<number[]>(`new Promise((resolve) => {
    const scroller = document.querySelector('[role="table"] [role="rowgroup"] + [role="rowgroup"]');
    const frames = [];
    let last = performance.now();
    const step = (now) => {
      frames.push(now - last);
      last = now;
      scroller.scrollTop += 400;
      if (frames.length < 240) requestAnimationFrame(step);
      else resolve(frames.slice(1));
    };
    requestAnimationFrame(step);
  })`);
}

export async function compareRows(browser: Browser, baseUrl: string): Promise<Row[]> {
  const render: number[] = [];
  const total: number[] = [];
  const toggles: number[] = [];
  const frames: number[] = [];
  let differing = '';
  for (let run = 0; run < RUNS; run++) {
    await inFreshPage(browser, async (page) => {
      await page.goto(`${baseUrl}/agents/${COMPARE_SCALE_AGENT_ID}/compare`);
      const figures = await renderAfterData(page);
      render.push(figures.render);
      total.push(figures.total);
      if (run > 0) return;
      differing = (await page.getByText(/keys differ between/).textContent()) ?? '';
      await recordEvents(page, 'click');
      for (let i = 0; i < TOGGLES; i++) {
        await page.getByLabel(i % 2 === 0 ? 'Only differences' : 'All keys').click();
        await page.waitForTimeout(150);
      }
      toggles.push(...(await eventLatencies(page, TOGGLES)));
      await page.getByLabel('All keys').click();
      frames.push(...(await scrollFrameTimes(page)));
    });
  }
  const scenario = `compare, 3 × 5,000 keys (${differing.replace(/ between.*/, '').trim() || 'differing keys unknown'})`;
  const toggle = summarize(toggles);
  const frame = summarize(frames);
  return [
    {
      scenario,
      figure: 'render (data received → usable)',
      unit: 'ms',
      ...summarize(render),
      target: { on: 'median', op: '<=', value: 300 },
    },
    { scenario, figure: 'navigation → usable (cold)', unit: 'ms', ...summarize(total) },
    {
      scenario,
      figure: '"only differences" toggle (click → paint)',
      unit: 'ms',
      ...toggle,
      target: { on: 'p95', op: '<=', value: 50 },
    },
    {
      scenario,
      figure: 'frame time while scrolling 96,000 px',
      unit: 'ms',
      ...frame,
      target: { on: 'p95', op: '<=', value: 33 },
    },
  ];
}
