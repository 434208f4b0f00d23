import { queryOptions } from '@tanstack/react-query';
import type { Runtime } from '../../contract/runtime.ts';
import { request } from './http-client.ts';

export const runtimeKeys = { all: ['runtime'] as const };

/** Where the server gets its data (emulator, or PolyAI's API in a region); it does not change while it runs. */
export const runtimeQuery = () =>
  queryOptions({
    queryKey: runtimeKeys.all,
    queryFn: ({ signal }) => request<Runtime>('/api/runtime', { signal }),
    staleTime: Infinity,
  });
