import { useEffect, useRef } from 'react';

type Handlers = { next: () => void; previous: () => void; toggle: () => void; promote: () => void };

const TYPING = 'input, textarea, select, [contenteditable="true"]';

/**
 * j / ] and k / [ move between differing rows, x selects the current one, p opens the promote dialog. Ignored while
 * typing in a field, with a modifier held, or while a dialog is open.
 */
export function useCompareKeys(handlers: Handlers) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const target = event.target as Element | null;
      if (target?.closest?.(TYPING) || document.querySelector('dialog[open]')) return;
      const action = { j: 'next', ']': 'next', k: 'previous', '[': 'previous', x: 'toggle', p: 'promote' }[
        event.key
      ] as keyof Handlers | undefined;
      if (!action) return;
      event.preventDefault();
      latest.current[action]();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
