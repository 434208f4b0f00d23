/** Field, old → new: what a connector write will change, as text. */
export function ChangeList({ lines }: { lines: { field: string; before: string; after: string }[] }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
      {lines.map((line) => (
        <div key={line.field} className="contents">
          <dt className="text-slate-600 dark:text-slate-400">{line.field}</dt>
          <dd>
            <span className="font-mono text-red-800 line-through decoration-red-400 dark:text-red-300">
              {line.before}
            </span>
            <span aria-hidden> → </span>
            <span className="sr-only"> becomes </span>
            <span className="font-mono text-emerald-800 dark:text-emerald-300">{line.after}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
