import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { PhoneNumber, PhoneNumberList } from '../../contract/agents-api.ts';
import { enc, request } from './http-client.ts';

export const phoneNumberKeys = {
  all: ['phone-numbers'] as const,
  agent: (agentId: string) => [...phoneNumberKeys.all, agentId] as const,
  list: (agentId: string) => [...phoneNumberKeys.agent(agentId), 'list'] as const,
  ofConnector: (agentId: string, connectorId: string) =>
    [...phoneNumberKeys.agent(agentId), 'connector', connectorId] as const,
};

const base = (agentId: string) => `/v1/agents/${enc(agentId)}/telephony/phone-numbers`;

export const getPhoneNumbers = (agentId: string, signal?: AbortSignal, connectorId?: string) =>
  request<PhoneNumberList>(connectorId ? `${base(agentId)}?connectorId=${enc(connectorId)}` : base(agentId), {
    signal,
  });

/** Moves a number to another connector (it keeps its own environment). */
export const reassignPhoneNumber = (agentId: string, number: string, connectorId: string) =>
  request<PhoneNumber>(`${base(agentId)}/${enc(number)}`, { method: 'PATCH', body: { connectorId } });

export const phoneNumberListQuery = (agentId: string) =>
  queryOptions({ queryKey: phoneNumberKeys.list(agentId), queryFn: ({ signal }) => getPhoneNumbers(agentId, signal) });

/** The numbers one connector answers (the server filters; no need for the whole list). */
export const connectorNumbersQuery = (agentId: string, connectorId: string) =>
  queryOptions({
    queryKey: phoneNumberKeys.ofConnector(agentId, connectorId),
    queryFn: ({ signal }) => getPhoneNumbers(agentId, signal, connectorId),
  });

export function useReassignPhoneNumber(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ number, connectorId }: { number: string; connectorId: string }) =>
      reassignPhoneNumber(agentId, number, connectorId),
    onSuccess: (updated) => {
      queryClient.setQueryData<PhoneNumberList>(phoneNumberKeys.list(agentId), (list) =>
        list ? { phoneNumbers: list.phoneNumbers.map((n) => (n.number === updated.number ? updated : n)) } : list,
      );
      // It left one connector's list and joined another's.
      return queryClient.invalidateQueries({ queryKey: [...phoneNumberKeys.agent(agentId), 'connector'] });
    },
  });
}
