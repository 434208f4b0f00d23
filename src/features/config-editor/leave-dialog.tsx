import { useEffect, useRef } from 'react';
import { Button } from '../../components/ui/button.tsx';

type Props = { changeCount: number; onStay: () => void; onLeave: () => void };

/** Asked when the user navigates away from unsaved edits inside the console. */
export function LeaveDialog({ changeCount, onStay, onLeave }: Props) {
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
      aria-labelledby="leave-title"
      onCancel={(e) => {
        e.preventDefault();
        onStay();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl bg-white p-6 text-slate-900 shadow-2xl backdrop:bg-slate-950/50 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id="leave-title" className="text-lg font-semibold">
        Leave without saving?
      </h2>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
        {changeCount === 1 ? '1 unsaved change' : `${changeCount} unsaved changes`} will be lost.
      </p>
      <div className="mt-5 flex justify-end gap-2">
        <Button variant="primary" onClick={onStay} autoFocus>
          Stay and keep editing
        </Button>
        <Button variant="danger" onClick={onLeave}>
          Discard and leave
        </Button>
      </div>
    </dialog>
  );
}
