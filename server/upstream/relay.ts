/**
 * PolyAI's answers as Switchboard passes them on: JSON only, the key already scrubbed (forward.ts). Anything else (an
 * HTML error page from a gateway, say) must not be served from the console's origin as a document: it becomes our
 * error envelope with a short plain-text excerpt.
 */
import { ApiError } from '../errors.ts';
import type { UpstreamAnswer } from './forward.ts';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** The answer when it is JSON (or empty, 204); an ApiError saying what came instead otherwise. */
export function checkedAnswer(answer: UpstreamAnswer): UpstreamAnswer {
  if (JSON_TYPE.test(answer.contentType) || answer.status === 204) return answer;
  const type = answer.contentType.split(';')[0] || 'no content type';
  if (answer.status < 400)
    throw new ApiError(
      502,
      'UPSTREAM_INVALID_RESPONSE',
      `PolyAI's API answered ${answer.status} with ${type} instead of JSON`,
    );
  const excerpt = answer.body.replace(/\s+/g, ' ').trim().slice(0, 200);
  throw new ApiError(
    answer.status,
    'UPSTREAM_ERROR',
    `PolyAI's API answered ${answer.status} (${type})${excerpt ? `: ${excerpt}` : ''}`,
  );
}
