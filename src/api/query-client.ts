import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './http-client.ts';
import { meKeys } from './me.ts';

/**
 * Reads retry with backoff unless the server said no (4xx); writes are never retried blindly. A 401 anywhere means the
 * session ended: asking who is signed in again brings the sign-in page (see app/sign-in-gate.tsx).
 */
export function createQueryClient() {
  const sessionEnded = (error: Error) => {
    if (error instanceof ApiError && error.status === 401) void client.invalidateQueries({ queryKey: meKeys.all });
  };
  const client: QueryClient = new QueryClient({
    // Not for the question itself: its 401 is the answer.
    queryCache: new QueryCache({
      onError: (error, query) => query.queryKey[0] !== meKeys.all[0] && sessionEnded(error),
    }),
    mutationCache: new MutationCache({ onError: sessionEnded }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (failures, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 3,
        retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 4_000),
      },
      mutations: { retry: false },
    },
  });
  return client;
}
