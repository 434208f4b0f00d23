import type { Db } from './database.ts';

type Pending = { work: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void };

/**
 * Group commit: writes that arrive in the same turn of the event loop run one after another in one `BEGIN IMMEDIATE`
 * transaction, each in its own savepoint (a write that throws undoes only itself), and each is answered only once
 * that transaction has committed — so nothing is acknowledged before it is durable. Under load most of a small
 * write's cost is the commit; sharing it is what keeps the emulator's PATCH throughput high.
 *
 * `onAbandoned` runs when the transaction itself fails to commit: every write in it is lost, and the caller must drop
 * whatever it cached from them.
 */
export function createGroupCommit(db: Db, onAbandoned: () => void) {
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const savepoint = db.prepare('SAVEPOINT write');
  const release = db.prepare('RELEASE write');
  const rollbackTo = db.prepare('ROLLBACK TO write');
  let queue: Pending[] = [];

  function flush() {
    const batch = queue;
    queue = [];
    const outcomes: ({ value: unknown } | { error: unknown })[] = [];
    try {
      begin.run();
      for (const { work } of batch) {
        savepoint.run();
        try {
          outcomes.push({ value: work() });
          release.run();
        } catch (error) {
          rollbackTo.run();
          release.run();
          outcomes.push({ error });
        }
      }
      commit.run();
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      onAbandoned();
      for (const { reject } of batch) reject(error);
      return;
    }
    batch.forEach(({ resolve, reject }, i) => {
      const outcome = outcomes[i];
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome.value);
    });
  }

  /** Runs `work` in the next group's transaction; resolves with its result once that transaction committed. */
  return function inGroupCommit<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (queue.length === 1) setImmediate(flush);
    });
  };
}
