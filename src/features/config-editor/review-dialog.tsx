import { useState } from 'react';
import type { ClientEnv, JsonObject } from '../../../contract/agents-api.ts';
import { Button } from '../../components/ui/button.tsx';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import { Modal } from '../../components/ui/modal.tsx';
import { RequestBody } from '../../components/ui/request-body.tsx';
import { NoteField, noteSatisfied } from '../../components/ui/note-field.tsx';
import { isConfirmed, TypeToConfirm } from '../../components/ui/type-to-confirm.tsx';
import { ValueChange } from '../../components/ui/value-change.tsx';
import { wholeObjectNote } from './whole-object-note.ts';
import { agree, plural } from '../../../contract/plural.ts';

type Props = {
  env: ClientEnv;
  before: JsonObject;
  patch: JsonObject;
  /** The team requires a note for this environment. */
  noteRequired: boolean;
  /** Under an approval policy: how many approvals the change needs (it becomes a change request, not a write). */
  approvals?: number;
  onConfirm: (note: string) => void;
  onCancel: () => void;
};

/** Shows exactly what a save sends, old → new per key; live needs the word "live" typed before it is sent. */
export function ReviewDialog({ env, before, patch, noteRequired, approvals, onConfirm, onCancel }: Props) {
  const [typed, setTyped] = useState('');
  const [note, setNote] = useState('');
  const requesting = approvals !== undefined;
  // A request writes nothing yet: `live` is typed when it is applied.
  const confirmed = (requesting || isConfirmed(env, typed)) && noteSatisfied(noteRequired || requesting, note);
  const keys = Object.keys(patch);
  return (
    <Modal labelledBy="review-title" onClose={onCancel} className="w-[min(44rem,calc(100vw-2rem))] p-0">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (confirmed) onConfirm(note);
        }}
        className="space-y-4 p-6"
      >
        <h2 id="review-title" className="text-lg font-semibold">
          {requesting ? 'Request approval for' : 'Review'} {plural(keys.length, 'change', 'changes')} to{' '}
          {ENV_LABELS[env]}
        </h2>
        {requesting && (
          <p className="rounded-md border border-brand-200 bg-brand-50 px-3 py-2 text-sm dark:border-brand-800 dark:bg-brand-950">
            Changes to {ENV_LABELS[env]} need {plural(approvals, 'approval', 'approvals')} from someone else on the
            team. This opens a change request; nothing reaches {ENV_LABELS[env]} until it is approved and applied.
          </p>
        )}
        <ul className="max-h-[45vh] space-y-3 overflow-auto">
          {keys.map((key) => {
            const note = wholeObjectNote(before[key], patch[key]);
            return (
              <ValueChange key={key} name={key} before={before[key]} after={patch[key]}>
                {note && (
                  <p className="mt-2 rounded-md bg-amber-50 px-3 py-1.5 text-xs text-amber-950 dark:bg-amber-950/40 dark:text-amber-100">
                    ⚠ Saving <code>{key}</code> saves all of it: {note.changed.join(', ')}{' '}
                    {agree(note.changed.length, 'changes', 'change')}; {note.resent.join(', ')}{' '}
                    {agree(note.resent.length, 'is', 'are')} saved again as{' '}
                    {agree(note.resent.length, 'it is', 'they are')}, over any change made meanwhile{' '}
                    <span className="text-amber-800 dark:text-amber-300">(the API replaces top-level keys whole)</span>.
                  </p>
                )}
              </ValueChange>
            );
          })}
        </ul>
        <RequestBody patch={patch} />
        <NoteField value={note} onChange={setNote} required={noteRequired || requesting} />
        {env === 'live' && !requesting && <TypeToConfirm word="live" value={typed} onChange={setTyped} />}
        <div className="flex justify-end gap-2">
          <Button onClick={onCancel}>Keep editing</Button>
          <Button type="submit" variant={env === 'live' && !requesting ? 'danger' : 'primary'} disabled={!confirmed}>
            {requesting ? 'Request approval' : `Save to ${ENV_LABELS[env]}`}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
