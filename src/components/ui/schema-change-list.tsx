import { pathOf } from '../../lib/json-pointer.ts';
import type { SchemaDifference } from '../../lib/schema-diff.ts';

/** Schema changes property by property: + added, − removed, ~ changed with what changed. */
export function SchemaChangeList({ changes, className = '' }: { changes: SchemaDifference[]; className?: string }) {
  return (
    <ul className={`space-y-1 text-sm ${className}`}>
      {changes.map((change) => (
        <li key={`${change.kind}${change.pointer}`}>
          <span className="font-medium">
            {change.kind === 'presence' ? (change.presentIn.includes('after') ? '+ Added' : '− Removed') : '~ Changed'}
          </span>{' '}
          <code>{change.pointer === '' ? '(root)' : pathOf(change.pointer).join('.')}</code>
          {change.kind !== 'presence' && `: ${change.detail}`}
        </li>
      ))}
    </ul>
  );
}
