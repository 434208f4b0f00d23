import { useEffect, useMemo, useState } from 'react';
import type { JsonObject } from '../../../contract/agents-api.ts';
import type { VariablesCheck } from '../../../contract/config-validation.ts';
import { JsonEditor } from '../../components/json-editor/json-editor.tsx';
import { FieldErrorList } from '../../components/ui/field-error-list.tsx';
import { jsonEqual } from '../../lib/json-equal.ts';
import { formatJson, parseJsonObject } from '../../lib/parse-json-object.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { checkVariables } from '../../lib/validation/variables-check.ts';

type Props = { schema: JsonObject | undefined; formData: JsonObject; onChange: (formData: JsonObject) => void };

/**
 * The variables as JSON, editing the same draft as the form: every valid object typed here becomes the form's data.
 * Syntax errors are marked at their line; the values are checked against the schema off the main thread.
 */
export default function VariablesJsonView({ schema, formData, onChange }: Props) {
  const [text, setText] = useState(() => formatJson(formData));
  const parsed = parseJsonObject(text, 'The variables');
  // Debounce the text, not the parsed object: a new object every render would never settle.
  const settledText = useDebouncedValue(text, 300);
  const settled = useMemo(() => {
    const value = parseJsonObject(settledText);
    return value.ok ? value.value : undefined;
  }, [settledText]);
  const [check, setCheck] = useState<{ of: JsonObject; result: VariablesCheck }>();

  useEffect(() => {
    if (!settled) return;
    let current = true;
    checkVariables(schema, settled).then((result) => current && setCheck({ of: settled, result }));
    return () => {
      current = false;
    };
  }, [schema, settled]);

  const edit = (next: string) => {
    setText(next);
    const value = parseJsonObject(next, 'The variables');
    if (value.ok && !jsonEqual(value.value, formData)) onChange(value.value);
  };
  const errors = useMemo(() => (check && check.of === settled ? check.result.errors : []), [check, settled]);

  return (
    <div className="space-y-2">
      <JsonEditor value={text} onChange={edit} label="Variables as JSON" problems={errors} />
      {!parsed.ok ? (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          Invalid JSON{parsed.line ? ` at line ${parsed.line}, column ${parsed.column}` : ''}: {parsed.message}. The
          form keeps the last valid values.
        </p>
      ) : errors.length > 0 ? (
        <div role="alert">
          <FieldErrorList errors={errors} label="Schema errors" className="text-sm text-red-800 dark:text-red-300" />
        </div>
      ) : (
        <p className="text-sm text-emerald-800 dark:text-emerald-300">✓ Valid JSON that satisfies the schema.</p>
      )}
    </div>
  );
}
