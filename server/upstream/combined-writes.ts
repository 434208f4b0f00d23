/**
 * Unconditional variable writes to one page (no If-Match) that arrive while the page is being written wait together,
 * and once the page lock is theirs they are written upstream as one: PATCH is a shallow merge, so one PATCH of their
 * keys merged in arrival order leaves the page as they would one after another, and a busy page costs one re-read and
 * one write per batch instead of per writer. Each writer keeps its own answer, history entry and refusal (see
 * writeTogether in proxy.routes.ts). Writes with If-Match are never combined: each is checked against the page on
 * its own.
 */
import type { JsonObject } from '../../contract/agents-api.ts';
import { pageLockName, shareLock, type PageLock, type PageLocks } from '../state/page-locks.ts';

/** At most this much JSON goes upstream in one combined write (our own limit for one request body). */
export const MAX_COMBINED_BYTES = 1024 * 1024;

/** What one write of a batch came to: its answer, or the error that stopped it. */
export type Outcome<R> = { result: R } | { error: unknown };

type Batch<W, R> = { writes: W[]; bytes: number; outcomes: Promise<{ outcome: Outcome<R>; lock: PageLock }[]> };

/** Merges variable writes in order into one, as PATCH would apply them one after another (later keys win). */
export function mergeVariables(writes: JsonObject[]): JsonObject {
  const merged = new Map<string, unknown>();
  for (const variables of writes) for (const [key, value] of Object.entries(variables)) merged.set(key, value);
  // fromEntries defines own properties: no key can reach a prototype, whatever its name.
  return Object.fromEntries(merged);
}

export function createWriteCombiner(pageLocks: PageLocks, maxBytes = MAX_COMBINED_BYTES) {
  /** Per page, the batch still taking writes: waiting for the page lock, or re-reading the page under it. */
  const open = new Map<string, Batch<unknown, unknown>>();
  return {
    /**
     * Adds a write to the page's open batch (or starts one) and resolves once the batch has been written, with this
     * write's outcome and its share of the page lock, which it must release once its history is recorded. `writeAll`
     * is called once per batch, under the lock, with the writes so far (in arrival order); the batch takes writes until
     * it calls `close` (once it has re-read the page, just before writing), which answers all of them; it returns an
     * outcome for each.
     */
    async join<W, R>(
      agentId: string,
      env: string,
      write: W,
      bytes: number,
      writeAll: (batch: { writes: readonly W[]; close: () => W[] }, lock: PageLock) => Promise<Outcome<R>[]>,
    ): Promise<{ outcome: Outcome<R>; lock: PageLock }> {
      const name = pageLockName(agentId, env);
      let batch = open.get(name) as Batch<W, R> | undefined;
      if (!batch || batch.bytes + bytes > maxBytes) {
        const started: Batch<W, R> = { writes: [], bytes: 0, outcomes: Promise.resolve([]) };
        open.set(name, started as Batch<unknown, unknown>);
        // From here on, a later write waits for the next batch.
        const close = () => {
          if (open.get(name) === started) open.delete(name);
          return started.writes;
        };
        started.outcomes = pageLocks.acquire(agentId, env).then(
          async (lock) => {
            let outcomes: Outcome<R>[];
            try {
              outcomes = await writeAll({ writes: started.writes, close }, lock);
            } catch (error) {
              outcomes = close().map(() => ({ error }));
            }
            const shares = shareLock(lock, started.writes.length);
            return outcomes.map((outcome, i) => ({ outcome, lock: shares[i] }));
          },
          (error: unknown) => {
            close();
            throw error;
          },
        );
        batch = started;
      }
      const index = batch.writes.push(write) - 1;
      batch.bytes += bytes;
      return (await batch.outcomes)[index];
    },
  };
}

export type WriteCombiner = ReturnType<typeof createWriteCombiner>;
