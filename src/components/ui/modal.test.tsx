import { useState } from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { Modal } from './modal.tsx';

function Opener() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Review
      </button>
      <button type="button">Elsewhere</button>
      {open && (
        <Modal labelledBy="t" onClose={() => setOpen(false)}>
          <h2 id="t">Review</h2>
          <button type="button" onClick={() => setOpen(false)}>
            Keep editing
          </button>
        </Modal>
      )}
    </>
  );
}

test('closing a dialog gives focus back to the control that opened it', async () => {
  const user = userEvent.setup();
  render(<Opener />);
  await user.click(screen.getByRole('button', { name: 'Review' }));
  await user.click(screen.getByRole('button', { name: 'Keep editing' }));
  await waitFor(() => expect(screen.getByRole('button', { name: 'Review' })).toHaveFocus());
});
