import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { ClientEnv, ConfigPage, FieldError, JsonObject } from '../../../contract/agents-api.ts';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { EmptyState, Loading } from '../../components/ui/states.tsx';
import { Timestamp } from '../../components/ui/timestamp.tsx';
import { SectionedSchemaForm, type SectionedFormHandle } from '../../components/schema-form/sectioned-schema-form.tsx';
import { useWriteBlock } from '../../api/me.ts';
import { useChangeRequestActions, usePolicy } from '../../api/change-requests.ts';
import { Link } from 'react-router';
import { useNoteRequired } from '../../api/history.ts';
import { ApiError } from '../../api/http-client.ts';
import { toErrorSchema } from '../../components/schema-form/error-schema.ts';
import { diffTopLevel } from '../../lib/changed-keys.ts';
import { markUsable } from '../../lib/usable-mark.ts';
import { useOnline } from '../../lib/use-online.ts';
import { DraftBanner } from './draft-banner.tsx';
import { baselineOf, editorReducer, initialEditorState, theirKeysOf } from './editor-state.ts';
import { readDraft, removeDraft } from './drafts.ts';
import { LeaveDialog } from './leave-dialog.tsx';
import { useDraftAutosave } from './use-draft-autosave.ts';
import { ReviewDialog } from './review-dialog.tsx';
import { SaveStatus } from './save-status.tsx';
import { OutcomeMessage } from '../../components/ui/outcome-message.tsx';
import { useSaveShortcut } from './use-save-shortcut.ts';
import { useSaveVariables } from './use-save-variables.ts';
import { useUnsavedChangesGuard } from './use-unsaved-changes-guard.ts';
import { checkVariables } from '../../lib/validation/variables-check.ts';
import { hasBacktrackingPatterns } from '../../../contract/pattern-engine.ts';
import { ImportExport } from './import-export.tsx';
import { ErrorBoundary } from '../../components/ui/error-boundary.tsx';
import { UnsavedChangeList } from './unsaved-change-list.tsx';
import { savePatchOf } from './save-patch.ts';
import { ConflictDialog } from './conflict-dialog.tsx';
import { resolveDraft, type Choice } from './resolve-conflict.ts';
import { plural } from '../../../contract/plural.ts';
import { paths } from '../../lib/paths.ts';

// CodeMirror loads when the JSON view is first opened, not with the editor.
const VariablesJsonView = lazy(() => import('./variables-json-view.tsx'));

type Props = { agentId: string; env: ClientEnv; serverPage: ConfigPage };

/**
 * The form is a copy of the page it was loaded from (`state.base`, see editor-state.ts). A refetch replaces that copy
 * only while nothing is edited; once the user has typed, their draft is never overwritten and the save checks for
 * conflicts instead.
 */
