import { CLIENT_ENVS, type ClientEnv } from '../../../contract/client-envs.ts';
import { Button } from '../../components/ui/button.tsx';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import { plural } from '../../../contract/plural.ts';

type Direction = { from: ClientEnv; to: ClientEnv };
type Props = {
  count: number;
  direction: Direction;
  onDirectionChange: (direction: Direction) => void;
  onPromote: () => void;
  onClear: () => void;
};

/** Shown while rows are selected: where to copy them from and to. */
export function PromotionBar({ count, direction, onDirectionChange, onPromote, onClear }: Props) {
  const select = (id: string, label: string, key: keyof Direction) => (
    <label htmlFor={id} className="flex items-center gap-1.5">
      {label}
      <select
        id={id}
        value={direction[key]}
        onChange={(e) => onDirectionChange({ ...direction, [key]: e.target.value as ClientEnv })}
        className="rounded-md border-0 bg-white py-1 pl-2 pr-7 text-sm ring-1 ring-inset ring-slate-300 dark:bg-slate-950 dark:ring-slate-700"
      >
        {CLIENT_ENVS.map((env) => (
          <option key={env} value={env}>
            {ENV_LABELS[env]}
          </option>
        ))}
      </select>
    </label>
  );
  const same = direction.from === direction.to;
  return (
    <div
      role="region"
      aria-label="Promote selected rows"
      className="sticky top-16 z-10 flex flex-wrap items-center gap-3 rounded-lg border border-brand-200 bg-brand-50 px-3 py-2 text-sm shadow-sm dark:border-brand-800 dark:bg-brand-950"
    >
      <strong>{`${plural(count, 'row', 'rows')} selected`}</strong>
      {select('promote-from', 'Copy from', 'from')}
      {select('promote-to', 'to', 'to')}
      <Button variant="primary" disabled={same} onClick={onPromote}>
        Promote…
      </Button>
      {same && <span>Pick two different environments.</span>}
      <Button variant="ghost" onClick={onClear}>
        Clear selection
      </Button>
    </div>
  );
}
