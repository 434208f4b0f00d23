import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import type { ClientEnv, ConfigPage } from '../../../contract/agents-api.ts';
import { JsonEditor } from '../../components/json-editor/json-editor.tsx';
import { ErrorBoundary } from '../../components/ui/error-boundary.tsx';
import { SchemaForm } from '../../components/schema-form/schema-form.tsx';
import { Button } from '../../components/ui/button.tsx';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import { jsonEqual } from '../../lib/json-equal.ts';
import { formatJson, parseJsonObject } from '../../lib/parse-json-object.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { BlastRadiusPanel } from './blast-radius-panel.tsx';
import { CopySchemaDialog } from './copy-schema-dialog.tsx';
import { PropertyBuilder } from './property-builder.tsx';

import { readSchemaDraft, removeSchemaDraft, writeSchemaDraft } from './schema-draft.ts';
import { SchemaReviewDialog } from './schema-review-dialog.tsx';
import { useSchemaCheck } from './use-schema-check.ts';
import { useWriteBlock } from '../../api/me.ts';
import { paths, schemaRestoreOf } from '../../lib/paths.ts';
import { OutcomeMessage } from '../../components/ui/outcome-message.tsx';

type Props = { agentId: string; env: ClientEnv; page: ConfigPage; pages: ConfigPage[] };

