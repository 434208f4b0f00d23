/** A line diff for showing two JSON values side by side (longest common subsequence, trimmed of equal ends). */
export type DiffLine = { kind: 'same' | 'removed' | 'added'; text: string };
export type SideBySideRow = { left?: string; right?: string; changed: boolean };

/** Beyond this many cells the table would cost too much: the middle is shown as removed then added. */
const MAX_CELLS = 4_000_000;

export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  const head = before.slice(0, start).map((text): DiffLine => ({ kind: 'same', text }));
  const tail = before.slice(endB).map((text): DiffLine => ({ kind: 'same', text }));
  return [...head, ...diffMiddle(before.slice(start, endB), after.slice(start, endA)), ...tail];
}

function diffMiddle(b: readonly string[], a: readonly string[]): DiffLine[] {
  const removedAll = b.map((text): DiffLine => ({ kind: 'removed', text }));
  const addedAll = a.map((text): DiffLine => ({ kind: 'added', text }));
  if (b.length === 0 || a.length === 0 || b.length * a.length > MAX_CELLS) return [...removedAll, ...addedAll];
  // lengths[i][j]: the longest common subsequence of b[i..] and a[j..].
  const width = a.length + 1;
  const lengths = new Uint32Array((b.length + 1) * width);
  for (let i = b.length - 1; i >= 0; i--) {
    for (let j = a.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        b[i] === a[j]
          ? lengths[(i + 1) * width + j + 1] + 1
          : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < b.length && j < a.length) {
    if (b[i] === a[j]) {
      lines.push({ kind: 'same', text: b[i] });
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1])
      lines.push({ kind: 'removed', text: b[i++] });
    else lines.push({ kind: 'added', text: a[j++] });
  }
  while (i < b.length) lines.push({ kind: 'removed', text: b[i++] });
  while (j < a.length) lines.push({ kind: 'added', text: a[j++] });
  return lines;
}

/** Pairs each run of removed lines with the added lines after it, so a changed line sits beside its replacement. */
export function sideBySide(lines: readonly DiffLine[]): SideBySideRow[] {
  const rows: SideBySideRow[] = [];
  for (let i = 0; i < lines.length;) {
    if (lines[i].kind === 'same') {
      rows.push({ left: lines[i].text, right: lines[i].text, changed: false });
      i++;
      continue;
    }
    const removed: string[] = [];
    const added: string[] = [];
    while (i < lines.length && lines[i].kind === 'removed') removed.push(lines[i++].text);
    while (i < lines.length && lines[i].kind === 'added') added.push(lines[i++].text);
    for (let k = 0; k < Math.max(removed.length, added.length); k++)
      rows.push({ left: removed[k], right: added[k], changed: true });
  }
  return rows;
}
