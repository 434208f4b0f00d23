import { useQuery } from '@tanstack/react-query';
import { runtimeQuery } from '../api/runtime.ts';

/**
 * Says on every page what the console is connected to. Production (PolyAI's API) is a coloured bar that cannot be
 * missed; the emulator is a quiet badge; not knowing is a warning, never silence.
 */
export function ConnectionIndicator() {
  const runtime = useQuery(runtimeQuery());
  if (runtime.isPending) return null;
  if (runtime.isError) {
    return (
      <div
        role="status"
        className="bg-amber-100 px-4 py-1.5 text-center text-sm font-medium text-amber-950 dark:bg-amber-900 dark:text-amber-50"
      >
        Connection unknown: the server did not say whether this is the demo emulator or PolyAI's API.
      </div>
    );
  }
  const data = runtime.data;
  if (data.mode === 'emulator') return null;
  return (
    <div role="status" className="bg-red-700 px-4 py-1.5 text-center text-sm font-semibold text-white">
      Connected to PolyAI's API{data.region ? ` · region ${data.region.toUpperCase()}` : ''} · {data.upstream}
      {data.readOnly ? ' · read-only: changes cannot be saved' : ' · changes reach real agents'}
    </div>
  );
}

/** The short form for the header: which backend this is. */
export function ConnectionBadge() {
  const runtime = useQuery(runtimeQuery());
  if (!runtime.isSuccess) return null;
  const data = runtime.data;
  const proxy = data.mode === 'proxy';
  return (
    <span
      className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
        proxy
          ? 'bg-red-50 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800'
          : 'bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600'
      }`}
    >
      {data.mode === 'proxy' ? `PolyAI ${data.region?.toUpperCase() ?? 'API'}` : 'Demo emulator'}
    </span>
  );
}
