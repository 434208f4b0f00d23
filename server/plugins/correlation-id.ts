import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { CORRELATION_HEADER } from '../../contract/agents-api.ts';

const SAFE_ID = /^[\w.:-]{1,128}$/;

/** Request ids echo the client's correlation id when it sent a sane one, as PolyAI's API does (answered by security.ts). */
export function correlationIdOf(req: IncomingMessage): string {
  const sent = req.headers[CORRELATION_HEADER];
  return typeof sent === 'string' && SAFE_ID.test(sent) ? sent : randomUUID();
}
