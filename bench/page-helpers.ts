/** What every browser benchmark needs: Debian's Chromium, fresh pages, and the console's own "usable" marks. */
import { chromium, type Browser, type Page } from '@playwright/test';

export const launch = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });

/** Milliseconds from navigation start to the first `switchboard:<view>-usable` mark after `since`. */
export async function usableAt(page: Page, view: string, since = 0): Promise<number> {
  const handle = await page.waitForFunction(
    ([name, after]) => performance.getEntriesByName(name).find((mark) => mark.startTime > after)?.startTime,
    [`switchboard:${view}-usable`, since] as const,
    { timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

export async function inFreshPage<T>(browser: Browser, work: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    return await work(await context.newPage());
  } finally {
    await context.close();
  }
}

/**
 * Starts recording Event Timing entries named `name` (input → next paint). Entries under 16 ms are not reported by
 * the browser: `eventLatencies` counts each missing one as 16 (at most one frame).
 */
export async function recordEvents(page: Page, name: string) {
  await page.evaluate(`
    window.__events = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name === ${JSON.stringify(name)}) window.__events.push(entry.duration);
    }).observe({ type: 'event', durationThreshold: 16 });
  `);
}

export async function eventLatencies(page: Page, expected: number): Promise<number[]> {
  await page.waitForTimeout(1_000); // let the last paints be reported
  const slow = await page.evaluate<number[]>('window.__events');
  return [...slow, ...Array<number>(Math.max(0, expected - slow.length)).fill(16)];
}
