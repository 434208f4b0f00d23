/** Promotions from the compare view and their undo: what is open, what was last written, and planning both again. */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ConfigPage } from '../../../contract/agents-api.ts';
import type { ClientEnv } from '../../../contract/client-envs.ts';
import { storeConfigPage } from '../../api/configs.ts';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import { pathOf } from '../../lib/json-pointer.ts';
import type { PatchRequest } from '../../components/patch-review/patch-review-dialog.tsx';
import type { WriteMeta } from '../../lib/write-outcome.ts';
import { planPromotion, planUndo } from './promotion-plan.ts';
import { plural } from '../../../contract/plural.ts';

/** What was last written from this view, so it can be undone. */
type LastWrite = { target: ClientEnv; before: Record<string, unknown>; page: ConfigPage; summary: string };
/** An open write dialog, and what it was opened for (so it can be planned again from the latest data). */
type OpenWrite = PatchRequest & {
  seq: number;
  origin: { kind: 'promote'; pointers: string[]; from: ClientEnv; to: ClientEnv } | { kind: 'undo'; last: LastWrite };
};

type Options = {
  agentId: string;
  pageOf: (env: ClientEnv) => ConfigPage | undefined;
  /** Told once a write landed, with a sentence saying what it did. */
  onDone: (summary: string, kind: 'promote' | 'undo') => void;
};

export function usePromotions({ agentId, pageOf, onDone }: Options) {
  const queryClient = useQueryClient();
  const [write, setWrite] = useState<OpenWrite>();
  const [lastWrite, setLastWrite] = useState<LastWrite>();

  function openPromotion(pointers: string[], from: ClientEnv, to: ClientEnv) {
    const source = pageOf(from);
    const target = pageOf(to);
    if (!source || !target || from === to) return;
    const plan = planPromotion(pointers, source.variables ?? {}, target.variables ?? {}, ENV_LABELS[from]);
    const count = pointers.length === 1 ? pathOf(pointers[0]).join('.') : plural(pointers.length, 'key', 'keys');
    setWrite({
      title: `Promote ${count} from ${ENV_LABELS[from]} to ${ENV_LABELS[to]}`,
      target: to,
      basedOn: target,
      plan,
      confirmLabel: `Promote to ${ENV_LABELS[to]}`,
      seq: Date.now(),
      origin: { kind: 'promote', pointers, from, to },
    });
  }

  function openUndo(last: LastWrite) {
    const { patch, kept } = planUndo(last.before);
    const now = last.page.variables ?? {};
    setWrite({
      title: `Undo: put ${ENV_LABELS[last.target]}’s previous values back`,
      target: last.target,
      // Only if nobody has written since the promotion: otherwise the undo would overwrite their change.
      basedOn: last.page,
      plan: {
        patch,
        before: Object.fromEntries(Object.keys(patch).map((key) => [key, now[key]])),
        skipped: kept.map((key) => ({
          pointer: `/${key}`,
          reason: 'was not set before, and a PATCH cannot remove a key, so it stays',
        })),
      },
      confirmLabel: `Undo in ${ENV_LABELS[last.target]}`,
      seq: Date.now(),
      origin: { kind: 'undo', last },
    });
  }

  /** After a conflict: plan the same promotion (or undo) again against the target as it is now. */
  function restart({ origin }: OpenWrite) {
    if (origin.kind === 'promote') openPromotion(origin.pointers, origin.from, origin.to);
    else openUndo({ ...origin.last, page: pageOf(origin.last.target) ?? origin.last.page });
  }

  function onWritten(page: ConfigPage) {
    if (!write) return;
    storeConfigPage(queryClient, agentId, page);
    const keys = Object.keys(write.plan.patch);
    const summary =
      write.origin.kind === 'undo'
        ? `Undone: ${keys.length === 1 ? `${keys[0]} is back to its previous value` : `${plural(keys.length, 'key', 'keys')} are back to their previous values`} in ${ENV_LABELS[write.target]}.`
        : `${write.title.replace(/^Promote/, 'Promoted')}.`;
    setLastWrite(
      write.origin.kind === 'undo' ? undefined : { target: write.target, before: write.plan.before, page, summary },
    );
    onDone(summary, write.origin.kind);
    setWrite(undefined);
  }

  /** What the history records about the open write besides its note. */
  const metaOf = ({ origin }: OpenWrite): WriteMeta =>
    origin.kind === 'promote' ? { kind: 'promotion', source: origin.from } : { kind: 'restore' };

  return {
    write,
    metaOf,
    lastWrite,
    openPromotion,
    openUndo,
    restart,
    onWritten,
    close: () => setWrite(undefined),
    dismiss: () => setLastWrite(undefined),
  };
}
