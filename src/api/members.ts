/** Team mode's members (admins only): who may do what, and ending someone's sessions. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { MemberAccess, MemberList } from '../../contract/access.ts';
import { enc, request } from './http-client.ts';
import { meKeys } from './me.ts';

export const memberKeys = { all: ['members'] as const };

export const membersQuery = () =>
  queryOptions({ queryKey: memberKeys.all, queryFn: ({ signal }) => request<MemberList>('/api/members', { signal }) });

export function useMemberMutations() {
  const queryClient = useQueryClient();
  const settled = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: memberKeys.all }),
      queryClient.invalidateQueries({ queryKey: meKeys.all }),
    ]);
  return {
    setAccess: useMutation({
      mutationFn: ({ email, access }: { email: string; access: MemberAccess }) =>
        request<MemberList>(`/api/members/${enc(email)}`, { method: 'PUT', body: access }),
      onSettled: settled,
    }),
    remove: useMutation({
      mutationFn: (email: string) => request<void>(`/api/members/${enc(email)}`, { method: 'DELETE' }),
      onSettled: settled,
    }),
    signOut: useMutation({
      mutationFn: (email: string) =>
        request<{ ended: number }>(`/api/members/${enc(email)}/sign-out`, { method: 'POST' }),
      onSettled: settled,
    }),
  };
}
