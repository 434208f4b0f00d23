import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './http-client.ts';

/** Reads retry with backoff unless the server said no (4xx); writes are never retried blindly. */
export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 3,
        retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 4_000),
      },
      mutations: { retry: false },
    },
  });
}
