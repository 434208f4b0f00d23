import { Button } from './button.tsx';
import { Modal } from './modal.tsx';

export type Outcome = { key: string; ok: boolean; text: string };

type Props = { title: string; listLabel: string; outcomes: Outcome[]; onClose: () => void };

/** The result of a write to many things at once, one line each: what failed is listed, never summed away. */
export function OutcomeDialog({ title, listLabel, outcomes, onClose }: Props) {
  return (
    <Modal labelledBy="outcome-title" onClose={onClose} className="w-[min(40rem,calc(100vw-2rem))] p-6">
      <h2 id="outcome-title" className="text-lg font-semibold">
        {title}
      </h2>
      <ul className="mt-4 max-h-[50vh] space-y-1 overflow-auto text-sm" aria-label={listLabel}>
        {outcomes.map((o) => (
          <li key={o.key} className={o.ok ? '' : 'font-medium text-red-800 dark:text-red-300'}>
            {o.ok ? '✓' : '✕'} {o.text}
          </li>
        ))}
      </ul>
      <div className="mt-4 flex justify-end">
        <Button variant="primary" onClick={onClose}>
          Close
        </Button>
      </div>
    </Modal>
  );
}
