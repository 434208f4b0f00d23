import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ClientEnv, ConfigPage, FieldError, JsonObject } from '../../../contract/agents-api.ts';
import type { VariablesCheck } from '../../../contract/config-validation.ts';
import { Button } from '../ui/button.tsx';
import { ENV_LABELS } from '../ui/env-badge.tsx';
import { FieldErrorList } from '../ui/field-error-list.tsx';
import { Modal } from '../ui/modal.tsx';
import { RequestBody } from '../ui/request-body.tsx';
import { NoteField, noteSatisfied } from '../ui/note-field.tsx';
import { isConfirmed, TypeToConfirm } from '../ui/type-to-confirm.tsx';
import { plural } from '../../../contract/plural.ts';
import { ValueChange } from '../ui/value-change.tsx';
import { jsonEqual } from '../../lib/json-equal.ts';
import { checkVariables } from '../../lib/validation/variables-check.ts';
import type { WriteOutcome } from '../../lib/write-outcome.ts';

/** What a reviewed PATCH sends, and what it leaves out. */
export type PatchPlan = {
  /** The PATCH body: each top-level key with its value after applying. */
  patch: JsonObject;
  /** The target's value of each patched key before (undefined: not set), for review and undo. */
  before: JsonObject;
  /**
   * Selected paths that will not be sent, with why. `nullAllowed`: the key cannot be removed (PATCH has no delete),
   * but the schema allows null, so the user may send null instead.
   */
  skipped: { pointer: string; reason: string; nullAllowed?: boolean }[];
};

export type PatchRequest = {
  title: string;
  target: ClientEnv;
  /** The target page as this view showed it: the write is sent only if the server still has this version. */
  basedOn: ConfigPage;
  plan: PatchPlan;
  confirmLabel: string;
};

type Props = PatchRequest & {
  /** Sends the PATCH (conditional on `basedOn`) with the note for the history; see api/config-writes.ts. */
  send: (patch: JsonObject, note: string) => Promise<WriteOutcome>;
  /** The team requires a note for this environment. */
  noteRequired: boolean;
  /** Why this user may not write to the target (their role, a read-only console): shown, and nothing can be sent. */
  blocked?: string;
  /** Under an approval policy the PATCH becomes a change request: nothing is written until it is approved and applied. */
  request?: {
    approvals: number;
    open: (patch: JsonObject, note: string, baseVersion: string) => Promise<string>;
    onOpened: (id: string) => void;
  };
  /** Said above the changes (where the values come from). */
  intro?: ReactNode;
  onWritten: (page: ConfigPage) => void;
  /** Start again from the target as it is now (after a conflict showed it changed). */
  onRestart: () => void;
  onClose: () => void;
};

type Phase =
  | { kind: 'review' }
  | { kind: 'sending' }
  | { kind: 'conflict'; current: ConfigPage }
  /** `unknown`: the server never answered and the page could not be read back, so whether it applied is not known. */
  | { kind: 'failed'; error: unknown; fieldErrors: FieldError[]; unknown: boolean };

/**
 * Reviews and sends one PATCH (a promotion, an undo, a restore): per key the target's value now and after, the merged
 * result checked against the target's own schema first (nothing is sent if it fails), `live` typed out, a note for
 * the history, and If-Match on the version shown so a concurrent change is shown instead of overwritten.
 */
