import type { ConfigPage, JsonObject } from '../../../contract/agents-api.ts';
import { withSchemaDefaults } from '../../components/schema-form/schema-form.tsx';
import { diffTopLevel } from '../../lib/changed-keys.ts';
import type { Draft } from './drafts.ts';

/**
 * The editor's one source of form truth. `base` is the page version the edits are made on; `formData` is what the
 * form shows (the base's values with schema defaults, plus the edits). Everything else — the baseline, the patch,
 * the keys someone else changed — is derived from these and the latest server page.
 */
export type EditorState = {
  base: ConfigPage;
  formData: JsonObject;
  /** Edits left in this browser by an earlier visit; `applied` once they are in the form. */
  storedDraft?: { draft: Draft; applied: boolean };
  /** Bumped when the draft is replaced from outside the JSON view, so that view starts from it again. */
  jsonGeneration: number;
};

export type EditorAction =
  /** A (re)fetch answered: followed only while nothing is edited and no save is under way. */
  | { type: 'server-page'; page: ConfigPage; saving: boolean }
  /** The form or the JSON view changed the draft. */
  | { type: 'edit'; formData: JsonObject }
  /** One key set from outside the form: undo (back to the baseline, `undefined` removes it) or set to null. */
  | { type: 'set-key'; key: string; value: unknown }
  /** Values from an imported file, on top of the draft. */
  | { type: 'import'; values: JsonObject }
  | { type: 'apply-stored-draft' }
  | { type: 'discard-stored-draft' }
  /** A page becomes the truth with no edits on top: after a save, a discard, or "load latest". */
  | { type: 'adopt'; page: ConfigPage }
  /** After a conflict was decided: the latest page becomes the base and the resolved values the draft. */
  | { type: 'rebase'; page: ConfigPage; formData: JsonObject };

/** What the form first shows for a page: its stored values with the schema's defaults filled in. */
export const baselineOf = (page: ConfigPage): JsonObject => withSchemaDefaults(page.schema, page.variables ?? {});

/** A draft stored in this browser is applied at once only if it was made on this very version. */
export function initialEditorState(page: ConfigPage, stored: Draft | undefined): EditorState {
  const applied = stored?.baseLastUpdated === page.lastUpdated;
  const baseline = baselineOf(page);
  return {
    base: page,
    formData: stored && applied ? { ...baseline, ...stored.changes } : baseline,
    storedDraft: stored && { draft: stored, applied },
    jsonGeneration: 0,
  };
}

export function hasEdits(state: EditorState): boolean {
  const diff = diffTopLevel(baselineOf(state.base), state.formData);
  return diff.changedKeys.length + diff.clearedKeys.length > 0;
}

/** Keys someone else changed since the base was loaded (shown at once; compared key by key when saving). */
export function theirKeysOf(base: ConfigPage, latest: ConfigPage): string[] {
  if (latest.lastUpdated === base.lastUpdated) return [];
  const theirs = diffTopLevel(base.variables ?? {}, latest.variables ?? {});
  return [...theirs.changedKeys, ...theirs.clearedKeys];
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'server-page':
      if (action.page.lastUpdated === state.base.lastUpdated || action.saving || hasEdits(state)) return state;
      return {
        ...state,
        base: action.page,
        formData: baselineOf(action.page),
        jsonGeneration: state.jsonGeneration + 1,
      };
    case 'edit':
      return { ...state, formData: action.formData };
    case 'set-key': {
      const formData = { ...state.formData, [action.key]: action.value } as JsonObject;
      if (action.value === undefined) delete formData[action.key];
      return { ...state, formData, jsonGeneration: state.jsonGeneration + 1 };
    }
    case 'import':
      return { ...state, formData: { ...state.formData, ...action.values }, jsonGeneration: state.jsonGeneration + 1 };
    case 'apply-stored-draft':
      if (!state.storedDraft) return state;
      return {
        ...state,
        formData: { ...state.formData, ...state.storedDraft.draft.changes },
        storedDraft: { ...state.storedDraft, applied: true },
      };
    case 'discard-stored-draft':
      return { ...state, storedDraft: undefined };
    case 'adopt':
      return {
        base: action.page,
        formData: baselineOf(action.page),
        storedDraft: undefined,
        jsonGeneration: state.jsonGeneration + 1,
      };
    case 'rebase':
      return { ...state, base: action.page, formData: action.formData, jsonGeneration: state.jsonGeneration + 1 };
  }
}
