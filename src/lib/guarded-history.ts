/**
 * In-app navigation that a page with unsaved edits can hold up: links and `navigate()` ask first, and so do the
 * browser's back and forward buttons (the move is undone while the user decides). React Router's own blocker needs
 * its data router, which costs the first page ~17 kB of JavaScript more; the console's routes need nothing else from
 * it, so they run on a plain history wrapped here.
 */
import { useContext, useEffect, useState } from 'react';
import { UNSAFE_NavigationContext, useLocation, type HistoryRouterProps } from 'react-router';

export type History = HistoryRouterProps['history'];
type Listener = Parameters<History['listen']>[0];
type To = Parameters<History['push']>[0];

/** A page's question before a move: should the move to `nextPathname` wait for the user? */
type Guard = { blocks: (nextPathname: string) => boolean; onBlocked: (retry: () => void) => void };

export type GuardedHistory = History & { guard(guard: Guard): () => void };

/**
 * `loadPage`: loads the code of the page at a pathname. A move to another page is handed to the router only once its
 * code is there, so the current page stays on screen until the next one can be shown at once (as React Router's data
 * router does with lazy routes); moves are handed over in order.
 */
export function guardHistory(
  history: History,
  loadPage: (pathname: string) => Promise<unknown> = async () => undefined,
): GuardedHistory {
  let current: Guard | undefined;
  /** Pops this wrapper caused itself (undoing a blocked move, or replaying it): not shown to the router as new moves. */
  let ownPops = 0;
  const pathnameOf = (to: To) => new URL(history.createHref(to), 'http://console.invalid').pathname;

  const attempt = (to: To, move: () => void) => {
    if (current?.blocks(pathnameOf(to))) current.onBlocked(move);
    else move();
  };

  /** Moves waiting for their page's code. Within a page (its query string) a move is handed over at once when none
   * waits, because controls bound to the URL (a checkbox, a search box) must follow input. */
  let waiting = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const deliver = (listener: Listener, update: Parameters<Listener>[0], from: string) => {
    if (waiting === 0 && update.location.pathname === from) return listener(update);
    waiting++;
    queue = queue
      .then(() => loadPage(update.location.pathname))
      .catch(() => undefined) // the page itself shows why its code could not load
      .then(() => {
        waiting--;
        listener(update);
      });
  };

  const guarded = Object.create(history) as GuardedHistory;
  guarded.push = (to, state) => attempt(to, () => history.push(to, state));
  guarded.replace = (to, state) => attempt(to, () => history.replace(to, state));
  guarded.listen = (listener: Listener) => {
    let shown = history.location.pathname;
    return history.listen((update) => {
      const from = shown;
      if (update.action === 'POP' && ownPops > 0) {
        ownPops--;
        // The replayed move (the user chose to leave) is the one the router must see.
        if (!current) {
          shown = update.location.pathname;
          deliver(listener, update, from);
        }
        return;
      }
      if (update.action === 'POP' && update.delta && current?.blocks(update.location.pathname)) {
        const delta = update.delta;
        // Back where we were while the user decides; leaving replays the same move.
        ownPops++;
        history.go(-delta);
        current.onBlocked(() => {
          ownPops++;
          history.go(delta);
        });
        return;
      }
      shown = update.location.pathname;
      deliver(listener, update, from);
    });
  };
  guarded.guard = (guard) => {
    current = guard;
    return () => {
      if (current === guard) current = undefined;
    };
  };
  return guarded;
}

export type NavigationGuardState =
  { state: 'unblocked' } | { state: 'blocked'; proceed: () => void; reset: () => void };

/**
 * While `active`, a move to another page waits for the user: `blocked` until they `proceed` (the move happens) or
 * `reset` (they stay). Moves within the same page (its query string) are never held up.
 */
export function useNavigationGuard(active: boolean): NavigationGuardState {
  const history = useContext(UNSAFE_NavigationContext).navigator as Partial<GuardedHistory>;
  const { pathname } = useLocation();
  const [pending, setPending] = useState<{ retry: () => void; release: () => void }>();
  useEffect(() => {
    if (!active || !history.guard) return;
    const release = history.guard({
      blocks: (nextPathname) => nextPathname !== pathname,
      onBlocked: (retry) => setPending({ retry, release }),
    });
    return release;
  }, [active, history, pathname]);
  if (!pending) return { state: 'unblocked' };
  return {
    state: 'blocked',
    proceed: () => {
      pending.release();
      setPending(undefined);
      pending.retry();
    },
    reset: () => setPending(undefined),
  };
}
