/** The history entry a write makes: who, why, and what it changed, with what that held before. */
import type { JsonObject } from '../../contract/agents-api.ts';
import type { HistoryChange, HistoryKind } from '../../contract/history.ts';
import { plural } from '../../contract/plural.ts';
import type { Write } from '../../contract/writes.ts';
import { canonicalJson } from '../store/canonical-json.ts';
import type { NewEntry } from '../modules/history/history.repository.ts';

/** The config page as it was before this write: the keys it sends that existed, or its schema. */
export type PreviousPage = { variables: JsonObject; schema?: JsonObject };

/** Who, when and why of a write (its place in the history beside what it changed). */
export type EntryBase = Pick<NewEntry, 'agentId' | 'clientEnv' | 'author' | 'note' | 'correlationId' | 'source'> & {
  /** A page write that promotes or restores a version, said so by its writer. */
  kind?: 'promotion' | 'restore';
};

/** The top-level keys a PATCH changes: those whose value it sends differs from the one before. */
function variableChanges(previous: JsonObject, sent: JsonObject): HistoryChange[] {
  const changes: HistoryChange[] = [];
  for (const [key, after] of Object.entries(sent)) {
    const existed = Object.hasOwn(previous, key);
    if (existed && canonicalJson(previous[key]) === canonicalJson(after)) continue;
    changes.push(existed ? { key, before: previous[key], after } : { key, after });
  }
  return changes;
}

/** A config page write's entry: the keys it changes (or its schema), with what they held before. */
export function pageEntry(
  base: EntryBase,
  write: Extract<Write, { kind: 'variables' | 'schema' }>,
  previous: PreviousPage | undefined,
  outcome: 'applied' | 'unknown',
  version?: string,
): NewEntry {
  const { kind, ...rest } = base;
  const common = { ...rest, outcome, version };
  if (write.kind === 'schema')
    return {
      ...common,
      kind: kind ?? 'schema',
      changes: [],
      schema: { before: previous?.schema, after: write.schema },
    };
  const entryKind: HistoryKind = kind ?? 'variables';
  return {
    ...common,
    kind: entryKind,
    changes: variableChanges(previous?.variables ?? {}, write.variables as JsonObject),
  };
}

/** `Imported +44…` for one number, `Imported 3 numbers` for several. */
const numbersSubject = (verb: string, numbers: string[]) =>
  `${verb} ${numbers.length === 1 ? numbers[0] : plural(numbers.length, 'number', 'numbers')}`;

/** What a connector or phone-number write changed, in the words of its request. */
export function telephonyEntry(
  base: EntryBase,
  write: Exclude<Write, { kind: 'variables' | 'schema' }>,
  outcome: 'applied' | 'unknown',
): NewEntry {
  // Each entry below names its own kind (a page write's `kind` does not apply).
  const common = { ...base, outcome };
  const after = (key: string, value: unknown): HistoryChange => ({ key, after: value });
  switch (write.kind) {
    case 'connector':
      return {
        ...common,
        kind: 'connector',
        subject: `Connector ${write.connectorId}`,
        changes: Object.entries(write.changes).map(([key, value]) => after(key, value)),
      };
    case 'connector-delete':
      return { ...common, kind: 'connector', subject: `Deleted connector ${write.connectorId}`, changes: [] };
    case 'connector-batch':
      return {
        ...common,
        kind: 'connector',
        subject: `Batch edit of ${plural(write.updates.length, 'connector', 'connectors')}`,
        changes: write.updates.map(({ connectorId, ...fields }) => after(connectorId, fields)),
      };
    case 'number-import':
      return {
        ...common,
        kind: 'phone-number',
        subject: numbersSubject('Imported', write.numbers),
        changes: write.numbers.map((n) => after(n, 'imported')),
      };
    case 'phone-number-move':
      return {
        ...common,
        kind: 'phone-number',
        subject: `Moved ${write.phoneNumber}`,
        changes: [after(write.phoneNumber, { connectorId: write.connectorId })],
      };
    case 'number-release':
      return {
        ...common,
        kind: 'phone-number',
        subject: numbersSubject('Released', write.numbers),
        changes: write.numbers.map((n) => ({ key: n, before: 'assigned' })),
      };
  }
}
