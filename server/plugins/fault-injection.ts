/**
 * Test-only fault injection, off unless the server starts with `--faults` (or EMULATOR_FAULTS=1): lets the console's
 * own tests prove it copes with a slow, failing or silent API. Controlled through `/__emulator/faults`.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendError } from './error-envelope.ts';

const Match = Type.Union([Type.Literal('reads'), Type.Literal('writes'), Type.Literal('all')]);
const FaultSettings = Type.Object({
  /** Added before every API request is handled. */
  latencyMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 60_000 })),
  /** Fail the next `count` matching requests with `status`; `after` applies the write first (outcome unknown). */
  fail: Type.Optional(
    Type.Object({
      count: Type.Integer({ minimum: 1, maximum: 1000 }),
      status: Type.Optional(Type.Integer({ minimum: 500, maximum: 599 })),
      when: Type.Optional(Type.Union([Type.Literal('before'), Type.Literal('after')])),
      match: Type.Optional(Match),
    }),
  ),
  /**
   * Never answer the next `count` matching requests (until the faults are cleared or the server stops); `after`
   * applies the write first, as an API that dies before it answers.
   */
  hang: Type.Optional(
    Type.Object({
      count: Type.Integer({ minimum: 1, maximum: 1000 }),
      match: Type.Optional(Match),
      when: Type.Optional(Type.Union([Type.Literal('before'), Type.Literal('after')])),
    }),
  ),
});
type FaultSettings = Static<typeof FaultSettings>;
type Rule = {
  kind: 'fail-before' | 'fail-after' | 'hang' | 'hang-after';
  match: Static<typeof Match>;
  remaining: number;
  status: number;
};

const isApi = (req: FastifyRequest) => req.url.startsWith('/v1/');
const isWrite = (req: FastifyRequest) => req.method !== 'GET' && req.method !== 'HEAD';

export function registerFaultInjection(app: FastifyInstance) {
  let latencyMs = 0;
  let rules: Rule[] = [];
  const hung = new Set<() => void>();
  const failAfter = new WeakMap<FastifyRequest, number>();
  const hangAfter = new WeakSet<FastifyRequest>();

  const releaseHung = () => {
    for (const release of hung) release();
    hung.clear();
  };
  const take = (req: FastifyRequest, kind: Rule['kind']): Rule | undefined => {
    const rule = rules.find(
      (r) => r.kind === kind && r.remaining > 0 && (r.match === 'all' || (r.match === 'writes') === isWrite(req)),
    );
    if (rule) rule.remaining--;
    return rule;
  };

  app.addHook('onClose', async () => releaseHung());

  const untilReleased = () => new Promise<void>((resolve) => hung.add(resolve));

  app.addHook('onRequest', async (req, reply) => {
    if (!isApi(req)) return;
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (take(req, 'hang')) {
      await untilReleased();
      return sendError(req, reply, 503, 'INJECTED_FAULT', 'Injected fault: a hung request was released');
    }
    if (take(req, 'hang-after')) hangAfter.add(req);
    const before = take(req, 'fail-before');
    if (before)
      return sendError(req, reply, before.status, 'INJECTED_FAULT', 'Injected fault: the request was not applied');
    const after = take(req, 'fail-after');
    if (after) failAfter.set(req, after.status);
  });

  // A failure after the handler ran: the write is stored, but the client only hears a 5xx (or nothing until released).
  app.addHook('onSend', async (req, reply, payload) => {
    if (hangAfter.has(req)) await untilReleased();
    const status = hangAfter.has(req) ? 503 : failAfter.get(req);
    if (status === undefined) return payload;
    reply.code(status).type('application/json');
    return JSON.stringify({
      success: false,
      error: 'Injected fault: the request was applied but its answer was lost',
      error_id: req.id,
      error_code: 'INJECTED_FAULT',
      error_message: 'Injected fault: the request was applied but its answer was lost',
      data: null,
    });
  });

  const state = () => ({ latencyMs, rules: rules.filter((r) => r.remaining > 0), hung: hung.size });

  app.get('/__emulator/faults', async () => state());
  app.post<{ Body: FaultSettings }>('/__emulator/faults', { schema: { body: FaultSettings } }, async (req) => {
    const { latencyMs: latency, fail, hang } = req.body;
    if (latency !== undefined) latencyMs = latency;
    if (fail) {
      const kind = fail.when === 'after' ? 'fail-after' : 'fail-before';
      rules.push({ kind, match: fail.match ?? 'writes', remaining: fail.count, status: fail.status ?? 503 });
    }
    if (hang)
      rules.push({
        kind: hang.when === 'after' ? 'hang-after' : 'hang',
        match: hang.match ?? 'all',
        remaining: hang.count,
        status: 503,
      });
    return state();
  });
  app.delete('/__emulator/faults', async () => {
    latencyMs = 0;
    rules = [];
    releaseHung();
    return state();
  });
}
