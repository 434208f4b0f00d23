/** The compare view's state in the URL (columns and their order, filter, search), so a view can be shared. */
import { CLIENT_ENVS, isClientEnv, type ClientEnv } from '../../contract/client-envs.ts';
import { paths } from './paths.ts';

export const SHOW_OPTIONS = ['all', 'differs', 'failing', 'unschemad'] as const;
export type Show = (typeof SHOW_OPTIONS)[number];
export type CompareView = { envs: ClientEnv[]; show: Show; query: string };

/** `fallback`: what is shown when the URL does not say (on a phone, only the differences). */
export function readView(params: URLSearchParams, fallback: Show = 'all'): CompareView {
  const listed = (params.get('envs') ?? '').split(',').filter(isClientEnv);
  const envs = [...new Set(listed)];
  const show = params.get('show') ?? '';
  return {
    // Comparing needs two columns at least; anything less falls back to all three in promotion order.
    envs: envs.length >= 2 ? envs : [...CLIENT_ENVS],
    show: (SHOW_OPTIONS as readonly string[]).includes(show) ? (show as Show) : fallback,
    query: params.get('q') ?? '',
  };
}

/** Only what differs from the defaults is written, so plain links stay short. */
export function writeView({ envs, show, query }: CompareView, fallback: Show = 'all'): URLSearchParams {
  const params = new URLSearchParams();
  if (envs.join() !== CLIENT_ENVS.join()) params.set('envs', envs.join(','));
  if (show !== fallback) params.set('show', show);
  if (query) params.set('q', query);
  return params;
}

export const compareHref = (agentId: string, view: Partial<CompareView> = {}) => {
  const search = writeView({ envs: [...CLIENT_ENVS], show: 'all', query: '', ...view }).toString();
  return paths.compare(agentId, search);
};
