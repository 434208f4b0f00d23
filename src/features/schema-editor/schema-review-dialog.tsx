import { useState } from 'react';
import type { ClientEnv, ConfigPage, JsonObject } from '../../../contract/agents-api.ts';
import type { VariablesCheck } from '../../../contract/config-validation.ts';
import { useConfigWrites } from '../../api/config-writes.ts';
import { ApiError } from '../../api/http-client.ts';
import { useNoteRequired } from '../../api/history.ts';
import { useChangeRequestActions, usePolicy } from '../../api/change-requests.ts';
import { Button } from '../../components/ui/button.tsx';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import { FieldErrorList } from '../../components/ui/field-error-list.tsx';
import { Modal } from '../../components/ui/modal.tsx';
import { SchemaChangeList } from '../../components/ui/schema-change-list.tsx';
import { NoteField, noteSatisfied } from '../../components/ui/note-field.tsx';
import { isConfirmed, TypeToConfirm } from '../../components/ui/type-to-confirm.tsx';
import { schemaDifferences } from '../../lib/schema-diff.ts';
import { EnvironmentImpact } from './blast-radius-panel.tsx';
import { plural } from '../../../contract/plural.ts';

type Props = {
  agentId: string;
  env: ClientEnv;
  basedOn: ConfigPage;
  schema: JsonObject;
  check: VariablesCheck;
  onSaved: (page: ConfigPage) => void;
  /** The server has a newer version: continue from it (the draft stays as it is). */
  onRebase: (current: ConfigPage) => void;
  onClose: () => void;
  /** A restore from the history says so (with its entry) in the record it leaves. */
  restoreOf?: string;
  /** Under an approval policy the schema is not saved but requested: called with the request opened. */
  onRequested: (id: string) => void;
};

/** Old → new property by property, this environment's blast radius, `live` typed out, then one conditional PUT. */
export function SchemaReviewDialog({
  agentId,
  env,
  basedOn,
  schema,
  check,
  onSaved,
  onRebase,
  onClose,
  restoreOf,
  onRequested,
}: Props) {
  const writes = useConfigWrites(agentId);
  const policy = usePolicy(agentId, env);
  const requests = useChangeRequestActions(agentId);
  const noteRequired = useNoteRequired()(env);
  const [typed, setTyped] = useState('');
  const [note, setNote] = useState('');
  const [conflict, setConflict] = useState<ConfigPage>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; landed: 'no' | 'unknown' }>();
  const changes = schemaDifferences([basedOn.schema, schema], ['before', 'after']);
  const label = ENV_LABELS[env];

  async function save() {
    setSaving(true);
    setFailure(undefined);
    if (policy) {
      const opened = await requests.open
        .mutateAsync({ clientEnv: env, kind: 'schema', body: schema, baseVersion: basedOn.lastUpdated ?? '', note })
        .catch((error: unknown) => {
          setFailure({ error, landed: 'no' });
          return undefined;
        });
      setSaving(false);
      if (opened) onRequested(opened.id);
      return;
    }
    const outcome = await writes.writeSchema(env, schema, basedOn, {
      note,
      ...(restoreOf && { kind: 'restore', source: restoreOf }),
    });
    setSaving(false);
    if (outcome.kind === 'saved') onSaved(outcome.page);
    else if (outcome.kind === 'conflict') setConflict(outcome.current);
    else setFailure(outcome);
  }

  return (
    <Modal labelledBy="schema-review-title" onClose={onClose} className="w-[min(52rem,calc(100vw-2rem))] p-0">
      <div className="space-y-4 p-6">
        <h2 id="schema-review-title" className="text-lg font-semibold">
          {policy ? `Request approval for the schema of ${label}` : `Save the schema of ${label}`}
        </h2>
        {policy && (
          <p className="rounded-md border border-brand-200 bg-brand-50 px-3 py-2 text-sm dark:border-brand-800 dark:bg-brand-950">
            Changes to {label} need {plural(policy.approvals, 'approval', 'approvals')} from someone else on the team:
            this opens a change request, and nothing reaches {label} until it is approved and applied.
          </p>
        )}
        <section aria-labelledby="schema-changes-title">
          <h3 id="schema-changes-title" className="text-sm font-semibold">
            {changes.length === 0
              ? 'Only wording changes (titles, descriptions, examples): no property or constraint changes'
              : plural(changes.length, 'change', 'changes')}
          </h3>
          <SchemaChangeList changes={changes} className="mt-1 max-h-48 overflow-auto" />
        </section>
        <section aria-labelledby="schema-impact-title">
          <h3 id="schema-impact-title" className="text-sm font-semibold">
            What it does to {label}’s stored values
          </h3>
          <ul className="mt-1">
            <EnvironmentImpact env={env} schema={schema} variables={basedOn.variables ?? {}} check={check} />
          </ul>
        </section>
        {conflict && (
          <div
            role="alert"
            className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
          >
            <p className="font-semibold">{label}’s schema changed since you opened it. Nothing was sent.</p>
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              <div>
                <p className="text-xs">On the server now</p>
                <pre
                  aria-label="Schema on the server"
                  className="max-h-48 overflow-auto rounded bg-white/70 p-2 text-xs dark:bg-slate-950/60"
                >
                  {JSON.stringify(conflict.schema ?? {}, null, 2)}
                </pre>
              </div>
              <div>
                <p className="text-xs">Yours</p>
                <pre
                  aria-label="Your schema"
                  className="max-h-48 overflow-auto rounded bg-white/70 p-2 text-xs dark:bg-slate-950/60"
                >
                  {JSON.stringify(schema, null, 2)}
                </pre>
              </div>
            </div>
          </div>
        )}
        {failure && !conflict && (
          <div
            role="alert"
            className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200"
          >
            <p className="font-semibold">
              {failure.landed === 'unknown' ? 'Not known whether it was saved: ' : 'Not saved: '}
              {(failure.error as Error).message}
            </p>
            {failure.error instanceof ApiError && failure.error.fieldErrors.length > 0 && (
              <FieldErrorList errors={failure.error.fieldErrors} />
            )}
            <p className="mt-1">
              {failure.landed === 'unknown'
                ? 'The page could not be read back either; look at it again before saving once more. '
                : ''}
              Your draft is kept.
            </p>
          </div>
        )}
        {!conflict && <NoteField value={note} onChange={setNote} required={noteRequired || !!policy} />}
        {env === 'live' && !conflict && !policy && <TypeToConfirm word="live" value={typed} onChange={setTyped} />}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Keep editing</Button>
          {conflict ? (
            <Button variant="primary" onClick={() => onRebase(conflict)}>
              Review against the new version
            </Button>
          ) : (
            <Button
              variant={env === 'live' && !policy ? 'danger' : 'primary'}
              disabled={
                !(policy || isConfirmed(env, typed)) || !noteSatisfied(noteRequired || !!policy, note) || saving
              }
              onClick={() => void save()}
            >
              {saving ? 'Sending…' : policy ? 'Request approval' : `Save schema to ${label}`}
            </Button>
          )}
        </div>
      </div>
    </Modal>
  );
}
