import { useQuery } from '@tanstack/react-query';
import { ROLES, type Grant } from '../../../contract/access-rules.ts';
import { CLIENT_ENVS, type ClientEnv } from '../../../contract/client-envs.ts';
import { agentListQuery } from '../../api/agents.ts';
import { Button } from '../../components/ui/button.tsx';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';

/** A grant being written: its role is chosen explicitly, so a new one has none until then. */
export type DraftGrant = Omit<Grant, 'role'> & { role?: Grant['role'] };
export type AccessDraft = { admin: boolean; grants: DraftGrant[] };

/** The grants, once every one has its role; else the place (from 0) of the first without one. */
export function chosenGrants(draft: AccessDraft): { grants: Grant[] } | { missingRole: number } {
  const missingRole = draft.grants.findIndex((grant) => grant.role === undefined);
  return missingRole >= 0 ? { missingRole } : { grants: draft.grants as Grant[] };
}

/** The id of a grant's role control, to move focus to it. */
export const roleControlId = (formId: string, index: number) => `${formId}-role-${index}`;

const selectClass =
  'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800';

/** A member's access as a form: admin, and one row per grant (role, agent, environment). */
export function AccessEditor({
  id,
  value,
  onChange,
  adminFromConfig,
  missingRole,
}: {
  /** Prefix of the controls' ids (see roleControlId). */
  id: string;
  value: AccessDraft;
  onChange: (next: AccessDraft) => void;
  adminFromConfig?: boolean;
  /** A grant saved without a role: marked, and said. */
  missingRole?: number;
}) {
  const agents = useQuery(agentListQuery()).data ?? [];
  const setGrant = (index: number, grant: DraftGrant) =>
    onChange({ ...value, grants: value.grants.map((g, i) => (i === index ? grant : g)) });
  return (
    <div className="space-y-3 text-sm">
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          className="mt-0.5 size-4"
          checked={value.admin || adminFromConfig === true}
          disabled={adminFromConfig}
          onChange={(event) => onChange({ ...value, admin: event.target.checked })}
        />
        <span>
          Admin
          <span className="block text-xs text-slate-600 dark:text-slate-400">
            {adminFromConfig
              ? 'An admin by the server’s configuration (ADMIN_EMAILS): change it there.'
              : 'Views and changes every agent and environment, and manages members and settings.'}
          </span>
        </span>
      </label>
      <fieldset className="space-y-2">
        <legend className="font-medium">Access</legend>
        {value.grants.length === 0 && (
          <p className="text-slate-600 dark:text-slate-400">
            No access yet{value.admin ? ' (an admin needs none)' : ''}.
          </p>
        )}
        {value.grants.map((grant, index) => (
          <div
            key={index}
            className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 p-2 dark:border-slate-700"
          >
            <label className="sr-only" htmlFor={roleControlId(id, index)}>
              Role of access {index + 1}
            </label>
            <select
              id={roleControlId(id, index)}
              className={`${selectClass} aria-[invalid=true]:border-red-600 dark:aria-[invalid=true]:border-red-400`}
              value={grant.role ?? ''}
              aria-invalid={missingRole === index ? true : undefined}
              aria-describedby={missingRole === index ? `${id}-role-missing` : undefined}
              onChange={(event) =>
                setGrant(index, { ...grant, role: (event.target.value || undefined) as Grant['role'] | undefined })
              }
            >
              <option value="" disabled>
                Choose a role…
              </option>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {role === 'editor' ? 'Editor (view and change)' : 'Viewer (view only)'}
                </option>
              ))}
            </select>
            <label className="sr-only" htmlFor={`${id}-env-${index}`}>
              Environment of access {index + 1}
            </label>
            <select
              id={`${id}-env-${index}`}
              className={selectClass}
              value={grant.clientEnv ?? ''}
              onChange={(event) =>
                setGrant(
                  index,
                  withOptional(grant, 'clientEnv', (event.target.value || undefined) as ClientEnv | undefined),
                )
              }
            >
              <option value="">every environment</option>
              {CLIENT_ENVS.map((env) => (
                <option key={env} value={env}>
                  {ENV_LABELS[env]} only
                </option>
              ))}
            </select>
            <label className="sr-only" htmlFor={`${id}-agent-${index}`}>
              Agent of access {index + 1}
            </label>
            <select
              id={`${id}-agent-${index}`}
              className={`${selectClass} min-w-0 max-w-full`}
              value={grant.agentId ?? ''}
              onChange={(event) => setGrant(index, withOptional(grant, 'agentId', event.target.value || undefined))}
            >
              <option value="">every agent</option>
              {/* An agent granted earlier that the list no longer has stays choosable. */}
              {grant.agentId && !agents.some((agent) => agent.agentId === grant.agentId) && (
                <option value={grant.agentId}>{grant.agentId}</option>
              )}
              {agents.map((agent) => (
                <option key={agent.agentId} value={agent.agentId}>
                  {agent.agentName}
                </option>
              ))}
            </select>
            <Button
              variant="ghost"
              onClick={() => onChange({ ...value, grants: value.grants.filter((_, i) => i !== index) })}
            >
              Remove<span className="sr-only"> access {index + 1}</span>
            </Button>
          </div>
        ))}
        {missingRole !== undefined && (
          <p id={`${id}-role-missing`} role="alert" className="text-red-700 dark:text-red-300">
            Choose a role for access {missingRole + 1}: viewer (view only) or editor (view and change).
          </p>
        )}
        <Button onClick={() => onChange({ ...value, grants: [...value.grants, {}] })}>Add access</Button>
      </fieldset>
    </div>
  );
}

/** The grant with `key` set, or left out when `value` is undefined (left out means "every"). */
function withOptional<K extends 'agentId' | 'clientEnv'>(
  grant: DraftGrant,
  key: K,
  value: Grant[K] | undefined,
): DraftGrant {
  const next = { ...grant };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}
