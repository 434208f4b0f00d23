import { useSyncExternalStore } from 'react';

const listOf = (query: string) => (typeof window.matchMedia === 'function' ? window.matchMedia(query) : undefined);

/** Whether a CSS media query matches now, kept current as the window changes (false where it cannot be asked). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = listOf(query);
      list?.addEventListener('change', onChange);
      return () => list?.removeEventListener('change', onChange);
    },
    () => listOf(query)?.matches ?? false,
    () => false,
  );
}

/** A phone-sized window (Tailwind's `sm` breakpoint and below): where tables become cards. */
export const usePhone = () => useMediaQuery('(max-width: 639px)');
