import { pathOf } from '../../lib/json-pointer.ts';
import type { SchemaDifference } from '../../lib/schema-diff.ts';
import { plural } from '../../../contract/plural.ts';

const KIND_LABELS = { presence: 'Property', type: 'Type', constraints: 'Constraints' };

/** The schemas' differences, collapsed by default: most comparisons are about values. */
export function SchemaDifferencesPanel({ differences }: { differences: SchemaDifference[] }) {
  if (differences.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">= The schemas are the same.</p>;
  return (
    <details className="rounded-lg border border-violet-200 bg-violet-50/60 px-3 py-2 text-sm dark:border-violet-900 dark:bg-violet-950/30">
      <summary className="cursor-pointer font-medium text-violet-900 dark:text-violet-200">
        ◆ {plural(differences.length, 'schema difference', 'schema differences')}
      </summary>
      <ul className="mt-2 space-y-1">
        {differences.map((d) => (
          <li key={`${d.kind}${d.pointer}`}>
            <span className="text-xs uppercase tracking-wide text-slate-700 dark:text-slate-300">
              {KIND_LABELS[d.kind]}
            </span>{' '}
            <code className="font-mono text-xs font-semibold">
              {d.pointer === '' ? '(root)' : pathOf(d.pointer).join('.')}
            </code>
            : {d.detail}
          </li>
        ))}
      </ul>
    </details>
  );
}
