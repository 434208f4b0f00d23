import type { HistoryEntry } from '../../../contract/history.ts';
import { Card } from '../../components/ui/card.tsx';
import { EnvBadge } from '../../components/ui/env-badge.tsx';
import { Timestamp } from '../../components/ui/timestamp.tsx';
import { formatValue } from '../../components/ui/value-change.tsx';

/** How many of a key's values are listed; the entries below hold them all. */
const LISTED = 12;

/**
 * A key's blame: who last changed it, when and why, and its values over time (newest first), from the entries the
 * page loaded for this key.
 */
export function KeyBlame({ name, entries, complete }: { name: string; entries: HistoryEntry[]; complete: boolean }) {
  const values = entries.flatMap((entry) =>
    entry.changes.filter((change) => change.key === name).map((change) => ({ entry, change })),
  );
  const latest = values[0];
  return (
    <Card className="p-4">
      <h2 className="text-base font-semibold">
        <code>{name}</code>
      </h2>
      {latest ? (
        <>
          <p className="mt-1 text-sm">
            Last changed by <span className="font-medium">{latest.entry.author ?? 'someone outside Switchboard'}</span>,{' '}
            <Timestamp iso={latest.entry.at} />
            {latest.entry.clientEnv && (
              <>
                {' '}
                in <EnvBadge env={latest.entry.clientEnv} />
              </>
            )}
          </p>
          {latest.entry.note && (
            <blockquote className="mt-1 whitespace-pre-line border-l-2 border-brand-500 pl-3 text-sm italic">
              {latest.entry.note}
            </blockquote>
          )}
          <div className="mt-3 overflow-x-auto">
            <table className="w-full min-w-[28rem] text-left text-sm">
              <caption className="sr-only">Values of {name} over time, newest first</caption>
              <thead className="text-xs text-slate-600 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    From
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    Environment
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    Value
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    By
                  </th>
                </tr>
              </thead>
              <tbody>
                {values.slice(0, LISTED).map(({ entry, change }) => (
                  <tr key={entry.id} className="border-t border-slate-100 align-top dark:border-slate-800">
                    <td className="py-1 pr-3 whitespace-nowrap">
                      <time dateTime={entry.at} title={entry.at}>
                        {new Date(entry.at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}
                      </time>
                    </td>
                    <td className="py-1 pr-3">{entry.clientEnv && <EnvBadge env={entry.clientEnv} />}</td>
                    <td
                      className="max-w-md truncate py-1 pr-3 font-mono text-xs"
                      title={formatValue(change.after, '(removed)')}
                    >
                      {formatValue(change.after, '(removed)')}
                    </td>
                    <td className="py-1">{entry.author ?? 'unknown'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {(values.length > LISTED || !complete) && (
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">Older values are in the changes below.</p>
          )}
        </>
      ) : (
        <p className="mt-1 text-sm">No recorded change to this key{complete ? '' : ' yet in what is loaded'}.</p>
      )}
    </Card>
  );
}
