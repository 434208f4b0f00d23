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
    // Whatever opened the dialog gets focus back when it closes (Escape, Cancel, or done), so the user keeps their place.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    return () => {
      dialog.removeAttribute('open');
      // After React has finished this update: the opener may be re-rendered (or gone) by the same change. Only focus
      // that was lost with the dialog goes back: what the change itself focused (the outcome of a write) keeps it.
      requestAnimationFrame(() => {
        const now = document.activeElement;
        const lost = !now || now === document.body || dialog.contains(now);
        if (lost && opener?.isConnected && !document.querySelector('dialog[open]')) opener.focus();
      });
    };
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
