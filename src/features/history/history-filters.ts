/**
 * The history page's filters live in the URL (a filtered view can be linked and survives a reload): `env`, `key`,
 * `author`, `kind`, `q`, and `from` / `to` as calendar days in the user's time zone.
 */
import { isClientEnv } from '../../../contract/client-envs.ts';
import { HISTORY_KINDS, type HistoryKind } from '../../../contract/history-values.ts';
import type { HistoryFilters } from '../../api/history.ts';

export type HistoryView = {
  env?: string;
  key?: string;
  author?: string;
  kind?: string;
  q?: string;
  from?: string;
  to?: string;
};
const FIELDS = ['env', 'key', 'author', 'kind', 'q', 'from', 'to'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readHistoryView(params: URLSearchParams): HistoryView {
  const view: HistoryView = {};
  for (const field of FIELDS) {
    const value = params.get(field)?.trim();
    if (value) view[field] = value;
  }
  return view;
}

export function writeHistoryView(view: HistoryView): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of FIELDS) if (view[field]) params.set(field, view[field]);
  return params;
}

/** What the server is asked for; values it would refuse (an unknown kind, a malformed day) are left out. */
export function filtersOf(view: HistoryView): HistoryFilters {
  const filters: HistoryFilters = {};
  if (view.env && isClientEnv(view.env)) filters.clientEnv = view.env;
  if (view.key) filters.key = view.key;
  if (view.author) filters.author = view.author;
  if (view.kind && (HISTORY_KINDS as readonly string[]).includes(view.kind)) filters.kind = view.kind as HistoryKind;
  if (view.q) filters.q = view.q;
  if (view.from && DAY.test(view.from)) filters.since = dayStart(view.from);
  if (view.to && DAY.test(view.to)) filters.until = dayEnd(view.to);
  return filters;
}

const dayStart = (day: string) => new Date(`${day}T00:00:00`).toISOString();
const dayEnd = (day: string) => new Date(`${day}T23:59:59.999`).toISOString();
