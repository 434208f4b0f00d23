import { useState } from 'react';
import type { JsonObject } from '../../../contract/agents-api.ts';
import { Button, buttonClass } from '../../components/ui/button.tsx';
import { formatJson, parseJsonObject } from '../../lib/parse-json-object.ts';
import { plural } from '../../../contract/plural.ts';

type Props = { agentId: string; env: string; variables: JsonObject; onImport: (values: JsonObject) => void };

/**
 * Export writes the stored variables to a file; import reads a file into the draft — never straight to the server:
 * what it changes is validated and reviewed like any edit.
 */
export function ImportExport({ agentId, env, variables, onImport }: Props) {
  const [note, setNote] = useState<{ ok: boolean; text: string }>();

  const exportFile = () => {
    const url = URL.createObjectURL(new Blob([formatJson(variables)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${agentId}-${env}-variables.json`;
    link.click();
    URL.revokeObjectURL(url);
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const parsed = parseJsonObject(await file.text(), 'The file');
    if (!parsed.ok) {
      setNote({
        ok: false,
        text: `Not imported: ${parsed.message}${parsed.line ? ` (line ${parsed.line}, column ${parsed.column})` : ''}.`,
      });
      return;
    }
    onImport(parsed.value);
    const count = Object.keys(parsed.value).length;
    setNote({
      ok: true,
      text: `Imported ${plural(count, 'key', 'keys')} from ${file.name} into the draft. Nothing is sent until you review and save.`,
    });
  };

  return (
    <div className="space-y-2 border-t border-slate-200 pt-3 dark:border-slate-800">
      <div className="flex flex-wrap gap-2">
        <Button onClick={exportFile}>Export JSON</Button>
        <label className={`${buttonClass('secondary')} cursor-pointer focus-within:ring-2 focus-within:ring-brand-500`}>
          Import JSON…
          <input
            type="file"
            accept="application/json,.json"
            className="sr-only"
            onChange={(e) => void importFile(e.target.files?.[0]).finally(() => (e.target.value = ''))}
          />
        </label>
      </div>
      {note && (
        <p
          role={note.ok ? 'status' : 'alert'}
          className={`text-sm ${note.ok ? 'text-slate-700 dark:text-slate-300' : 'text-red-800 dark:text-red-300'}`}
        >
          {note.text}
        </p>
      )}
    </div>
  );
}
