import { useEffect, useRef, type ReactNode } from 'react';

type Props = { labelledBy: string; onClose: () => void; className?: string; children: ReactNode };

/**
 * A modal <dialog>: the browser traps focus, Escape closes it (through `onClose`, so React state stays the truth),
 * and the page behind is inert. Where modal dialogs are unsupported (old browsers, jsdom) it still opens, unstyled.
 */
export function Modal({ labelledBy, onClose, className = '', children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    return () => dialog.removeAttribute('open');
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className={`m-auto rounded-xl bg-white text-slate-900 shadow-2xl backdrop:bg-slate-950/50 dark:bg-slate-900 dark:text-slate-100 ${className}`}
    >
      {children}
    </dialog>
  );
}
