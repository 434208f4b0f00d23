/** Loading, empty and error states: every page shows one of these instead of a blank area. */
import type { ReactNode } from 'react';
import { Button } from './button.tsx';

export function Loading({ label }: { label: string }) {
  return (
    <div
      role="status"
      aria-live="polite"
      className="flex items-center gap-3 p-6 text-sm text-slate-600 dark:text-slate-300"
    >
      <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600" />
      {label}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
      <p className="font-medium">{title}</p>
      {children && <div className="mt-1 text-sm text-slate-600 dark:text-slate-400">{children}</div>}
    </div>
  );
}

type ErrorStateProps = { title: string; error: unknown; onRetry?: () => void };

/** A 4xx other than a timeout or a rate limit says the request itself is wrong: asking again gives the same answer. */
const retryCannotHelp = (error: unknown) => {
  const status = (error as { status?: number } | null)?.status;
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
};

export function ErrorState({ title, error, onRetry }: ErrorStateProps) {
  const message = error instanceof Error ? error.message : String(error);
  const reference = (error as { correlationId?: string } | null)?.correlationId;
  return (
    <div
      role="alert"
      className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm dark:border-red-900 dark:bg-red-950/40"
    >
      <p className="font-semibold text-red-800 dark:text-red-200">{title}</p>
      <p className="mt-1 text-red-700 dark:text-red-300">{message}</p>
      {reference && <p className="mt-1 text-xs text-red-700/80 dark:text-red-300/80">Reference: {reference}</p>}
      {onRetry && !retryCannotHelp(error) && (
        <Button className="mt-3" onClick={onRetry}>
          Retry
        </Button>
      )}
    </div>
  );
}
