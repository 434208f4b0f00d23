import { CLIENT_ENVS, type ClientEnv } from '../../../contract/client-envs.ts';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import type { CompareView, Show } from '../../lib/compare-view.ts';

const SHOW_LABELS: Record<Show, string> = {
  all: 'All keys',
  differs: 'Only differences',
  failing: 'Failing their schema',
  unschemad: 'Not in the schema',
};

type Props = { view: CompareView; onChange: (change: Partial<CompareView>) => void };

/** Which environments are columns (and their order), which rows show, and the search; all of it lives in the URL. */
export function CompareToolbar({ view, onChange }: Props) {
  const { envs } = view;
  const move = (env: ClientEnv, by: -1 | 1) => {
    const next = [...envs];
    const from = next.indexOf(env);
    [next[from], next[from + by]] = [next[from + by], next[from]];
    onChange({ envs: next });
  };
  const hidden = CLIENT_ENVS.filter((env) => !envs.includes(env));
  return (
    <div className="flex flex-wrap items-end gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div role="group" aria-labelledby="columns-label">
        <p id="columns-label" className="text-sm font-medium">
          Columns
        </p>
        <ol className="mt-1 flex flex-wrap items-center gap-1.5">
          {envs.map((env, i) => (
            <li
              key={env}
              className="flex items-center rounded-md text-sm ring-1 ring-inset ring-slate-300 dark:ring-slate-700"
            >
              <span className="px-2 py-1">{ENV_LABELS[env]}</span>
              <ChipButton
                label={`Move ${ENV_LABELS[env]} left`}
                disabled={i === 0}
                onClick={() => move(env, -1)}
                glyph="←"
              />
              <ChipButton
                label={`Move ${ENV_LABELS[env]} right`}
                disabled={i === envs.length - 1}
                onClick={() => move(env, 1)}
                glyph="→"
              />
              <ChipButton
                label={`Remove ${ENV_LABELS[env]} column`}
                disabled={envs.length <= 2}
                onClick={() => onChange({ envs: envs.filter((e) => e !== env) })}
                glyph="✕"
              />
            </li>
          ))}
          {hidden.map((env) => (
            <li key={env}>
              <button
                type="button"
                onClick={() => onChange({ envs: [...envs, env] })}
                className="rounded-md px-2 py-1 text-sm text-brand-700 ring-1 ring-inset ring-dashed ring-slate-300 hover:bg-slate-50 dark:text-brand-300 dark:ring-slate-700 dark:hover:bg-slate-800"
              >
                + {ENV_LABELS[env]}
              </button>
            </li>
          ))}
        </ol>
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Show</legend>
        <div className="mt-1 flex flex-wrap gap-1">
          {(Object.keys(SHOW_LABELS) as Show[]).map((show) => (
            <label
              key={show}
              className={`flex cursor-pointer items-center gap-1.5 rounded-md px-2 py-1 text-sm ring-1 ring-inset ${
                view.show === show
                  ? 'bg-brand-50 ring-brand-500 dark:bg-brand-950 dark:ring-brand-400'
                  : 'ring-slate-300 dark:ring-slate-700'
              }`}
            >
              <input
                type="radio"
                name="show"
                value={show}
                checked={view.show === show}
                onChange={() => onChange({ show })}
                className="size-3.5"
              />
              {SHOW_LABELS[show]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="min-w-56 flex-1">
        <label htmlFor="compare-search" className="block text-sm font-medium">
          Search keys and values
        </label>
        <input
          id="compare-search"
          type="search"
          value={view.query}
          onChange={(e) => onChange({ query: e.target.value })}
          placeholder="e.g. promo or WINTER25"
          className="mt-1 block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 dark:bg-slate-950 dark:ring-slate-700"
        />
      </div>
    </div>
  );
}

function ChipButton({
  label,
  glyph,
  disabled,
  onClick,
}: {
  label: string;
  glyph: string;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className="px-1.5 py-1 text-slate-500 hover:text-slate-900 disabled:opacity-30 dark:text-slate-400 dark:hover:text-white"
    >
      <span aria-hidden>{glyph}</span>
    </button>
  );
}
