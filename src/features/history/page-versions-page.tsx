import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { isClientEnv, type ClientEnv } from '../../../contract/client-envs.ts';
import type { JsonObject } from '../../../contract/agents-api.ts';
import { configPageQuery } from '../../api/configs.ts';
import { pageAtQuery } from '../../api/history.ts';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states.tsx';
import { formatValue } from '../../components/ui/value-change.tsx';
import { jsonEqual } from '../../lib/json-equal.ts';
import { paths, useRouteParams } from '../../lib/paths.ts';
import { plural } from '../../../contract/plural.ts';
import { useRestoreFlow } from './restore-dialog.tsx';

const readable = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
/** `datetime-local` speaks local time without a zone; the URL keeps ISO (UTC). */
const toLocalInput = (iso: string) => {
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
};

/**
 * /agents/:agentId/history/versions?env=…&at=…&with=… — a page as it was at one moment, beside another moment (or as
 * it is now), key by key; and a way back to the earlier one.
 */
export function PageVersionsPage() {
  const { agentId } = useRouteParams();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const env = params.get('env') ?? '';
  const at = params.get('at') ?? '';
  const other = params.get('with') ?? undefined;
  const valid = isClientEnv(env) && !Number.isNaN(Date.parse(at));
  const then = useQuery({ ...pageAtQuery(agentId, env as ClientEnv, at), enabled: valid });
  const compared = useQuery({
    ...pageAtQuery(agentId, env as ClientEnv, other ?? ''),
    enabled: valid && other !== undefined,
  });
  const now = useQuery({
    ...configPageQuery(queryClient, agentId, env as ClientEnv),
    enabled: valid && other === undefined,
  });
  const [onlyDifferent, setOnlyDifferent] = useState(true);
  const restore = useRestoreFlow(agentId);

  const right = other === undefined ? now.data?.variables : compared.data?.variables;
  const rows = useMemo(() => {
    if (!then.data || !right) return [];
    const left = then.data.variables;
    // A page known only through writes is compared on the keys written; the others were never seen.
    const keys = (
      then.data.partial ? Object.keys(left) : [...new Set([...Object.keys(left), ...Object.keys(right)])]
    ).sort();
    return keys.map((key) => ({
      key,
      left: left[key],
      right: (right as JsonObject)[key],
      same: jsonEqual(left[key], (right as JsonObject)[key]),
    }));
  }, [then.data, right]);

  if (!valid)
    return (
      <EmptyState title="Choose an environment and a moment">Open this view from an entry of the history.</EmptyState>
    );
  const setMoment = (name: 'at' | 'with', local: string) => {
    const next = new URLSearchParams(params);
    if (local) next.set(name, new Date(local).toISOString());
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const rightLabel = other === undefined ? 'Now' : readable(other);
  const shown = onlyDifferent ? rows.filter((row) => !row.same) : rows;
  const differing = rows.filter((row) => !row.same).length;

  return (
    <div className="space-y-4">
      <div>
        <Link
          to={paths.history(agentId, new URLSearchParams({ env }))}
          className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-300"
        >
          ← History of {ENV_LABELS[env]}
        </Link>
        <h1 className="mt-1 text-xl font-semibold">
          {ENV_LABELS[env]} at {readable(at)}
        </h1>
      </div>
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label>
          <span className="block font-medium">As it was at</span>
          <input
            type="datetime-local"
            step={1}
            value={toLocalInput(at)}
            onChange={(event) => setMoment('at', event.target.value)}
            className="mt-1 rounded-md border-0 px-2 py-1 ring-1 ring-inset ring-slate-300 dark:bg-slate-950 dark:ring-slate-700"
          />
        </label>
        <label>
          <span className="block font-medium">Beside (empty: now)</span>
          <input
            type="datetime-local"
            step={1}
            value={other ? toLocalInput(other) : ''}
            onChange={(event) => setMoment('with', event.target.value)}
            className="mt-1 rounded-md border-0 px-2 py-1 ring-1 ring-inset ring-slate-300 dark:bg-slate-950 dark:ring-slate-700"
          />
        </label>
        <label className="flex items-center gap-2 pb-1">
          <input
            type="checkbox"
            className="size-4"
            checked={onlyDifferent}
            onChange={(event) => setOnlyDifferent(event.target.checked)}
          />
          Only keys that differ
        </label>
      </div>
      {restore.status}
      {then.isPending || (other === undefined ? now.isPending : compared.isPending) ? (
        <Loading label="Rebuilding the page from its history…" />
      ) : then.isError || compared.isError || now.isError ? (
        <ErrorState title="This version could not be rebuilt" error={then.error ?? compared.error ?? now.error} />
      ) : (
        <Card className="p-4">
          {then.data?.partial ? (
            <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-100">
              Switchboard has only seen this page written, never read whole: only the keys those writes changed are
              shown.
            </p>
          ) : (
            then.data?.recordedSince &&
            Date.parse(at) < Date.parse(then.data.recordedSince) && (
              <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-100">
                Switchboard first recorded this page on {readable(then.data.recordedSince)}. Earlier than that, only the
                values its recorded changes replaced are known; every other key is shown as first seen.
              </p>
            )
          )}
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm">
              {differing === 0 ? 'The two are the same.' : `${plural(differing, 'key differs', 'keys differ')}.`}
            </p>
            {other === undefined && differing > 0 && then.data && (
              <Button
                onClick={() =>
                  restore.open({
                    env,
                    target: Object.fromEntries(rows.filter((row) => !row.same).map((row) => [row.key, row.left])),
                    what: `the page as it was at ${readable(at)}`,
                    entryId: `page-at:${at}`,
                  })
                }
              >
                Restore this version…
              </Button>
            )}
          </div>
          <div className="mt-3 overflow-x-auto">
            <table className="w-full min-w-[36rem] table-fixed text-left text-sm">
              <thead className="text-xs text-slate-600 dark:text-slate-400">
                <tr>
                  <th scope="col" className="w-1/4 py-1 pr-3 font-medium">
                    Key
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    {readable(at)}
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    {rightLabel}
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((row) => (
                  <tr
                    key={row.key}
                    className={`border-t border-slate-100 align-top dark:border-slate-800 ${row.same ? '' : 'bg-amber-50/60 dark:bg-amber-950/20'}`}
                  >
                    <th scope="row" className="break-words py-1.5 pr-3 font-mono text-xs font-semibold">
                      {row.key}
                    </th>
                    <td className="py-1.5 pr-3">
                      <pre className="whitespace-pre-wrap break-words font-mono text-xs">{formatValue(row.left)}</pre>
                    </td>
                    <td className="py-1.5">
                      <pre className="whitespace-pre-wrap break-words font-mono text-xs">{formatValue(row.right)}</pre>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
      {restore.dialog}
    </div>
  );
}
