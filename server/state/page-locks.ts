/**
 * One writer per config page at a time, across every replica: the proxy's If-Match check is only sound if nothing
 * else writes the page between its re-read and its write, and the history must record that write before another
 * replica compares the page with the last version seen. In this process, writers to a page wait in line (so a busy
 * page holds one database connection, not one per writer); on Postgres the one in front also holds an advisory lock
 * in an open transaction until it is done.
 */
import { inLockedTransaction, isShared, LOCKS, type StateTx } from './dialect.ts';
import { PerKeyQueue } from './per-key-queue.ts';
import type { StateDb } from './state-store.ts';

/** Work done under a page lock just before it is let go: in the lock's transaction on Postgres. */
export type LockedWork = (tx: StateTx | undefined) => Promise<void>;

/** What the writes made under one lock share (several, when sent upstream together: see shareLock). */
export type LockedWrites = {
  /** Runs `work` once every write under the lock is done, in the order it was asked for, before the lock is let go. */
  beforeRelease(work: LockedWork): void;
};

export type PageLock = {
  /**
   * The transaction holding the lock (Postgres): the history of the writes made under it goes here, so a writer never
   * needs a second connection while it holds one (a full pool could otherwise leave it waiting on itself).
   */
  tx?: StateTx;
  /** Shared by the writes made under this lock; `index` is this one's place among them (arrival order). */
  writes: LockedWrites;
  index: number;
  /** Lets the next writer in, once what was written under the lock is committed; safe to call more than once. */
  release(): Promise<void>;
};

// Ids never hold `/` (the contract refuses it in every path id), and Postgres text cannot hold NUL.
export const pageLockName = (agentId: string, env: string) => `page:${agentId}/${env}`;

export function createPageLocks(db: StateDb) {
  const queue = new PerKeyQueue();
  const shared = isShared(db);
  return {
    /** Resolves once the page is this caller's; rejects if the lock cannot be had (Postgres' lock timeout). */
    acquire(agentId: string, env: string): Promise<PageLock> {
      const name = pageLockName(agentId, env);
      return new Promise((resolve, reject) => {
        void queue.run(name, async () => {
          let letGo!: () => void;
          const released = new Promise<void>((done) => (letGo = done));
          if (!shared) {
            resolve(heldLock(undefined, async () => letGo()));
            return released;
          }
          let locked = false;
          const committed = inLockedTransaction(db, LOCKS.page, name, async (tx) => {
            locked = true;
            resolve(
              heldLock(tx, () => {
                letGo();
                return committed;
              }),
            );
            await released;
          });
          // Before the lock, the caller is told; after it, the one who releases is.
          await committed.catch((error: unknown) => {
            if (!locked) reject(error);
          });
        });
      });
    },
  };
}

export type PageLocks = ReturnType<typeof createPageLocks>;

/** A lock just taken: the work asked for before its release runs first (in its transaction), then `letGo`. */
function heldLock(tx: StateTx | undefined, letGo: () => Promise<void>): PageLock {
  const works: LockedWork[] = [];
  let released: Promise<void> | undefined;
  return {
    tx,
    index: 0,
    writes: { beforeRelease: (work) => void works.push(work) },
    release: () =>
      (released ??= (async () => {
        try {
          for (const work of works) await work(tx);
        } finally {
          await letGo();
        }
      })()),
  };
}

/**
 * One lock held for several writes made together (server/upstream/combined-writes.ts), one share each: the lock is let
 * go once every share is, and every share's release resolves only then, so no writer is answered before the history of
 * all of them is committed.
 */
export function shareLock(lock: PageLock, count: number): PageLock[] {
  let left = count;
  let allLetGo!: () => void;
  const committed = new Promise<void>((resolve) => (allLetGo = resolve)).then(() => lock.release());
  return Array.from({ length: count }, (_, index) => {
    let letGo = () => {
      letGo = () => {};
      if (--left === 0) allLetGo();
    };
    return {
      tx: lock.tx,
      writes: lock.writes,
      index,
      release: () => {
        letGo();
        return committed;
      },
    };
  });
}
