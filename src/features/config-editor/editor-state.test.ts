import { describe, expect, test } from 'vitest';
import type { ConfigPage, JsonObject } from '../../../contract/agents-api.ts';
import {
  editorReducer,
  hasEdits,
  initialEditorState,
  theirKeysOf,
  type EditorAction,
  type EditorState,
} from './editor-state.ts';

const schema = {
  type: 'object',
  properties: { greeting: { type: 'string' }, hours: { type: 'integer', default: 9 }, promo: { type: 'string' } },
} satisfies JsonObject;
const page = (lastUpdated: string, variables: JsonObject): ConfigPage => ({
  clientEnv: 'sandbox',
  schema,
  variables,
  lastUpdated,
});
const v1 = page('2026-01-01T00:00:00.000Z', { greeting: 'Hi' });
const v2 = page('2026-01-02T00:00:00.000Z', { greeting: 'Hello', promo: 'X' });
const clean = initialEditorState(v1, undefined);
const edited = editorReducer(clean, { type: 'edit', formData: { greeting: 'Hey', hours: 9 } });
const run = (state: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, state);

describe('the config editor state', () => {
  test.each([
    [
      'load: the page with its defaults, nothing edited',
      clean,
      { base: v1, formData: { greeting: 'Hi', hours: 9 }, edits: false },
    ],
    [
      'edit: the draft changes, the base stays',
      edited,
      { base: v1, formData: { greeting: 'Hey', hours: 9 }, edits: true },
    ],
    [
      'undo: a key back to its baseline leaves nothing edited',
      run(edited, { type: 'set-key', key: 'greeting', value: 'Hi' }),
      { base: v1, formData: { greeting: 'Hi', hours: 9 }, edits: false },
    ],
    [
      'undo of a key that was absent removes it',
      run(
        clean,
        { type: 'edit', formData: { greeting: 'Hi', hours: 9, promo: 'new' } },
        { type: 'set-key', key: 'promo', value: undefined },
      ),
      { base: v1, formData: { greeting: 'Hi', hours: 9 }, edits: false },
    ],
    [
      'external change while clean: followed',
      run(clean, { type: 'server-page', page: v2, saving: false }),
      { base: v2, formData: { greeting: 'Hello', hours: 9, promo: 'X' }, edits: false },
    ],
    [
      'external change while edited: the draft is never overwritten',
      run(edited, { type: 'server-page', page: v2, saving: false }),
      { base: v1, formData: { greeting: 'Hey', hours: 9 }, edits: true },
    ],
    [
      'external change during a save: not followed (the save adopts its own answer)',
      run(clean, { type: 'server-page', page: v2, saving: true }),
      { base: v1, formData: { greeting: 'Hi', hours: 9 }, edits: false },
    ],
    [
      'save: the saved page becomes the base, nothing edited',
      run(edited, { type: 'adopt', page: page('2026-01-03T00:00:00.000Z', { greeting: 'Hey' }) }),
      {
        base: page('2026-01-03T00:00:00.000Z', { greeting: 'Hey' }),
        formData: { greeting: 'Hey', hours: 9 },
        edits: false,
      },
    ],
    [
      'conflict decided: the latest page is the base and the resolved values the draft',
      run(edited, { type: 'rebase', page: v2, formData: { greeting: 'Hey', hours: 9, promo: 'X' } }),
      { base: v2, formData: { greeting: 'Hey', hours: 9, promo: 'X' }, edits: true },
    ],
    [
      'import: the file values on top of the draft',
      run(edited, { type: 'import', values: { promo: 'Y' } }),
      { base: v1, formData: { greeting: 'Hey', hours: 9, promo: 'Y' }, edits: true },
    ],
  ])('%s', (_, state, expected) => {
    expect(state.base).toEqual(expected.base);
    expect(state.formData).toEqual(expected.formData);
    expect(hasEdits(state)).toBe(expected.edits);
  });

  test('a stored draft made on this version is applied at once; one made on another waits for the user', () => {
    const same = initialEditorState(v1, {
      savedAt: 'x',
      baseLastUpdated: v1.lastUpdated,
      changes: { greeting: 'Draft' },
    });
    expect(same.formData.greeting).toBe('Draft');
    expect(same.storedDraft?.applied).toBe(true);

    const older = initialEditorState(v2, {
      savedAt: 'x',
      baseLastUpdated: v1.lastUpdated,
      changes: { greeting: 'Draft' },
    });
    expect(older.formData.greeting).toBe('Hello');
    expect(older.storedDraft?.applied).toBe(false);
    const applied = editorReducer(older, { type: 'apply-stored-draft' });
    expect(applied.formData).toEqual({ greeting: 'Draft', hours: 9, promo: 'X' });
    expect(applied.storedDraft?.applied).toBe(true);
    expect(editorReducer(older, { type: 'discard-stored-draft' }).storedDraft).toBeUndefined();
  });

  test('the JSON view starts again whenever the draft is replaced from outside it, not while typing in it', () => {
    expect(run(clean, { type: 'edit', formData: { greeting: 'a' } }).jsonGeneration).toBe(clean.jsonGeneration);
    for (const action of [
      { type: 'set-key', key: 'greeting', value: null },
      { type: 'import', values: {} },
      { type: 'adopt', page: v2 },
      { type: 'rebase', page: v2, formData: {} },
      { type: 'server-page', page: v2, saving: false },
    ] satisfies EditorAction[]) {
      expect(editorReducer(clean, action).jsonGeneration, action.type).toBe(clean.jsonGeneration + 1);
    }
  });

  test('the keys someone else changed: none on the same version, changed and removed keys on another', () => {
    expect(theirKeysOf(v1, v1)).toEqual([]);
    expect(theirKeysOf(v1, v2).sort()).toEqual(['greeting', 'promo']);
    expect(theirKeysOf(v2, page('2026-01-04T00:00:00.000Z', { greeting: 'Hello' }))).toEqual(['promo']);
  });
});
