import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { paths } from '../../lib/paths.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClientEnv, ConfigPage } from '../../../contract/agents-api.ts';
import { configPageQuery } from '../../api/configs.ts';
import { useConfigWrites } from '../../api/config-writes.ts';
import { useNoteRequired } from '../../api/history.ts';
import { useWriteBlock } from '../../api/me.ts';
import { usePatchRequests } from '../../api/change-requests.ts';
import { PatchReviewDialog } from '../../components/patch-review/patch-review-dialog.tsx';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import { Modal } from '../../components/ui/modal.tsx';
import { Button } from '../../components/ui/button.tsx';
import { ErrorState, Loading } from '../../components/ui/states.tsx';
import { plural } from '../../../contract/plural.ts';
import { planRestore, type RestoreTarget } from './restore-plan.ts';
import { OutcomeMessage } from '../../components/ui/outcome-message.tsx';

export type RestoreRequest = {
  env: ClientEnv;
  /** The value each key goes back to (undefined: it did not exist then). */
  target: RestoreTarget;
  /** What is restored, in words ("promo_code as of 3 Nov, 10:02"). */
  what: string;
  /** The history entry the values come from (recorded with the restore). */
  entryId: string;
};

type Props = RestoreRequest & { agentId: string; onDone: (summary: string) => void; onClose: () => void };

/**
 * A restore is reviewed like any write: against the page as it is now (read fresh), checked against its current
 * schema, old → new with the exact PATCH body, `live` typed, a note, and sent only onto the version reviewed.
 */
export function RestoreDialog({ agentId, env, target, what, entryId, onDone, onClose }: Props) {
  const queryClient = useQueryClient();
  const writes = useConfigWrites(agentId);
  const noteRequired = useNoteRequired()(env);
  const writeBlock = useWriteBlock(agentId, env);
  const navigate = useNavigate();
  const requestFor = usePatchRequests(agentId, (id) => navigate(paths.changeRequest(agentId, id)));
  const [attempt, setAttempt] = useState(0);
  const current = useQuery({ ...configPageQuery(queryClient, agentId, env), staleTime: 0, refetchOnMount: 'always' });

  // After a conflict the page is read again: the review starts once the latest version is here.
  if (current.isPending || (attempt > 0 && current.isFetching)) {
    return (
      <Modal labelledBy="restore-loading" onClose={onClose} className="p-0">
        <div className="p-6">
          <h2 id="restore-loading" className="sr-only">
            Restore
          </h2>
          <Loading label={`Reading ${ENV_LABELS[env]} as it is now…`} />
        </div>
      </Modal>
    );
  }
  if (current.isError) {
    return (
      <Modal labelledBy="restore-error" onClose={onClose} className="w-[min(36rem,calc(100vw-2rem))] p-0">
        <div className="space-y-3 p-6">
          <h2 id="restore-error" className="text-lg font-semibold">
            Restore {what}
          </h2>
          <ErrorState
            title={`${ENV_LABELS[env]} could not be read, so nothing can be restored yet`}
            error={current.error}
            onRetry={() => void current.refetch()}
          />
          <div className="flex justify-end">
            <Button onClick={onClose}>Close</Button>
          </div>
        </div>
      </Modal>
    );
  }

  const page: ConfigPage = current.data;
  const plan = planRestore(target, page);
  return (
    <PatchReviewDialog
      key={`${attempt}:${page.lastUpdated}`}
      title={`Restore ${what} in ${ENV_LABELS[env]}`}
      target={env}
      basedOn={page}
      plan={plan}
      confirmLabel={`Restore in ${ENV_LABELS[env]}`}
      intro={
        plan.unchanged.length > 0 && (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {plural(plan.unchanged.length, 'key already has', 'keys already have')} that value:{' '}
            {plan.unchanged.join(', ')}.
          </p>
        )
      }
      noteRequired={noteRequired}
      blocked={writeBlock}
      request={requestFor(env)}
      send={(patch, note) => writes.writeVariables(env, patch, page, { note, kind: 'restore', source: entryId })}
      onWritten={() => onDone(`Restored ${what} in ${ENV_LABELS[env]}.`)}
      onRestart={() => {
        setAttempt((n) => n + 1);
        void current.refetch();
      }}
      onClose={onClose}
    />
  );
}

/** A restore opened from anywhere on a page: `open` starts its review; `dialog` and `status` go where the page shows them. */
export function useRestoreFlow(agentId: string): {
  open: (request: RestoreRequest) => void;
  dialog: ReactNode;
  status: ReactNode;
} {
  const [request, setRequest] = useState<RestoreRequest>();
  const [done, setDone] = useState<string>();
  return {
    open: (next) => {
      setDone(undefined);
      setRequest(next);
    },
    dialog: request && (
      <RestoreDialog
        agentId={agentId}
        {...request}
        onClose={() => setRequest(undefined)}
        onDone={(summary) => {
          setRequest(undefined);
          setDone(summary);
        }}
      />
    ),
    status: done && <OutcomeMessage key={done}>{done}</OutcomeMessage>,
  };
}
