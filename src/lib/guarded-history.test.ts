import { expect, test, vi } from 'vitest';
import { UNSAFE_createMemoryHistory } from 'react-router';
import { guardHistory } from './guarded-history.ts';

/** Lets the moves waiting for their page's code be handed over. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const setup = () => {
  const history = guardHistory(
    UNSAFE_createMemoryHistory({ initialEntries: ['/a', '/editor'], initialIndex: 1, v5Compat: true }),
  );
  const seen: string[] = [];
  history.listen(({ action, location }) => seen.push(`${action} ${location.pathname}`));
  let retry: (() => void) | undefined;
  const release = history.guard({ blocks: (next) => next !== '/editor', onBlocked: (r) => (retry = r) });
  return { history, seen, release, retry: () => retry?.() };
};

test('a link away waits for the user; leaving makes the same move', async () => {
  const { history, seen, release, retry } = setup();
  history.push('/overview');
  expect(history.location.pathname).toBe('/editor');
  expect(seen).toEqual([]);
  release();
  retry();
  expect(history.location.pathname).toBe('/overview');
  await settle();
  expect(seen).toEqual(['PUSH /overview']);
});

test('a move within the page (its query string) is never held up', () => {
  const { history, seen } = setup();
  history.replace('/editor?view=json');
  expect(seen).toEqual(['REPLACE /editor']);
});

test('the back button is undone while the user decides, and replayed if they leave; the router sees one move', async () => {
  const { history, seen, release, retry } = setup();
  history.go(-1);
  expect(history.location.pathname).toBe('/editor');
  expect(seen).toEqual([]);
  release();
  retry();
  expect(history.location.pathname).toBe('/a');
  await settle();
  expect(seen).toEqual(['POP /a']);
});

test('without a guard every move goes through', async () => {
  const history = guardHistory(UNSAFE_createMemoryHistory({ initialEntries: ['/a'], v5Compat: true }));
  const listener = vi.fn();
  history.listen(listener);
  history.push('/b');
  expect(history.location.pathname).toBe('/b');
  await settle();
  expect(listener).toHaveBeenCalledTimes(1);
});

test("a move to another page reaches the router once that page's code has loaded, and moves keep their order", async () => {
  let finishLoading = () => undefined as void;
  const slowPage = new Promise<void>((resolve) => (finishLoading = resolve));
  const history = guardHistory(UNSAFE_createMemoryHistory({ initialEntries: ['/a'], v5Compat: true }), (pathname) =>
    pathname === '/slow' ? slowPage : Promise.resolve(),
  );
  const seen: string[] = [];
  history.listen(({ location }) => seen.push(location.pathname + location.search));
  history.push('/slow');
  history.push('/slow?tab=2'); // same page as the move still waiting: waits behind it
  await settle();
  expect(seen).toEqual([]);
  finishLoading();
  await settle();
  expect(seen).toEqual(['/slow', '/slow?tab=2']);
  history.push('/slow?tab=3'); // nothing waits: at once
  expect(seen).toEqual(['/slow', '/slow?tab=2', '/slow?tab=3']);
});
