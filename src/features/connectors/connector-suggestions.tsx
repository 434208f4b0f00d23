import type { Connector } from '../../../contract/agents-api.ts';

export type Suggestions = { voices: string[]; langs: string[] };

/** The voices and languages the agent's connectors already use: what the pickers offer (any other value can be typed). */
export function suggestionsOf(connectors: readonly Connector[]): Suggestions {
  const langs = new Set<string>();
  const voices = new Set<string>();
  for (const connector of connectors) {
    langs.add(connector.asrLangCode);
    if (connector.ttsLangCode) langs.add(connector.ttsLangCode);
    voices.add(connector.voiceName);
  }
  return { langs: [...langs].sort(), voices: [...voices].sort() };
}

/** The browser's own searchable list for a text field: type to filter, arrow keys to choose. */
export function SuggestionList({ id, values }: { id: string; values: readonly string[] }) {
  return (
    <datalist id={id}>
      {values.map((value) => (
        <option key={value} value={value} />
      ))}
    </datalist>
  );
}

/** Which list a connector field picks from (the variant has none: variants are free names). */
export const listFor = (field: 'variantId' | 'asrLangCode' | 'voiceName', prefix: string) =>
  field === 'voiceName' ? `${prefix}-voices` : field === 'asrLangCode' ? `${prefix}-langs` : undefined;

/** What the change would be refused for, or would break, as the review shows it. */
export function PatchProblems({ refused, warnings }: { refused: string[]; warnings: string[] }) {
  if (refused.length === 0 && warnings.length === 0) return null;
  return (
    <div className="mt-1 space-y-0.5 text-xs">
      {refused.map((problem) => (
        <p key={problem} className="font-medium text-red-800 dark:text-red-300">
          ✕ Not sent: {problem}.
        </p>
      ))}
      {warnings.map((problem) => (
        <p key={problem} className="text-amber-800 dark:text-amber-300">
          ⚠ Health: {problem}.
        </p>
      ))}
    </div>
  );
}