export function PatchReviewDialog({
  title,
  target,
  basedOn,
  plan,
  confirmLabel,
  send,
  noteRequired,
  blocked,
  request,
  intro,
  onWritten,
  onRestart,
  onClose,
}: Props) {
  const [typed, setTyped] = useState('');
  const [note, setNote] = useState('');
  const [nulls, setNulls] = useState<string[]>([]);
  const [phase, setPhase] = useState<Phase>({ kind: 'review' });
  // Keys the user chose to set to null (they could not be removed): sent as null, reviewed like the rest.
  const patch = useMemo(
    () => ({ ...plan.patch, ...Object.fromEntries(nulls.map((key) => [key, null])) }),
    [plan.patch, nulls],
  );
  const check = useMergedCheck(basedOn, patch);
  const keys = Object.keys(patch);
  const label = ENV_LABELS[target];
  // A request writes nothing yet: `live` is typed when it is applied.
  const canSend =
    !blocked &&
    keys.length > 0 &&
    check?.valid === true &&
    (request || isConfirmed(target, typed)) &&
    noteSatisfied(noteRequired || !!request, note) &&
    phase.kind !== 'sending';

  async function sendPatch() {
    setPhase({ kind: 'sending' });
    if (request) {
      try {
        return request.onOpened(await request.open(patch, note, basedOn.lastUpdated ?? ''));
      } catch (error) {
        return setPhase({ kind: 'failed', error, fieldErrors: fieldErrorsOf(error), unknown: false });
      }
    }
    const outcome = await send(patch, note);
    if (outcome.kind === 'saved') return onWritten(outcome.page);
    if (outcome.kind === 'conflict') return setPhase({ kind: 'conflict', current: outcome.current });
    const { error, landed } = outcome;
    setPhase({ kind: 'failed', error, fieldErrors: fieldErrorsOf(error), unknown: landed === 'unknown' });
  }

  return (
    <Modal labelledBy="patch-review-title" onClose={onClose} className="w-[min(48rem,calc(100vw-2rem))] p-0">
      <form
        method="dialog"
        className="space-y-4 p-6"
        onSubmit={(event) => {
          event.preventDefault();
          if (canSend) void sendPatch();
        }}
      >
        <h2 id="patch-review-title" className="text-lg font-semibold">
          {title}
        </h2>
        {intro}
        {request && (
          <p className="rounded-md border border-brand-200 bg-brand-50 px-3 py-2 text-sm dark:border-brand-800 dark:bg-brand-950">
            Changes to {label} need {plural(request.approvals, 'approval', 'approvals')} from someone else on the team:
            this opens a change request, and nothing reaches {label} until it is approved and applied.
          </p>
        )}
        {keys.length > 0 ? (
          <ul className="max-h-[40vh] space-y-3 overflow-auto" aria-label="Changes">
            {keys.map((key) => (
              <ValueChange
                key={key}
                name={key}
                before={key in plan.before ? plan.before[key] : basedOn.variables?.[key]}
                after={patch[key]}
                beforeLabel={`${label} now`}
                afterLabel="After applying"
              />
            ))}
          </ul>
        ) : (
          <p className="text-sm">Nothing to send.</p>
        )}
        {plan.skipped.length > 0 && (
          <div className="text-sm">
            <p className="font-medium">Not sent:</p>
            <ul className="list-disc pl-5">
              {plan.skipped.map(({ pointer, reason, nullAllowed }) => {
                const key = pointer.slice(1);
                return (
                  <li key={pointer}>
                    <code>{key}</code>: {reason}
                    {nullAllowed && (
                      <label className="ml-2 inline-flex items-center gap-1">
                        <input
                          type="checkbox"
                          checked={nulls.includes(key)}
                          onChange={(event) =>
                            setNulls((current) =>
                              event.target.checked ? [...current, key] : current.filter((k) => k !== key),
                            )
                          }
                        />
                        Set it to null instead
                      </label>
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        )}
        {keys.length > 0 && <RequestBody patch={patch} />}
        {keys.length > 0 && <SchemaVerdict check={check} envLabel={label} />}
        <Outcome phase={phase} envLabel={label} basedOn={basedOn} keys={keys} />
        {blocked && (
          <p
            role="alert"
            className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
          >
            {blocked}
          </p>
        )}
        {phase.kind !== 'conflict' && keys.length > 0 && (
          <NoteField value={note} onChange={setNote} required={noteRequired || !!request} />
        )}
        {target === 'live' && phase.kind !== 'conflict' && !request && (
          <TypeToConfirm word="live" value={typed} onChange={setTyped} />
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>{phase.kind === 'conflict' ? 'Close' : 'Cancel'}</Button>
          {phase.kind === 'conflict' ? (
            <Button variant="primary" onClick={onRestart}>
              Review again with current values
            </Button>
          ) : (
            <Button type="submit" variant={target === 'live' && !request ? 'danger' : 'primary'} disabled={!canSend}>
              {phase.kind === 'sending' ? 'Sending…' : request ? 'Request approval' : confirmLabel}
            </Button>
          )}
        </div>
      </form>
    </Modal>
  );
}

/** The field errors a refused write carries (the API client's error has them; this module must not import it). */
const fieldErrorsOf = (error: unknown): FieldError[] =>
  typeof error === 'object' && error !== null && Array.isArray((error as { fieldErrors?: unknown }).fieldErrors)
    ? (error as { fieldErrors: FieldError[] }).fieldErrors
    : [];

/** The target's variables after the merge the server will do, checked against the target's schema (off-thread). */
function useMergedCheck(basedOn: ConfigPage, patch: JsonObject): VariablesCheck | undefined {
  const [check, setCheck] = useState<VariablesCheck>();
  useEffect(() => {
    let current = true;
    checkVariables(basedOn.schema, { ...basedOn.variables, ...patch }).then((result) => {
      if (current) setCheck(result);
    });
    return () => {
      current = false;
    };
  }, [basedOn, patch]);
  return check;
}

function SchemaVerdict({ check, envLabel }: { check: VariablesCheck | undefined; envLabel: string }) {
  if (!check)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">Checking the result against {envLabel}’s schema…</p>
    );
  if (check.valid)
    return (
      <p className="text-sm text-emerald-800 dark:text-emerald-300">✓ The result satisfies {envLabel}’s schema.</p>
    );
  return (
    <div
      role="alert"
      className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200"
    >
      <p className="font-semibold">✕ {envLabel}’s schema refuses the result, so nothing can be sent:</p>
      <FieldErrorList errors={check.errors} />
    </div>
  );
}

function Outcome({
  phase,
  envLabel,
  basedOn,
  keys,
}: {
  phase: Phase;
  envLabel: string;
  basedOn: ConfigPage;
  keys: string[];
}) {
  if (phase.kind === 'conflict') {
    const changed = keys.filter((key) => !jsonEqual(phase.current.variables?.[key], basedOn.variables?.[key]));
    return (
      <div
        role="alert"
        className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
      >
        <p className="font-semibold">{envLabel} changed since this view was loaded. Nothing was sent.</p>
        {changed.length > 0 ? (
          <ul className="mt-1 list-disc pl-5">
            {changed.map((key) => (
              <li key={key}>
                <code>{key}</code> is now <code>{JSON.stringify(phase.current.variables?.[key]) ?? '(not set)'}</code>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1">Other keys changed; the ones here did not. The table shows {envLabel} as it is now.</p>
        )}
      </div>
    );
  }
  if (phase.kind === 'failed') {
    return (
      <div
        role="alert"
        className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200"
      >
        <p className="font-semibold">Not applied: {(phase.error as Error).message}</p>
        {phase.fieldErrors.length > 0 && <FieldErrorList errors={phase.fieldErrors} />}
        <p className="mt-1">
          {phase.unknown
            ? `Whether ${envLabel} changed is not known: the server did not answer and could not be read back. Sending again is safe: it applies only if ${envLabel} is still as shown here.`
            : `${envLabel} was not changed. You can send it again.`}
        </p>
      </div>
    );
  }
  return null;
}
