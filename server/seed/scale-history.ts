/**
 * The benchmark agent's history: SCALE.historyEntries recorded changes over the past year (saves with notes,
 * promotions, restores, changes made outside Switchboard) across its three environments, in Switchboard's own
 * store. Deterministic, and only added once. The values are generated, not replayed: rebuilding an old version of
 * this agent's pages from them shows generated values.
 */
import { CLIENT_ENVS } from '../../contract/agents-api.ts';
import type { StateDb } from '../state/state-store.ts';
import { seededRandom } from './scale-data.ts';
import { SCALE_AGENT_ID } from './scale-seed.ts';
import { SCALE } from './scale-size.ts';

const AUTHORS = ['dana', 'sam.okafor', 'priya', 'li.wei', 'marta', 'jon', 'aisha', 'tomas'];
const NOTES = [
  'Holiday hours',
  'Promo rotation',
  'Ticket OPS-812',
  'Rollback after complaints',
  'Seasonal greeting',
  'Copy from pre-release',
];
const KINDS = ['variables', 'variables', 'variables', 'promotion', 'restore', 'external'] as const;
const DAY_MS = 86_400_000;
/** Rows per INSERT: SQLite binds at most 32,766 values per statement. */
const SLICE = 1_000;

export async function seedScaleHistory(state: StateDb): Promise<boolean> {
  const existing = await state
    .selectFrom('history_entries')
    .select('id')
    .where('agent_id', '=', SCALE_AGENT_ID)
    .limit(1)
    .executeTakeFirst();
  if (existing) return false;
  const random = seededRandom(17);
  const total = SCALE.historyEntries;
  const start = Date.now() - 365 * DAY_MS;
  await state.transaction().execute(async (tx) => {
    for (let from = 0; from < total; from += SLICE) {
      const entries = [];
      const changes: { index: number; key: string; before: number; after: number }[] = [];
      for (let i = from; i < Math.min(total, from + SLICE); i++) {
        const kind = KINDS[Math.floor(random() * KINDS.length)];
        entries.push({
          agent_id: SCALE_AGENT_ID,
          client_env: CLIENT_ENVS[i % 3],
          kind,
          outcome: 'applied',
          at: new Date(start + (i / total) * 365 * DAY_MS).toISOString(),
          author: kind === 'external' ? null : AUTHORS[Math.floor(random() * AUTHORS.length)],
          note: random() < 0.3 ? NOTES[Math.floor(random() * NOTES.length)] : null,
          correlation_id: null,
          version: null,
          subject: null,
          source: kind === 'promotion' ? 'sandbox' : null,
          schema_before: null,
          schema_after: null,
        });
        const count = 1 + Math.floor(random() * 3);
        for (let c = 0; c < count; c++) {
          // An integer property of the generated schema (every tenth key from setting_0001).
          const key = `setting_${String(1 + 10 * Math.floor(random() * (SCALE.variables / 10))).padStart(4, '0')}`;
          if (!changes.some((change) => change.index === i && change.key === key))
            changes.push({ index: i, key, before: Math.floor(random() * 100), after: Math.floor(random() * 100) });
        }
      }
      // One statement in one transaction: the rows get consecutive ids (RETURNING's own order is not guaranteed).
      const ids = await tx.insertInto('history_entries').values(entries).returning('id').execute();
      const firstId = Math.min(...ids.map((row) => row.id));
      const rows = changes.map(({ index, key, before, after }) => ({
        entry_id: firstId + index - from,
        key,
        before_json: String(before),
        after_json: String(after),
      }));
      for (let i = 0; i < rows.length; i += SLICE)
        await tx
          .insertInto('history_changes')
          .values(rows.slice(i, i + SLICE))
          .execute();
    }
  });
  return true;
}
