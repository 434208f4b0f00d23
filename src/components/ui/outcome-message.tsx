import { useEffect, useRef, type ReactNode } from 'react';

type Props = { tone?: 'success' | 'info'; className?: string; children: ReactNode };

const TONES = {
  success:
    'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-100',
  info: 'border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950/40 dark:text-sky-100',
};

/**
 * What a completed write did, where focus lands: the message takes focus when it appears (give it a `key` per write to
 * take it again on the next), so a keyboard or screen-reader user hears what happened, and its link to the result is
 * the next Tab — instead of focus dropping to the page.
 */
export function OutcomeMessage({ tone = 'success', className = '', children }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      role="status"
      tabIndex={-1}
      className={`rounded-md border px-3 py-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 ${TONES[tone]} ${className}`}
    >
      {children}
    </div>
  );
}
