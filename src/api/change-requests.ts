/** Change requests (team mode, under an admin's approval policy): list, open, review, apply. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClientEnv } from '../../contract/client-envs.ts';
import { policyFor, type ChangePolicy } from '../../contract/change-request-values.ts';
import { strictestRule } from '../../contract/reach.ts';
import type { ChangeRequest, ChangeRequestList, NewChangeRequest } from '../../contract/change-requests.ts';
import { configKeys } from './configs.ts';
import { connectorKeys } from './connectors.ts';
import { phoneNumberKeys } from './phone-numbers.ts';
import { historyKeys } from './history.ts';
import { enc, request } from './http-client.ts';
import { useMe } from './me.ts';

export const changeRequestKeys = {
  all: ['change-requests'] as const,
  policies: ['change-policies'] as const,
  open: ['change-requests', 'open'] as const,
  agent: (agentId: string) => [...changeRequestKeys.all, agentId] as const,
  one: (agentId: string, id: string) => [...changeRequestKeys.agent(agentId), id] as const,
};

const base = (agentId: string) => `/api/agents/${enc(agentId)}/change-requests`;

export const policiesQuery = () =>
  queryOptions({
    queryKey: changeRequestKeys.policies,
    queryFn: ({ signal }) => request<{ policies: ChangePolicy[] }>('/api/settings/change-policies', { signal }),
  });

export const savePolicies = (policies: ChangePolicy[]) =>
  request<{ policies: ChangePolicy[] }>('/api/settings/change-policies', { method: 'PUT', body: { policies } });

/** The approval rules, in team mode (local mode has none; undefined until read). */
function useTeamPolicies(): ChangePolicy[] | undefined {
  const team = useMe()?.mode === 'team';
  const policies = useQuery({ ...policiesQuery(), enabled: team }).data?.policies;
  return team ? policies : undefined;
}

/** The approval policies for an agent's pages: env → its policy, if one applies. */
export function usePolicies(agentId: string): (env: ClientEnv) => ChangePolicy | undefined {
  const policies = useTeamPolicies();
  return (env) => (policies ? policyFor(policies, agentId, env) : undefined);
}

/** The rule a write reaching several environments of the agent needs (a number's move): the strictest, as the server decides. */
export function useStrictestRule(
  agentId: string,
): (envs: ClientEnv[]) => { env: ClientEnv; policy: ChangePolicy } | undefined {
  const policies = useTeamPolicies();
  return (envs) => {
    const rule =
      policies &&
      strictestRule(
        policies,
        envs.map((clientEnv) => ({ agentId, clientEnv })),
      );
    return rule && { env: rule.place.clientEnv, policy: rule.policy };
  };
}

export const usePolicy = (agentId: string, env: ClientEnv) => usePolicies(agentId)(env);

/**
 * What a review dialog needs to turn a PATCH into a change request where a policy applies to its target (undefined
 * where none does): opening the request, then `onOpened` with its id.
 */
export function usePatchRequests(agentId: string, onOpened: (id: string) => void) {
  const policyOf = usePolicies(agentId);
  const { open } = useChangeRequestActions(agentId);
  return (env: ClientEnv) => {
    const policy = policyOf(env);
    if (!policy) return undefined;
    return {
      approvals: policy.approvals,
      open: async (patch: Record<string, unknown>, note: string, baseVersion: string) =>
        (await open.mutateAsync({ clientEnv: env, kind: 'variables', body: patch, baseVersion, note })).id,
      onOpened,
    };
  };
}

export const changeRequestsQuery = (agentId: string) =>
  queryOptions({
    queryKey: changeRequestKeys.agent(agentId),
    queryFn: ({ signal }) => request<ChangeRequestList>(base(agentId), { signal }),
  });

export const changeRequestQuery = (agentId: string, id: string) =>
  queryOptions({
    queryKey: changeRequestKeys.one(agentId, id),
    queryFn: ({ signal }) => request<ChangeRequest>(`${base(agentId)}/${enc(id)}`, { signal }),
  });

/** Open requests per agent the member may see (team mode), for the navigation's badge. */
export function useOpenRequestCount(agentId: string): number {
  const team = useMe()?.mode === 'team';
  const open = useQuery({
    queryKey: changeRequestKeys.open,
    queryFn: ({ signal }) => request<{ open: Record<string, number> }>('/api/change-requests/open', { signal }),
    enabled: team,
    refetchInterval: 30_000,
  }).data?.open;
  return open?.[agentId] ?? 0;
}

export function useChangeRequestActions(agentId: string) {
  const queryClient = useQueryClient();
  const settled = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: changeRequestKeys.all }),
      queryClient.invalidateQueries({ queryKey: historyKeys.agent(agentId) }),
      queryClient.invalidateQueries({ queryKey: configKeys.agent(agentId) }),
      // An applied request may have changed a connector or moved or deleted numbers.
      queryClient.invalidateQueries({ queryKey: connectorKeys.agent(agentId) }),
      queryClient.invalidateQueries({ queryKey: phoneNumberKeys.agent(agentId) }),
    ]);
  const post = (id: string, action: string, body: object = {}) =>
    request<ChangeRequest>(`${base(agentId)}/${enc(id)}/${action}`, { method: 'POST', body });
  return {
    open: useMutation({
      mutationFn: (input: NewChangeRequest) => request<ChangeRequest>(base(agentId), { method: 'POST', body: input }),
      onSettled: settled,
    }),
    edit: useMutation({
      mutationFn: ({ id, ...edit }: { id: string; body: Record<string, unknown>; baseVersion: string; note: string }) =>
        request<ChangeRequest>(`${base(agentId)}/${enc(id)}`, { method: 'PUT', body: edit }),
      onSettled: settled,
    }),
    comment: useMutation({
      mutationFn: ({ id, text }: { id: string; text: string }) => post(id, 'comments', { text }),
      onSettled: settled,
    }),
    approve: useMutation({ mutationFn: (id: string) => post(id, 'approve'), onSettled: settled }),
    decline: useMutation({
      mutationFn: ({ id, text }: { id: string; text?: string }) => post(id, 'decline', text ? { text } : {}),
      onSettled: settled,
    }),
    schedule: useMutation({
      mutationFn: ({ id, at }: { id: string; at: string | null }) =>
        request<ChangeRequest>(
          `${base(agentId)}/${enc(id)}/schedule`,
          at ? { method: 'PUT', body: { at } } : { method: 'DELETE' },
        ),
      onSettled: settled,
    }),
    apply: useMutation({
      mutationFn: ({ id, breakGlass }: { id: string; breakGlass?: string }) =>
        post(id, 'apply', breakGlass ? { breakGlass: { reason: breakGlass } } : {}),
      onSettled: settled,
    }),
  };
}