/** The JSON draft on the left; what it means on the right: problems, blast radius in every environment, the form. */
export function SchemaWorkbench({ agentId, env, page, pages }: Props) {
  const writeBlock = useWriteBlock(agentId, env);
  const location = useLocation();
  // The version the draft is based on: a save is sent only if the server still has it.
  const [basedOn, setBasedOn] = useState(page);
  // Opened from the history to put an earlier schema back: that schema is the draft, reviewed and saved as a restore.
  const [fromHistory] = useState(() => schemaRestoreOf(location.state));
  const [restored] = useState(() => (fromHistory ? undefined : readSchemaDraft(agentId, env)));
  const [text, setText] = useState(() =>
    fromHistory ? formatJson(fromHistory.restoreSchema) : (restored?.text ?? formatJson(page.schema ?? {})),
  );
  const [reviewing, setReviewing] = useState(false);
  const [copying, setCopying] = useState(false);
  const [saved, setSaved] = useState<ReactNode>();
  const settled = useDebouncedValue(text, 300);
  const parsed = useMemo(() => parseJsonObject(settled, 'A schema'), [settled]);
  const schema = parsed.ok ? parsed.value : undefined;
  const check = useSchemaCheck(schema, pages);
  const unchanged = schema !== undefined && jsonEqual(schema, basedOn.schema ?? {});
  const schemaValid = check?.kind === 'checked' && check.schemaErrors.length === 0;
  const label = ENV_LABELS[env];

  useEffect(() => {
    if (settled === formatJson(basedOn.schema ?? {})) removeSchemaDraft(agentId, env);
    else writeSchemaDraft(agentId, env, settled, basedOn.lastUpdated);
  }, [settled, agentId, env, basedOn]);

  return (
    <div className="space-y-4">
      {restored && restored.text !== formatJson(page.schema ?? {}) && (
        <p
          role="status"
          className="rounded-md border border-brand-200 bg-brand-50 px-3 py-2 text-sm dark:border-brand-800 dark:bg-brand-950"
        >
          Restored your unsaved draft from {new Date(restored.savedAt).toLocaleString()}.{' '}
          <button
            type="button"
            className="font-medium underline"
            onClick={() => setText(formatJson(basedOn.schema ?? {}))}
          >
            Discard it
          </button>
        </p>
      )}
      {fromHistory && !saved && (
        <p
          role="status"
          className="rounded-md border border-brand-200 bg-brand-50 px-3 py-2 text-sm dark:border-brand-800 dark:bg-brand-950"
        >
          Loaded {fromHistory.restoreWhat} from the history. Check what it does to every environment on the right, then
          review and save it to restore it.
        </p>
      )}
      {saved && <OutcomeMessage>{saved}</OutcomeMessage>}
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={() => schema && setText(formatJson(schema))} disabled={!schema}>
          Format
        </Button>
        <Button onClick={() => setText(formatJson(basedOn.schema ?? {}))} disabled={unchanged}>
          Discard changes
        </Button>
        <Button
          variant={env === 'live' ? 'danger' : 'primary'}
          disabled={!schemaValid || unchanged || text !== settled || !!writeBlock}
          aria-describedby={writeBlock ? 'schema-write-block' : undefined}
          onClick={() => setReviewing(true)}
        >
          Review and save…
        </Button>
        <Button disabled={!schemaValid || text !== settled} onClick={() => setCopying(true)}>
          Copy to other environments…
        </Button>
        <span className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
          {writeBlock ? (
            <span id="schema-write-block">{writeBlock}</span>
          ) : !parsed.ok ? (
            'Fix the JSON to continue.'
          ) : !check ? (
            'Checking…'
          ) : check.kind === 'gave-up' ? (
            ''
          ) : !schemaValid ? (
            'Fix the schema to continue.'
          ) : unchanged ? (
            'No changes.'
          ) : (
            'Ready to review.'
          )}
        </span>
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        {/* Its own height, kept in view beside a long preview (a grid cell would stretch its box to the page's length). */}
        <div className="xl:sticky xl:top-20 xl:self-start">
          <JsonEditor
            value={text}
            onChange={setText}
            label="Schema as JSON"
            problems={check?.kind === 'checked' ? check.schemaErrors : undefined}
          />
        </div>
        <div className="space-y-4">
          <Panel title="Problems">
            {!parsed.ok ? (
              <p role="alert" className="text-sm text-red-800 dark:text-red-300">
                Invalid JSON{parsed.line ? ` at line ${parsed.line}, column ${parsed.column}` : ''}: {parsed.message}
              </p>
            ) : check?.kind === 'gave-up' ? (
              <p role="alert" className="text-sm text-red-800 dark:text-red-300">
                Checking this schema took longer than 3 seconds and was stopped. It may be too large or pathological to
                use.
              </p>
            ) : check && check.schemaErrors.length > 0 ? (
              <ul role="alert" className="list-disc space-y-0.5 pl-5 text-sm text-red-800 dark:text-red-300">
                {check.schemaErrors.map((e, i) => (
                  <li key={i}>
                    Not a valid Draft 7 schema at <code>{e.path || '(root)'}</code>: {e.message}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-emerald-800 dark:text-emerald-300">
                {check ? '✓ Valid Draft 7 schema.' : 'Checking…'}
              </p>
            )}
          </Panel>
          {schema && (
            <details className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
              <summary className="cursor-pointer text-sm font-semibold">Property builder (no JSON needed)</summary>
              <div className="mt-3">
                <PropertyBuilder schema={schema} onChange={(next) => setText(formatJson(next))} />
              </div>
            </details>
          )}
          {schema && schemaValid && check.kind === 'checked' && (
            <Panel title="Blast radius: stored values against this draft">
              <BlastRadiusPanel schema={schema} pages={pages} results={check.results} />
            </Panel>
          )}
          {schema && schemaValid && (
            <Panel title={`Preview: the ${label} form with its current values`}>
              <ErrorBoundary
                key={settled}
                fallback={(error) => (
                  <p role="alert" className="text-sm text-red-800 dark:text-red-300">
                    The form cannot be drawn from this schema: {error.message}. Its variables will be edited as JSON.
                  </p>
                )}
              >
                <SchemaForm schema={schema} formData={page.variables ?? {}} onChange={() => undefined} disabled />
              </ErrorBoundary>
            </Panel>
          )}
        </div>
      </div>
      <Link
        to={paths.editor(agentId, env)}
        className="inline-block text-sm text-brand-700 underline dark:text-brand-300"
      >
        ← Edit {label} variables
      </Link>
      {copying && schema && check?.kind === 'checked' && (
        <CopySchemaDialog
          agentId={agentId}
          source={env}
          schema={schema}
          pages={pages}
          results={check.results}
          onClose={() => setCopying(false)}
        />
      )}
      {reviewing && schema && check?.kind === 'checked' && check.results[env] && (
        <SchemaReviewDialog
          agentId={agentId}
          env={env}
          basedOn={basedOn}
          schema={schema}
          check={check.results[env]}
          restoreOf={fromHistory?.restoreOf}
          onSaved={(savedPage) => {
            removeSchemaDraft(agentId, env);
            setBasedOn(savedPage);
            setText(formatJson(savedPage.schema ?? {}));
            setSaved(`✓ Saved the schema of ${label}.`);
            setReviewing(false);
          }}
          onRebase={(current) => {
            setBasedOn(current);
            setReviewing(false);
          }}
          onRequested={(id) => {
            removeSchemaDraft(agentId, env);
            setSaved(
              <>
                Change request #{id} opened: the schema of {label} changes once it is approved and applied.{' '}
                <Link className="font-medium underline" to={paths.changeRequest(agentId, id)}>
                  View the request
                </Link>
              </>,
            );
            setReviewing(false);
          }}
          onClose={() => setReviewing(false)}
        />
      )}
    </div>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section
      aria-label={title}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 className="mb-2 text-sm font-semibold">{title}</h2>
      {children}
    </section>
  );
}
