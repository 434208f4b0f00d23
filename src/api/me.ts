/** Who is using the console (team mode: the signed-in member and their grants), and what they may change. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { whyNotWrite, type Me } from '../../contract/access-rules.ts';
import type { ClientEnv } from '../../contract/client-envs.ts';
import { request } from './http-client.ts';
import { runtimeQuery } from './runtime.ts';

export const meKeys = { all: ['me'] as const };

/** A 401 means "sign in" (the gate shows the sign-in page), not a failure to retry. */
export const meQuery = () =>
  queryOptions({
    queryKey: meKeys.all,
    queryFn: ({ signal }) => request<Me>('/api/me', { signal }),
    staleTime: 60_000,
    retry: false,
  });

export const useMe = () => useQuery(meQuery()).data;

/** Where the browser goes to sign in, coming back to `returnTo` (a path of this console). */
export const signInUrl = (returnTo: string) => `/api/auth/login?${new URLSearchParams({ returnTo })}`;

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => request<{ signedOut: true; endSessionUrl?: string }>('/api/auth/logout', { method: 'POST' }),
    onSuccess: ({ endSessionUrl }) => {
      queryClient.clear();
      // The identity provider's own sign-out, when it has one; else this console's sign-in page.
      window.location.assign(endSessionUrl ?? '/');
    },
  });
}

/**
 * Why this user cannot write to an environment of this agent, in words, or undefined when they can: a read-only
 * console, or a role that does not cover it (`env` left out: connectors and numbers). The server enforces the same rule
 * (contract/access-rules.ts).
 */
export function useWriteBlocks(agentId: string): (env?: ClientEnv) => string | undefined {
  const runtime = useQuery(runtimeQuery()).data;
  const me = useMe();
  return (env) =>
    runtime?.mode === 'proxy' && runtime.readOnly
      ? 'This console runs read-only: changes cannot be saved.'
      : whyNotWrite(me, agentId, env);
}

export const useWriteBlock = (agentId: string, env?: ClientEnv) => useWriteBlocks(agentId)(env);
