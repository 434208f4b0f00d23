import { useMemo, useState } from 'react';
import type { ClientEnv } from '../../../contract/client-envs.ts';
import { Button } from '../../components/ui/button.tsx';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import { Modal } from '../../components/ui/modal.tsx';
import { diffLines, sideBySide } from '../../lib/line-diff.ts';
import { wordDiff, type WordPart } from '../../lib/word-diff.ts';
import { MarkedWords } from '../../components/ui/marked-words.tsx';
import type { CompareRow } from './compare-rows.ts';
import { plural } from '../../../contract/plural.ts';

type Props = {
  row: CompareRow;
  envs: ClientEnv[];
  initial: [ClientEnv, ClientEnv];
  onPromote: (from: ClientEnv, to: ClientEnv) => void;
  onClose: () => void;
};

const changedLines = (n: number) => `≠ ${plural(n, 'line differs', 'lines differ')}.`;
const linesOf = (value: unknown) => (value === undefined ? [] : JSON.stringify(value, null, 2).split('\n'));

/** One value in two environments, line by line side by side, with a way to copy it across in either direction. */
export function ValueDiffDialog({ row, envs, initial, onPromote, onClose }: Props) {
  const [left, setLeft] = useState(initial[0]);
  const [right, setRight] = useState(initial[1]);
  const valueIn = (env: ClientEnv) => row.values[envs.indexOf(env)];
  const [leftValue, rightValue] = [valueIn(left), valueIn(right)];
  const rows = useMemo(() => sideBySide(diffLines(linesOf(leftValue), linesOf(rightValue))), [leftValue, rightValue]);
  const name = row.path.join('.');
  const same = left !== right && rows.every((r) => !r.changed);
  return (
    <Modal labelledBy="value-diff-title" onClose={onClose} className="w-[min(64rem,calc(100vw-2rem))] p-0">
      <div className="space-y-4 p-6">
        <h2 id="value-diff-title" className="font-mono text-lg font-semibold">
          {name}
        </h2>
        <div className="flex flex-wrap items-end gap-4 text-sm">
          <EnvSelect id="diff-left" label="Left" value={left} envs={envs} onChange={setLeft} />
          <EnvSelect id="diff-right" label="Right" value={right} envs={envs} onChange={setRight} />
          <p role="status" className="pb-1.5 text-slate-600 dark:text-slate-400">
            {left === right
              ? 'Pick two different environments.'
              : same
                ? '= The same in both.'
                : changedLines(rows.filter((r) => r.changed).length)}
          </p>
        </div>
        <div
          role="table"
          aria-label={`${name}: ${ENV_LABELS[left]} and ${ENV_LABELS[right]}`}
          className="max-h-[55vh] overflow-auto rounded-md border border-slate-200 font-mono text-xs dark:border-slate-700"
        >
          <div
            role="row"
            className="sticky top-0 grid grid-cols-2 bg-slate-100 font-sans font-semibold dark:bg-slate-800"
          >
            <span role="columnheader" className="px-2 py-1">
              {ENV_LABELS[left]}
            </span>
            <span role="columnheader" className="px-2 py-1">
              {ENV_LABELS[right]}
            </span>
          </div>
          {leftValue === undefined && rightValue === undefined ? (
            <p className="p-2 font-sans">Set in neither.</p>
          ) : (
            rows.map((line, i) => {
              // A changed line on both sides: the words that changed are marked, not the whole line.
              const words =
                line.changed && line.left !== undefined && line.right !== undefined
                  ? wordDiff(line.left, line.right)
                  : undefined;
              return (
                <div role="row" key={i} className="grid grid-cols-2">
                  <DiffCell
                    text={line.left}
                    words={words?.before}
                    tone={line.changed ? 'removed' : 'same'}
                    missing={leftValue === undefined && i === 0}
                  />
                  <DiffCell
                    text={line.right}
                    words={words?.after}
                    tone={line.changed ? 'added' : 'same'}
                    missing={rightValue === undefined && i === 0}
                  />
                </div>
              );
            })
          )}
        </div>
        <div className="flex flex-wrap justify-end gap-2">
          <Button disabled={left === right || same || leftValue === undefined} onClick={() => onPromote(left, right)}>
            Copy {ENV_LABELS[left]} → {ENV_LABELS[right]}…
          </Button>
          <Button disabled={left === right || same || rightValue === undefined} onClick={() => onPromote(right, left)}>
            Copy {ENV_LABELS[right]} → {ENV_LABELS[left]}…
          </Button>
          <Button variant="primary" onClick={onClose}>
            Close
          </Button>
        </div>
      </div>
    </Modal>
  );
}

const TONES = {
  same: '',
  removed: 'bg-red-50 text-red-900 dark:bg-red-950/50 dark:text-red-200',
  added: 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200',
};

function DiffCell({
  text,
  words,
  tone,
  missing,
}: {
  text: string | undefined;
  words?: WordPart[];
  tone: keyof typeof TONES;
  missing: boolean;
}) {
  return (
    <span
      role="cell"
      className={`whitespace-pre-wrap border-r border-slate-200 px-2 py-0.5 [overflow-wrap:anywhere] dark:border-slate-700 ${text === undefined ? '' : TONES[tone]}`}
    >
      {missing ? (
        <em className="font-sans text-slate-500 dark:text-slate-400">not set</em>
      ) : words ? (
        <MarkedWords parts={words} />
      ) : (
        text
      )}
      {tone !== 'same' && text !== undefined && <span className="sr-only"> (differs)</span>}
    </span>
  );
}

function EnvSelect({
  id,
  label,
  value,
  envs,
  onChange,
}: {
  id: string;
  label: string;
  value: ClientEnv;
  envs: ClientEnv[];
  onChange: (env: ClientEnv) => void;
}) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value as ClientEnv)}
        className="mt-1 rounded-md border-0 bg-white py-1.5 pl-2.5 pr-8 ring-1 ring-inset ring-slate-300 dark:bg-slate-950 dark:ring-slate-700"
      >
        {envs.map((env) => (
          <option key={env} value={env}>
            {ENV_LABELS[env]}
          </option>
        ))}
      </select>
    </div>
  );
}
