import type { FastifyInstance } from 'fastify';

/**
 * Runs `task` every `everyMs` while the server runs: one run at a time (a slow one is never overlapped by the next),
 * from the moment it is ready; on close, after the run in progress. A failure is logged and the next run goes on.
 * Every replica runs its own: the task itself must claim what it does (a conditional update), so work is done once.
 */
export function registerPeriodicTask(
  app: FastifyInstance,
  { everyMs, task, what }: { everyMs: number; task: () => Promise<void>; what: string },
) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      running = running.then(task).catch((error: unknown) => app.log.error({ err: error }, `${what} failed`));
    }, everyMs);
    timer.unref();
  });
  app.addHook('preClose', async () => {
    clearInterval(timer);
    await running;
  });
}
