import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MAX_APPROVALS, type ChangePolicy } from '../../../contract/change-request-values.ts';
import { CLIENT_ENVS, type ClientEnv } from '../../../contract/client-envs.ts';
import { agentListQuery } from '../../api/agents.ts';
import { changeRequestKeys, policiesQuery, savePolicies } from '../../api/change-requests.ts';
import { Button } from '../../components/ui/button.tsx';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import { OutcomeMessage } from '../../components/ui/outcome-message.tsx';
import { ErrorState, Loading } from '../../components/ui/states.tsx';
import { plural } from '../../../contract/plural.ts';

const selectClass =
  'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800';

/** Admins: which environments need approval before a change reaches them (four eyes), and how many approvals. */
export function ApprovalPolicies() {
  const saved = useQuery(policiesQuery());
  const agents = useQuery(agentListQuery()).data ?? [];
  /** How many times the rules were saved here: each save's outcome takes focus. */
  const [saves, setSaves] = useState(0);
  if (saved.isPending) return <Loading label="Loading approval rules…" />;
  if (saved.error)
    return (
      <ErrorState title="Approval rules could not be loaded" error={saved.error} onRetry={() => void saved.refetch()} />
    );
  const nameOf = (agentId: string) => agents.find((agent) => agent.agentId === agentId)?.agentName ?? agentId;
  const rules = saved.data.policies;
  return (
    <>
      {/* Keyed by the rules saved: once saved, the form starts again from them. */}
      <PolicyForm key={JSON.stringify(rules)} saved={rules} onSaved={() => setSaves((n) => n + 1)} />
      {saves > 0 && (
        <OutcomeMessage key={saves} className="mt-3">
          Approval rules saved:{' '}
          {rules.length === 0
            ? 'no environment needs approval.'
            : `${rules
                .map(
                  (rule) =>
                    `${ENV_LABELS[rule.clientEnv]} of ${rule.agentId ? nameOf(rule.agentId) : 'every agent'} needs ${plural(rule.approvals, 'approval', 'approvals')}`,
                )
                .join('; ')}.`}{' '}
          They hold from the next change on.
        </OutcomeMessage>
      )}
    </>
  );
}

function PolicyForm({ saved, onSaved }: { saved: ChangePolicy[]; onSaved: () => void }) {
  const queryClient = useQueryClient();
  const agents = useQuery(agentListQuery()).data ?? [];
  const [rules, setRules] = useState(saved);
  const save = useMutation({
    mutationFn: () => savePolicies(rules),
    onSuccess: (next) => {
      queryClient.setQueryData(changeRequestKeys.policies, next);
      onSaved();
    },
  });
  const set = (index: number, rule: ChangePolicy) => setRules(rules.map((r, i) => (i === index ? rule : r)));
  return (
    <section aria-labelledby="approvals-heading" className="space-y-3">
      <h2 id="approvals-heading" className="text-lg font-semibold">
        Approvals
      </h2>
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-300">
        Changes to an environment listed here become change requests: someone other than the author, with the editor
        role there, approves them before they are applied. Admins can apply one without approval when it cannot wait,
        with a reason the team sees.
      </p>
      {rules.length === 0 && <p className="text-sm">No environment needs approval: changes are saved directly.</p>}
      <ul className="space-y-2">
        {rules.map((rule, index) => (
          <li
            key={index}
            className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 p-2 text-sm dark:border-slate-700"
          >
            <label className="sr-only" htmlFor={`rule-env-${index}`}>
              Environment of rule {index + 1}
            </label>
            <select
              id={`rule-env-${index}`}
              className={selectClass}
              value={rule.clientEnv}
              onChange={(e) => set(index, { ...rule, clientEnv: e.target.value as ClientEnv })}
            >
              {CLIENT_ENVS.map((env) => (
                <option key={env} value={env}>
                  {ENV_LABELS[env]}
                </option>
              ))}
            </select>
            <label className="sr-only" htmlFor={`rule-agent-${index}`}>
              Agent of rule {index + 1}
            </label>
            <select
              id={`rule-agent-${index}`}
              className={`${selectClass} min-w-0 max-w-full`}
              value={rule.agentId ?? ''}
              onChange={(e) =>
                set(index, {
                  clientEnv: rule.clientEnv,
                  approvals: rule.approvals,
                  ...(e.target.value && { agentId: e.target.value }),
                })
              }
            >
              <option value="">of every agent</option>
              {agents.map((agent) => (
                <option key={agent.agentId} value={agent.agentId}>
                  of {agent.agentName}
                </option>
              ))}
            </select>
            <label htmlFor={`rule-approvals-${index}`}>needs</label>
            <select
              id={`rule-approvals-${index}`}
              className={selectClass}
              value={rule.approvals}
              onChange={(e) => set(index, { ...rule, approvals: Number(e.target.value) })}
            >
              {Array.from({ length: MAX_APPROVALS }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {n} {n === 1 ? 'approval' : 'approvals'}
                </option>
              ))}
            </select>
            <Button variant="ghost" onClick={() => setRules(rules.filter((_, i) => i !== index))}>
              Remove<span className="sr-only"> rule {index + 1}</span>
            </Button>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => setRules([...rules, { clientEnv: 'live', approvals: 1 }])}>Add a rule</Button>
        <Button
          variant="primary"
          disabled={save.isPending || JSON.stringify(rules) === JSON.stringify(saved)}
          onClick={() => save.mutate()}
        >
          {save.isPending ? 'Saving…' : 'Save approval rules'}
        </Button>
      </div>
      {save.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          Not saved: {save.error.message}
        </p>
      )}
    </section>
  );
}
