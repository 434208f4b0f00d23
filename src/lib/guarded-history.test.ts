import { expect, test, vi } from 'vitest';
import { UNSAFE_createMemoryHistory } from 'react-router';
import { guardHistory } from './guarded-history.ts';

const setup = () => {
  const history = guardHistory(UNSAFE_createMemoryHistory({ initialEntries: ['/a', '/editor'], initialIndex: 1, v5Compat: true }));
  const seen: string[] = [];
  history.listen(({ action, location }) => seen.push(`${action} ${location.pathname}`));
  let retry: (() => void) | undefined;
  const release = history.guard({ blocks: (next) => next !== '/editor', onBlocked: (r) => (retry = r) });
  return { history, seen, release, retry: () => retry?.() };
};

test('a link away waits for the user; leaving makes the same move', () => {
  const { history, seen, release, retry } = setup();
  history.push('/overview');
  expect(history.location.pathname).toBe('/editor');
  expect(seen).toEqual([]);
  release();
  retry();
  expect(history.location.pathname).toBe('/overview');
  expect(seen).toEqual(['PUSH /overview']);
});

test('a move within the page (its query string) is never held up', () => {
  const { history, seen } = setup();
  history.replace('/editor?view=json');
  expect(seen).toEqual(['REPLACE /editor']);
});

test('the back button is undone while the user decides, and replayed if they leave; the router sees one move', () => {
  const { history, seen, release, retry } = setup();
  history.go(-1);
  expect(history.location.pathname).toBe('/editor');
  expect(seen).toEqual([]);
  release();
  retry();
  expect(history.location.pathname).toBe('/a');
  expect(seen).toEqual(['POP /a']);
});

test('without a guard every move goes through', () => {
  const history = guardHistory(UNSAFE_createMemoryHistory({ initialEntries: ['/a'], v5Compat: true }));
  const listener = vi.fn();
  history.listen(listener);
  history.push('/b');
  expect(history.location.pathname).toBe('/b');
  expect(listener).toHaveBeenCalledTimes(1);
});
