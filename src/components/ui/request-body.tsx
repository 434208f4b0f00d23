import type { JsonObject } from '../../../contract/agents-api.ts';

/** The exact body a write sends, one click away in every review: what is approved is what goes out. */
export function RequestBody({ patch }: { patch: JsonObject }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer">Exactly what is sent (request body)</summary>
      <pre
        aria-label="Request body"
        className="mt-2 max-h-48 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800"
      >
        {JSON.stringify({ variables: patch }, null, 2)}
      </pre>
    </details>
  );
}
