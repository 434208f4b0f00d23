import { exactTime, relativeTime } from '../../lib/relative-time.ts';

/** Relative time with the exact time beside it, in a <time> element machines can read. */
export function Timestamp({ iso }: { iso: string | undefined }) {
  if (!iso) return <span className="text-slate-500 dark:text-slate-400">never</span>;
  return (
    <time dateTime={iso} title={iso}>
      {relativeTime(iso)} <span className="text-slate-500 dark:text-slate-400">({exactTime(iso)})</span>
    </time>
  );
}