export function ConfigEditor({ agentId, env, serverPage }: Props) {
  const [editor, dispatch] = useReducer(editorReducer, undefined, () =>
    initialEditorState(serverPage, readDraft(agentId, env)),
  );
  const { base, formData, storedDraft: draft, jsonGeneration } = editor;
  const baseline = useMemo(() => baselineOf(base), [base]);
  const setFormData = useCallback((next: JsonObject) => dispatch({ type: 'edit', formData: next }), []);
  const [reviewing, setReviewing] = useState(false);
  const [view, setView] = useState<'form' | 'json'>('form');
  const [saveBlocked, setSaveBlocked] = useState<string>();
  /** The conflict dialog was put aside ("decide later"); the status panel can bring it back. */
  const [conflictDeferred, setConflictDeferred] = useState(false);
  const formRef = useRef<SectionedFormHandle>(null);
  const { state, save, retry, reset } = useSaveVariables(agentId, env);
  const saving = state.kind === 'saving';

  const diff = useMemo(
    () => savePatchOf(base.schema, base.variables ?? {}, baseline, formData),
    [base, baseline, formData],
  );
  const online = useOnline();
  const writeBlock = useWriteBlock(agentId, env);
  const policy = usePolicy(agentId, env);
  const requests = useChangeRequestActions(agentId);
  const [openedRequest, setOpenedRequest] = useState<string>();
  const noteRequired = useNoteRequired();
  const cannotSave = !online
    ? 'You are offline: saving is off until the connection is back. Your edits stay here.'
    : writeBlock;
  const changeCount = diff.changedKeys.length + diff.clearedKeys.length;
  const theirKeys = useMemo(() => theirKeysOf(base, serverPage), [base, serverPage]);
  const historyOf = useCallback(
    (key: string) => paths.history(agentId, new URLSearchParams({ env, key })),
    [agentId, env],
  );
  const keyStates = useMemo(
    () => ({ stored: base.variables ?? {}, initial: baseline, server: serverPage.variables ?? {} }),
    [base, baseline, serverPage],
  );
  /** Errors the check worker found on Save (patterns the form leaves to it), until the next Save. */
  const [workerErrors, setWorkerErrors] = useState<FieldError[]>();
  // The server's (or the check worker's) field errors for the last save, shown on the fields themselves.
  const serverErrors = useMemo(() => {
    if (workerErrors) return toErrorSchema(workerErrors);
    return state.kind === 'failed' && state.error instanceof ApiError && state.error.fieldErrors.length > 0
      ? toErrorSchema(state.error.fieldErrors)
      : undefined;
  }, [state, workerErrors]);

  // Before paint, so a refetch never shows for a frame as "changed by someone else".
  useLayoutEffect(() => dispatch({ type: 'server-page', page: serverPage, saving }), [serverPage, saving]);
  // An outdated draft waits for the user's decision; until then nothing overwrites it.
  const cancelAutosave = useDraftAutosave(
    agentId,
    env,
    diff.patch,
    base.lastUpdated,
    base.schema,
    draft?.applied === false,
  );
  /** Takes a page as the new truth after a save or a discard: the draft of the old edits goes too. */
  const adopt = (page: ConfigPage) => {
    cancelAutosave();
    removeDraft(agentId, env);
    dispatch({ type: 'adopt', page });
  };

  const startSave = () => {
    if (changeCount === 0 || saving || cannotSave) return;
    reset();
    setSaveBlocked(undefined);
    setWorkerErrors(undefined);
    setConflictDeferred(false);
    if (diff.clearedKeys.length > 0) return;
    if (formRef.current) {
      if (!formRef.current.validate()) return;
      // The form leaves a pattern that needs backtracking unchecked (it could freeze this tab): the check worker, which
      // has a deadline, checks it before the review opens.
      if (!hasBacktrackingPatterns(base.schema)) return setReviewing(true);
      void checkVariables(base.schema, formData).then((result) => {
        if (result.valid) return setReviewing(true);
        setWorkerErrors(result.errors);
        setSaveBlocked(`Not saved: ${result.errors.map((e) => `${e.path || 'the page'}: ${e.message}`).join('; ')}`);
      });
      return;
    }
    // The JSON view has no form to validate: check the same values against the schema before reviewing.
    void checkVariables(base.schema, formData).then((result) =>
      result.valid
        ? setReviewing(true)
        : setSaveBlocked('Not saved: fix the schema errors listed under the JSON first.'),
    );
  };
  useSaveShortcut(startSave);
  /** The user chose per key after a conflict: their values become the base, the chosen edits the draft. Nothing is sent. */
  const resolveConflict = (latest: ConfigPage, choices: Record<string, Choice>) => {
    const latestValues = baselineOf(latest);
    const draft = resolveDraft(latestValues, diff.patch, diff.clearedKeys, choices);
    dispatch({ type: 'rebase', page: latest, formData: draft });
    reset();
    const left = diffTopLevel(latestValues, draft);
    if (left.changedKeys.length === 0 && left.clearedKeys.length === 0) return;
    if (left.clearedKeys.length > 0)
      return setSaveBlocked('Not saved yet: resolve the emptied keys listed below, then save.');
    // Checked against the latest schema (it may have changed) before the review opens, as every save is.
    void checkVariables(latest.schema, draft).then((result) =>
      result.valid
        ? setReviewing(true)
        : setSaveBlocked('Not saved yet: your values fail the current schema. Press Save to see where.'),
    );
  };
  useEffect(() => markUsable('editor'), []);
  const blocker = useUnsavedChangesGuard(changeCount > 0);

  const confirmSave = async (note: string) => {
    setReviewing(false);
    if (policy) {
      // Under a policy the edits become a change request: the request holds them from now on.
      const opened = await requests.open
        .mutateAsync({ clientEnv: env, kind: 'variables', body: diff.patch, baseVersion: base.lastUpdated ?? '', note })
        .catch(() => undefined);
      if (opened) {
        setOpenedRequest(opened.id);
        adopt(base);
      }
      return;
    }
    const page = await save(base, diff, { note });
    if (page) adopt(page);
  };

  const retrySave = async () => {
    const page = await retry(base, diff);
    if (page) adopt(page);
  };

  const jsonView = (
    <Suspense fallback={<Loading label="Loading the JSON editor…" />}>
      <VariablesJsonView key={jsonGeneration} schema={base.schema} formData={formData} onChange={setFormData} />
    </Suspense>
  );

  if (!base.schema || Object.keys(base.schema).length === 0) {
    return (
      <EmptyState title="This environment has no schema yet">
        Variables are edited through a form generated from the page's JSON Schema. Add a schema to this environment
        first.
      </EmptyState>
    );
  }

  return (
    <div className={`grid gap-5 lg:grid-cols-[minmax(0,1fr)_18rem] ${changeCount > 0 ? 'pb-20 lg:pb-0' : ''}`}>
      <Card className="p-5 sm:p-6">
        {env === 'live' && (
          <p className="mb-5 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200">
            {policy ? (
              <>
                You are editing <strong>live</strong> under an approval rule: nothing reaches callers until your change
                request is approved and applied.
              </>
            ) : (
              <>
                You are editing <strong>live</strong>: saved changes are heard by callers immediately.
              </>
            )}
          </p>
        )}
        {draft && (
          <DraftBanner
            draft={draft.draft}
            applied={draft.applied}
            current={formData}
            onApply={() => dispatch({ type: 'apply-stored-draft' })}
            onDiscard={() => {
              cancelAutosave();
              removeDraft(agentId, env);
              dispatch({ type: 'discard-stored-draft' });
            }}
          />
        )}
        <div role="group" aria-label="View" className="mb-4 flex gap-1">
          {(['form', 'json'] as const).map((mode) => (
            <button
              key={mode}
              type="button"
              aria-pressed={view === mode}
              onClick={() => setView(mode)}
              className={`rounded-md px-3 py-1 text-sm font-medium ring-1 ring-inset ${view === mode ? 'bg-brand-50 ring-brand-500 dark:bg-brand-950' : 'ring-slate-300 dark:ring-slate-700'}`}
            >
              {mode === 'form' ? 'Form' : 'JSON'}
            </button>
          ))}
        </div>
        {view === 'form' ? (
          // A schema rjsf cannot draw falls back to the JSON view of the same draft, with the reason: never a blank page.
          <ErrorBoundary
            key={base.lastUpdated}
            fallback={(error) => (
              <div className="space-y-3">
                <p
                  role="alert"
                  className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-100"
                >
                  This schema cannot be shown as a form ({error.message}). Edit the values as JSON instead: they are
                  checked against the schema before the review, as always.
                </p>
                {jsonView}
              </div>
            )}
          >
            <SectionedSchemaForm
              schema={base.schema}
              formData={formData}
              onChange={setFormData}
              handle={formRef}
              disabled={saving}
              extraErrors={serverErrors}
              keyStates={keyStates}
              historyOf={historyOf}
            />
          </ErrorBoundary>
        ) : (
          jsonView
        )}
      </Card>

      <aside aria-label="Save" className="lg:sticky lg:top-20 lg:self-start">
        <Card className="space-y-4 p-4">
          <div className="text-sm">
            <p className="text-slate-500 dark:text-slate-400">Last updated</p>
            <p data-testid="last-updated">
              <Timestamp iso={base.lastUpdated} />
            </p>
          </div>
          <p className="text-sm font-medium" aria-live="polite">
            {changeCount === 0 ? 'No unsaved changes' : plural(changeCount, 'unsaved change', 'unsaved changes')}
          </p>
          {saveBlocked && (
            <p role="alert" className="text-sm font-medium text-red-800 dark:text-red-300">
              {saveBlocked}
            </p>
          )}
          {cannotSave && (
            <p role="status" className="text-sm font-medium text-amber-800 dark:text-amber-300">
              {cannotSave}
            </p>
          )}
          {policy && !openedRequest && (
            <p className="text-sm text-slate-600 dark:text-slate-300">
              Changes here need {plural(policy.approvals, 'approval', 'approvals')}: requesting approval opens a change
              request.
            </p>
          )}
          {openedRequest && (
            <OutcomeMessage key={openedRequest}>
              Change request #{openedRequest} opened: nothing changes until it is approved and applied.{' '}
              <Link className="font-medium underline" to={paths.changeRequest(agentId, openedRequest)}>
                View the request
              </Link>
            </OutcomeMessage>
          )}
          {requests.open.error && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              The change request could not be opened: {requests.open.error.message} Your edits are still here.
            </p>
          )}
          <UnsavedChangeList
            schema={base.schema}
            diff={diff}
            theirKeys={theirKeys}
            onUndo={(key) => dispatch({ type: 'set-key', key, value: baseline[key] })}
            onSetNull={(key) => dispatch({ type: 'set-key', key, value: null })}
          />
          <div className="flex gap-2">
            <Button variant="primary" onClick={startSave} disabled={changeCount === 0 || saving || !!cannotSave}>
              {saving ? 'Saving…' : policy ? 'Request approval' : 'Save'}
            </Button>
            <Button onClick={() => adopt(serverPage)} disabled={changeCount === 0 || saving}>
              Discard changes
            </Button>
          </div>
          <ImportExport
            agentId={agentId}
            env={env}
            variables={base.variables ?? {}}
            onImport={(values) => dispatch({ type: 'import', values })}
          />
          <SaveStatus
            state={state}
            historyLink={paths.history(agentId, new URLSearchParams({ env }))}
            onChoose={() => setConflictDeferred(false)}
            onRetry={retrySave}
            onLoadLatest={(page) => {
              adopt(page);
              reset();
            }}
          />
        </Card>
      </aside>

      {changeCount > 0 && (
        // On a phone the Save panel is far below the form: the edits and the way to save stay in reach.
        <div className="fixed inset-x-0 bottom-0 z-30 border-t border-slate-200 bg-white/95 px-4 py-3 shadow-[0_-4px_12px_rgba(0,0,0,0.06)] backdrop-blur lg:hidden dark:border-slate-800 dark:bg-slate-900/95">
          <div className="mx-auto flex max-w-7xl items-center justify-between gap-3">
            <p className="text-sm font-medium">
              {changeCount} unsaved
              {cannotSave && (
                <span className="block text-xs font-normal text-amber-800 dark:text-amber-300">{cannotSave}</span>
              )}
            </p>
            <Button
              variant={env === 'live' ? 'danger' : 'primary'}
              onClick={startSave}
              disabled={saving || !!cannotSave}
            >
              {saving ? 'Saving…' : policy ? 'Review and request approval' : 'Review and save'}
            </Button>
          </div>
        </div>
      )}
      {blocker.state === 'blocked' && (
        <LeaveDialog changeCount={changeCount} onStay={() => blocker.reset()} onLeave={() => blocker.proceed()} />
      )}
      {state.kind === 'conflict' && !conflictDeferred && (
        <ConflictDialog
          keys={state.keys}
          base={base.variables ?? {}}
          latest={state.latest}
          mine={formData}
          schemaChanged={state.schemaChanged}
          onResolve={(choices) => resolveConflict(state.latest, choices)}
          onCancel={() => setConflictDeferred(true)}
        />
      )}
      {reviewing && (
        <ReviewDialog
          env={env}
          before={base.variables ?? {}}
          patch={diff.patch}
          noteRequired={noteRequired(env)}
          approvals={policy?.approvals}
          onConfirm={confirmSave}
          onCancel={() => setReviewing(false)}
        />
      )}
    </div>
  );
}
