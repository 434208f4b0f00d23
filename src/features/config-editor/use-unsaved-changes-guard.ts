import { useEffect } from 'react';
import { useNavigationGuard } from '../../lib/guarded-history.ts';

/**
 * While there are unsaved edits: in-app navigation away is held for the user to confirm (the returned blocker), and
 * reloading or closing the tab asks the browser's own question.
 */
export function useUnsavedChangesGuard(dirty: boolean) {
  const blocker = useNavigationGuard(dirty);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  return blocker;
}
