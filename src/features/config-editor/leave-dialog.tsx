import { Button } from '../../components/ui/button.tsx';
import { Modal } from '../../components/ui/modal.tsx';
import { plural } from '../../../contract/plural.ts';

type Props = { changeCount: number; onStay: () => void; onLeave: () => void };

/** Asked when the user navigates away from unsaved edits inside the console. */
export function LeaveDialog({ changeCount, onStay, onLeave }: Props) {
  return (
    <Modal labelledBy="leave-title" onClose={onStay} className="w-[min(28rem,calc(100vw-2rem))] p-6">
      <h2 id="leave-title" className="text-lg font-semibold">
        Leave without saving?
      </h2>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
        {plural(changeCount, 'unsaved change', 'unsaved changes')} will be lost.
      </p>
      <div className="mt-5 flex justify-end gap-2">
        <Button variant="primary" onClick={onStay} autoFocus>
          Stay and keep editing
        </Button>
        <Button variant="danger" onClick={onLeave}>
          Discard and leave
        </Button>
      </div>
    </Modal>
  );
}
