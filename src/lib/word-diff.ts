/**
 * Which words of two texts changed: a changed sentence reads as the few words that differ, not as one red and one
 * green block. Words and the spaces between them are compared as tokens (longest common subsequence).
 */
export type WordPart = { text: string; kind: 'same' | 'removed' | 'added' };

/** Above this many token pairs the table would cost too much: the texts are shown without word marks. */
const MAX_CELLS = 250_000;

const tokens = (text: string) => text.split(/(\s+)/).filter((token) => token !== '');

/** The parts of `before` (same or removed) and of `after` (same or added); undefined when the texts are too long. */
export function wordDiff(before: string, after: string): { before: WordPart[]; after: WordPart[] } | undefined {
  const a = tokens(before);
  const b = tokens(after);
  if (a.length * b.length > MAX_CELLS) return undefined;
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const left: WordPart[] = [];
  const right: WordPart[] = [];
  const push = (parts: WordPart[], text: string, kind: WordPart['kind']) => {
    const last = parts[parts.length - 1];
    if (last?.kind === kind) last.text += text;
    else parts.push({ text, kind });
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      push(left, a[i++], 'same');
      push(right, b[j++], 'same');
    } else if (j < b.length && (i === a.length || lengths[i][j + 1] >= lengths[i + 1][j])) {
      push(right, b[j++], 'added');
    } else {
      push(left, a[i++], 'removed');
    }
  }
  return { before: joinRuns(left), after: joinRuns(right) };
}

/** A space between two changed words belongs to the change: "Hotel! I am" is one mark, not three. */
function joinRuns(parts: WordPart[]): WordPart[] {
  const joined: WordPart[] = [];
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    const previous = joined[joined.length - 1];
    const next = parts[k + 1];
    if (
      part.kind === 'same' &&
      /^\s+$/.test(part.text) &&
      previous &&
      next &&
      previous.kind !== 'same' &&
      previous.kind === next.kind
    ) {
      previous.text += part.text + next.text;
      k++;
    } else if (previous && previous.kind === part.kind) {
      previous.text += part.text;
    } else {
      joined.push({ ...part });
    }
  }
  return joined;
}
