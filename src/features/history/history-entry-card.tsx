import { useState } from 'react';
import { Link } from 'react-router';
import type { ClientEnv, JsonObject } from '../../../contract/agents-api.ts';
import type { HistoryEntry } from '../../../contract/history.ts';
import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { ENV_LABELS, EnvBadge } from '../../components/ui/env-badge.tsx';
import { SchemaChangeList } from '../../components/ui/schema-change-list.tsx';
import { Timestamp } from '../../components/ui/timestamp.tsx';
import { formatValue, ValueChange } from '../../components/ui/value-change.tsx';
import { paths, type SchemaRestoreState } from '../../lib/paths.ts';
import { plural } from '../../../contract/plural.ts';
import { schemaDifferences } from '../../lib/schema-diff.ts';
import type { RestoreRequest } from './restore-dialog.tsx';

/** The first changes shown of a big entry (a promotion of 200 keys); the rest one click away. */
const SHOWN_CHANGES = 6;

export function kindLabel(entry: HistoryEntry): string {
  switch (entry.kind) {
    case 'variables':
      return 'Values saved';
    case 'schema':
      return 'Schema saved';
    case 'external':
      return 'Changed outside Switchboard';
    case 'restore':
      return 'Restored';
    case 'promotion':
      return entry.source ? `Promoted from ${ENV_LABELS[entry.source as ClientEnv] ?? entry.source}` : 'Promoted';
    case 'connector':
      return 'Connector';
    case 'phone-number':
      return 'Phone numbers';
    case 'change-request':
      return 'Change request';
  }
}

const OUTCOME_WORDS = { unknown: 'Outcome unknown: no answer came back', 'not-applied': 'Did not land' } as const;

type Props = {
  agentId: string;
  entry: HistoryEntry;
  /** Opens the review of a restore (keys back to values this entry recorded). */
  onRestore: (request: RestoreRequest) => void;
  /** Shows this key's history (blame). */
  keyLink: (key: string) => string;
};

/** One recorded change: when, who, why, where, and each key old → new, with the ways back. */
export function HistoryEntryCard({ agentId, entry, onRestore, keyLink }: Props) {
  const [allShown, setAllShown] = useState(false);
  const env = entry.clientEnv;
  const isPage = env && entry.kind !== 'connector' && entry.kind !== 'phone-number';
  const restorable = isPage && entry.outcome === 'applied';
  const changes = allShown ? entry.changes : entry.changes.slice(0, SHOWN_CHANGES);
  const when = new Date(entry.at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <article
      aria-label={`${kindLabel(entry)}, ${when}`}
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        {env && <EnvBadge env={env} />}
        <span className="font-semibold">{kindLabel(entry)}</span>
        {entry.outcome !== 'applied' && (
          <Badge tone={entry.outcome === 'unknown' ? 'warn' : 'neutral'}>{OUTCOME_WORDS[entry.outcome]}</Badge>
        )}
        <span className="text-slate-600 dark:text-slate-400">
          <Timestamp iso={entry.at} />
        </span>
      </header>
      <p className="mt-1 text-sm">
        {entry.author ? (
          <span className="font-medium">{entry.author}</span>
        ) : (
          <span className="text-slate-600 dark:text-slate-400">
            Author unknown (PolyAI Studio, a script or another console)
          </span>
        )}
        {entry.subject && <span> · {entry.subject}</span>}
      </p>
      {entry.note && (
        <blockquote className="mt-2 whitespace-pre-line border-l-2 border-brand-500 pl-3 text-sm italic">
          {entry.note}
        </blockquote>
      )}

      {entry.schema && (
        <SchemaSummary
          before={entry.schema.before as JsonObject | undefined}
          after={entry.schema.after as JsonObject}
        />
      )}
      {changes.length > 0 && !isPage && (
        // A telephony write is recorded as sent: what it set, not what it replaced.
        <ul className="mt-3 space-y-1 text-sm" aria-label="What was set">
          {changes.map((change) => (
            <li key={change.key} className="font-mono text-xs">
              <span className="font-semibold">{change.key}</span>{' '}
              {change.after === undefined ? (
                <span className="text-red-800 dark:text-red-300">removed</span>
              ) : (
                <>set to {formatValue(change.after)}</>
              )}
            </li>
          ))}
        </ul>
      )}
      {changes.length > 0 && isPage && (
        <ul className="mt-3 space-y-2" aria-label="Changed keys">
          {changes.map((change) => (
            <ValueChange
              key={change.key}
              name={change.key}
              before={change.before}
              after={change.after}
              beforeLabel="Before"
              afterLabel="After"
            >
              {isPage && (
                <div className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs">
                  <Link
                    to={keyLink(change.key)}
                    className="font-medium text-brand-700 hover:underline dark:text-brand-300"
                  >
                    History of {change.key}
                  </Link>
                  {restorable && change.after !== undefined && (
                    <button
                      type="button"
                      className="font-medium text-brand-700 hover:underline dark:text-brand-300"
                      onClick={() =>
                        onRestore({
                          env,
                          target: { [change.key]: change.after },
                          what: `${change.key} as of ${when}`,
                          entryId: entry.id,
                        })
                      }
                    >
                      Restore this value
                    </button>
                  )}
                </div>
              )}
            </ValueChange>
          ))}
        </ul>
      )}
      {entry.changes.length > SHOWN_CHANGES && (
        <button
          type="button"
          className="mt-2 text-sm font-medium text-brand-700 hover:underline dark:text-brand-300"
          onClick={() => setAllShown(!allShown)}
        >
          {allShown ? 'Show fewer' : `Show all ${plural(entry.changes.length, 'change', 'changes')}`}
        </button>
      )}

      {isPage && (
        <div className="mt-3 flex flex-wrap gap-2">
          {restorable && entry.changes.length > 0 && (
            <Button
              onClick={() =>
                onRestore({
                  env,
                  target: Object.fromEntries(entry.changes.map((change) => [change.key, change.before])),
                  what: `the values before this change (${when})`,
                  entryId: entry.id,
                })
              }
            >
              Undo this change
            </Button>
          )}
          {restorable && entry.schema?.before !== undefined && (
            <Link
              to={paths.schemaEditor(agentId, env)}
              state={
                {
                  restoreSchema: entry.schema.before as JsonObject,
                  restoreOf: entry.id,
                  restoreWhat: `the schema as it was before ${when}`,
                } satisfies SchemaRestoreState
              }
              className="rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-slate-300 hover:bg-slate-50 dark:ring-slate-700 dark:hover:bg-slate-800"
            >
              Restore the schema before this change…
            </Link>
          )}
          <Link
            to={paths.versions(agentId, env, entry.at)}
            className="rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-slate-300 hover:bg-slate-50 dark:ring-slate-700 dark:hover:bg-slate-800"
          >
            {ENV_LABELS[env]} as it was then
          </Link>
        </div>
      )}
    </article>
  );
}

function SchemaSummary({ before, after }: { before: JsonObject | undefined; after: JsonObject }) {
  if (before === undefined)
    return <p className="mt-2 text-sm">The schema was replaced (its earlier version was not recorded).</p>;
  const differences = schemaDifferences([before, after], ['before', 'after']);
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer">
        Schema:{' '}
        {differences.length === 0
          ? 'wording only (titles, descriptions, examples)'
          : plural(differences.length, 'change', 'changes')}
      </summary>
      <SchemaChangeList changes={differences} className="mt-1" />
    </details>
  );
}
