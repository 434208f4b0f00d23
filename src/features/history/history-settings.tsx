import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { historyKeys, historySettingsQuery, saveHistorySettings } from '../../api/history.ts';
import type { HistorySettings } from '../../../contract/history.ts';
import { Button } from '../../components/ui/button.tsx';
import { useMe } from '../../api/me.ts';
import { isAdmin } from '../../../contract/access-rules.ts';

/** The team's history rules: a note required for live, and how long entries are kept. */
export function HistorySettingsPanel() {
  const settings = useQuery(historySettingsQuery());
  const me = useMe();
  // Team mode: settings are an admin's (the server refuses anyone else).
  if (me && !isAdmin(me)) return null;
  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-slate-300 hover:bg-slate-50 dark:ring-slate-700 dark:hover:bg-slate-800">
        Settings
      </summary>
      {/* Starts again from the saved settings whenever they change. */}
      {settings.data && <SettingsForm key={JSON.stringify(settings.data)} saved={settings.data} />}
    </details>
  );
}

function SettingsForm({ saved }: { saved: HistorySettings }) {
  const queryClient = useQueryClient();
  const [requireNote, setRequireNote] = useState(saved.requireNoteForLive);
  const [days, setDays] = useState(saved.retentionDays ? String(saved.retentionDays) : '');
  const save = useMutation({
    mutationFn: () =>
      saveHistorySettings({ requireNoteForLive: requireNote, ...(days && { retentionDays: Number(days) }) }),
    onSuccess: (next) => {
      queryClient.setQueryData(historyKeys.settings, next);
      return queryClient.invalidateQueries({ queryKey: historyKeys.all });
    },
  });
  const daysValid = days === '' || (/^\d+$/.test(days) && Number(days) >= 1 && Number(days) <= 36_500);

  return (
    <form
      aria-label="History settings"
      className="absolute right-0 z-10 mt-2 w-[min(22rem,calc(100vw-2rem))] space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
      onSubmit={(event) => {
        event.preventDefault();
        if (daysValid) save.mutate();
      }}
    >
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          className="mt-0.5 size-4"
          checked={requireNote}
          onChange={(event) => setRequireNote(event.target.checked)}
        />
        <span>
          Require a note for every change to <strong>live</strong>
          <span className="block text-xs text-slate-600 dark:text-slate-400">
            Enforced by the server for everyone using it.
          </span>
        </span>
      </label>
      <div>
        <label htmlFor="history-retention" className="font-medium">
          Keep entries for (days)
        </label>
        <input
          id="history-retention"
          inputMode="numeric"
          value={days}
          placeholder="forever"
          aria-invalid={!daysValid}
          aria-describedby="history-retention-hint"
          onChange={(event) => setDays(event.target.value.trim())}
          className="mt-1 block w-32 rounded-md border-0 px-2 py-1 ring-1 ring-inset ring-slate-300 dark:bg-slate-950 dark:ring-slate-700"
        />
        <p id="history-retention-hint" className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {daysValid
            ? 'Empty keeps everything. Older entries are removed when saved and at each start.'
            : 'A whole number of days, 1 or more.'}
        </p>
      </div>
      {save.isError && (
        <p role="alert" className="text-red-800 dark:text-red-300">
          Not saved: {(save.error as Error).message}
        </p>
      )}
      {save.isSuccess && !save.isPending && <p role="status">Saved.</p>}
      <Button type="submit" variant="primary" disabled={!daysValid || save.isPending}>
        {save.isPending ? 'Saving…' : 'Save settings'}
      </Button>
    </form>
  );
}
