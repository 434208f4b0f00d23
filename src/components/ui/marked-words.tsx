import type { WordPart } from '../../lib/word-diff.ts';

/** A text with the words that changed marked (removed struck through in red, added in green), reading exactly as the text. */
export function MarkedWords({ parts }: { parts: WordPart[] }) {
  return parts.map((part, index) =>
    part.kind === 'same' ? (
      part.text
    ) : part.kind === 'removed' ? (
      <del key={index} className="rounded-sm bg-red-200 decoration-red-700 dark:bg-red-800/70">
        {part.text}
      </del>
    ) : (
      <ins key={index} className="rounded-sm bg-emerald-200 no-underline dark:bg-emerald-800/70">
        {part.text}
      </ins>
    ),
  );
}
