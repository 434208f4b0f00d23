import { afterEach, describe, expect, test, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useMemo, useState } from 'react';
import type { JsonObject } from '../../../contract/agents-api.ts';
import { ConfigValidator } from '../../../contract/config-validation.ts';
import { ErrorBoundary } from '../../components/ui/error-boundary.tsx';
import { withSchemaDefaults } from '../../components/schema-form/schema-form.tsx';
import { SectionedSchemaForm } from '../../components/schema-form/sectioned-schema-form.tsx';
import { SCHEMA_CORPUS, UNDRAWABLE_SCHEMA, type CorpusEdit } from '../../test/schema-corpus.ts';
import { savePatchOf } from './save-patch.ts';

afterEach(cleanup);

/** The editor's form and save computation, without the page around it: the draft is read back after the edits. */
function Harness({
  schema,
  variables,
  report,
}: {
  schema: JsonObject;
  variables: JsonObject;
  report: (patch: JsonObject) => void;
}) {
  const shown = useMemo(() => withSchemaDefaults(schema, variables), [schema, variables]);
  const [draft, setDraft] = useState(shown);
  const keyStates = useMemo(() => ({ stored: variables, initial: shown, server: variables }), [variables, shown]);
  report(savePatchOf(schema, variables, shown, draft).patch);
  return (
    <ErrorBoundary fallback={(error) => <p role="alert">Cannot be shown as a form: {error.message}</p>}>
      <SectionedSchemaForm schema={schema} formData={draft} onChange={setDraft} keyStates={keyStates} />
    </ErrorBoundary>
  );
}

async function apply(user: ReturnType<typeof userEvent.setup>, edit: CorpusEdit) {
  const byId = (id: string) => {
    const element = document.getElementById(id);
    if (!element) throw new Error(`No field with id ${id}`);
    return element;
  };
  if ('fill' in edit) {
    await user.clear(byId(edit.fill));
    await user.type(byId(edit.fill), edit.value);
  } else if ('select' in edit) await user.selectOptions(byId(edit.select), edit.option);
  else if ('toggle' in edit) await user.click(byId(edit.toggle));
  else if ('blur' in edit) await user.tab();
  else await user.click(screen.getAllByRole('button', { name: edit.click })[edit.nth ?? 0]);
}

describe('every schema of the corpus renders, takes an edit and sends exactly the expected PATCH', () => {
  const server = new ConfigValidator();
  test.each(SCHEMA_CORPUS.map((c) => [c.name, c] as const))('%s', async (_name, corpusCase) => {
    const consoleErrors = vi.spyOn(console, 'error');
    const user = userEvent.setup();
    let patch: JsonObject = {};
    render(<Harness schema={corpusCase.schema} variables={corpusCase.variables} report={(p) => (patch = p)} />);
    expect(screen.queryByText(/Cannot be shown as a form/)).toBeNull();
    for (const id of corpusCase.shows ?? []) expect(document.getElementById(id)).not.toBeNull();
    // Each top-level key says what the page stores, whether the page is edited key by key or as one form.
    for (const key of Object.keys(corpusCase.schema.properties as object)) {
      expect(document.querySelector(`[data-key-state="${key}"]`), key).not.toBeNull();
    }
    expect(patch).toEqual({});

    for (const edit of corpusCase.edits) await apply(user, edit);
    if (corpusCase.focused) expect(document.activeElement?.id).toBe(corpusCase.focused);
    expect(patch).toEqual(corpusCase.patch);
    for (const key of Object.keys(corpusCase.patch))
      expect(document.querySelector(`[data-key-state="${key}"]`), key).toHaveTextContent('Edited');
    // The page after the shallow merge is what the server validates: it must pass.
    expect(server.checkVariables(corpusCase.schema, { ...corpusCase.variables, ...patch }).errors).toEqual([]);
    expect(consoleErrors).not.toHaveBeenCalled();
    consoleErrors.mockRestore();
  });

  test('the corpus has at least 20 schemas', () => {
    expect(SCHEMA_CORPUS.length).toBeGreaterThanOrEqual(20);
  });
});

test('a valid schema the form cannot draw says why instead of rendering nothing', () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined); // React reports the caught error
  expect(new ConfigValidator().checkSchema(UNDRAWABLE_SCHEMA)).toEqual({ ok: true });
  render(<Harness schema={UNDRAWABLE_SCHEMA} variables={{ opens_at: '08:00' }} report={() => undefined} />);
  expect(screen.getByRole('alert')).toHaveTextContent('Cannot be shown as a form');
  vi.restoreAllMocks();
});
