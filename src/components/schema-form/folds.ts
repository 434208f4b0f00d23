import { createContext, useCallback, useMemo, useState } from 'react';

/**
 * Which nested groups (objects, arrays, array items, by field id) the user folded. Kept by the form around all its
 * sections rather than by each group, so a fold survives its section being drawn again (a long page draws only what
 * is near the screen; a search hides sections). Without it, each group keeps its own.
 */
export type Folds = { isFolded(id: string): boolean; setFolded(id: string, folded: boolean): void };

export const FoldsContext = createContext<Folds | undefined>(undefined);

export function useFolds(): Folds {
  const [folded, setFoldedIds] = useState<ReadonlySet<string>>(new Set());
  const setFolded = useCallback(
    (id: string, fold: boolean) =>
      setFoldedIds((current) => {
        if (current.has(id) === fold) return current;
        const next = new Set(current);
        if (fold) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  return useMemo(() => ({ isFolded: (id: string) => folded.has(id), setFolded }), [folded, setFolded]);
}
