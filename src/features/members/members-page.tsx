import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Member } from '../../../contract/access.ts';
import { plural } from '../../../contract/plural.ts';
import { agentListQuery } from '../../api/agents.ts';
import { useMe } from '../../api/me.ts';
import { membersQuery, useMemberMutations } from '../../api/members.ts';
import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Modal } from '../../components/ui/modal.tsx';
import { OutcomeMessage } from '../../components/ui/outcome-message.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states.tsx';
import { Timestamp } from '../../components/ui/timestamp.tsx';
import { AccessEditor, chosenGrants, roleControlId, type AccessDraft } from './access-editor.tsx';
import { grantInWords } from './grant-words.ts';
import { ApprovalPolicies } from './approval-policies.tsx';
import { WebhooksPanel } from './webhooks-panel.tsx';

/** Team mode, admins: who may view and change what, and ending someone's sessions. */
export function MembersPage() {
  const me = useMe();
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">Team settings</h1>
        <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-300">
          A <strong>viewer</strong> sees the agents granted; an <strong>editor</strong> also changes the environments
          granted (connectors and phone numbers need editor on all three environments of the agent); an{' '}
          <strong>admin</strong> may do everything and manages members. The server enforces this for every request.
          People appear here after their first sign-in, or add them beforehand.
        </p>
      </header>
      {me?.mode === 'local' ? (
        <EmptyState title="This console runs for one person">
          Members and roles exist when it is started in team mode (sign-in with OIDC_ISSUER).
        </EmptyState>
      ) : me && !me.admin ? (
        <EmptyState title="Only admins manage members">Ask an admin of your team if you need other access.</EmptyState>
      ) : (
        <>
          <MemberList />
          <ApprovalPolicies />
          <WebhooksPanel />
        </>
      )}
    </div>
  );
}

function MemberList() {
  const members = useQuery(membersQuery());
  const agents = useQuery(agentListQuery()).data;
  const agentName = (agentId: string) => agents?.find((agent) => agent.agentId === agentId)?.agentName;
  const [editing, setEditing] = useState<Member | 'new'>();
  /** Whose access was just saved here: said, and focused. */
  const [saved, setSaved] = useState<{ email: string; at: number }>();
  if (members.isPending) return <Loading label="Loading members…" />;
  if (members.error)
    return (
      <ErrorState title="Members could not be loaded" error={members.error} onRetry={() => void members.refetch()} />
    );
  return (
    <section aria-labelledby="members-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="members-heading" className="text-lg font-semibold">
          {plural(members.data.members.length, 'member', 'members')}
        </h2>
        <Button variant="primary" onClick={() => setEditing('new')}>
          Add a member
        </Button>
      </div>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        {members.data.members.map((member) => (
          <MemberRow key={member.email} member={member} agentName={agentName} onEdit={() => setEditing(member)} />
        ))}
      </ul>
      {saved && (
        <OutcomeMessage key={saved.at}>Access of {saved.email} saved: it holds from their next request.</OutcomeMessage>
      )}
      {editing && (
        <AccessDialog
          member={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={(email) => {
            setEditing(undefined);
            setSaved({ email, at: Date.now() });
          }}
        />
      )}
    </section>
  );
}

function MemberRow({
  member,
  agentName,
  onEdit,
}: {
  member: Member;
  agentName: (agentId: string) => string | undefined;
  onEdit: () => void;
}) {
  const me = useMe();
  const { remove, signOut } = useMemberMutations();
  const [confirmRemove, setConfirmRemove] = useState(false);
  const self = me?.mode === 'team' && me.email === member.email;
  const failure = remove.error ?? signOut.error;
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 p-4">
      <div className="min-w-0 space-y-1">
        <p className="font-medium [overflow-wrap:anywhere]">
          {member.name ?? member.email}
          {self && <span className="ml-2 text-xs font-normal text-slate-600 dark:text-slate-400">(you)</span>}
        </p>
        {member.name && (
          <p className="text-sm text-slate-600 [overflow-wrap:anywhere] dark:text-slate-400">{member.email}</p>
        )}
        <div className="flex flex-wrap gap-1.5">
          {member.admin && <Badge tone="info">{member.adminFromConfig ? 'Admin (configuration)' : 'Admin'}</Badge>}
          {member.grants.map((grant, i) => (
            <Badge key={i} tone={grant.role === 'editor' ? 'warn' : 'neutral'}>
              {grantInWords(grant, agentName)}
            </Badge>
          ))}
          {!member.admin && member.grants.length === 0 && <Badge tone="bad">No access yet</Badge>}
        </div>
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Last signed in: <Timestamp iso={member.lastSeenAt} /> ·{' '}
          {plural(member.activeSessions, 'active session', 'active sessions')}
        </p>
        {failure && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {failure.message}
          </p>
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button onClick={onEdit}>
          Edit access<span className="sr-only"> of {member.email}</span>
        </Button>
        {member.activeSessions > 0 && (
          <Button disabled={signOut.isPending} onClick={() => signOut.mutate(member.email)}>
            Sign out everywhere<span className="sr-only"> ({member.email})</span>
          </Button>
        )}
        {!member.adminFromConfig && (
          <Button variant="danger" onClick={() => setConfirmRemove(true)}>
            Remove<span className="sr-only"> {member.email}</span>
          </Button>
        )}
      </div>
      {confirmRemove && (
        <Modal
          labelledBy="remove-title"
          onClose={() => setConfirmRemove(false)}
          className="w-[min(28rem,calc(100vw-2rem))] p-6"
        >
          <h2 id="remove-title" className="text-lg font-semibold">
            Remove {member.email}?
          </h2>
          <p className="mt-2 text-sm">
            Their access ends and they are signed out everywhere at once. Their changes stay in the history.
          </p>
          <div className="mt-4 flex justify-end gap-2">
            <Button onClick={() => setConfirmRemove(false)}>Cancel</Button>
            <Button
              variant="danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate(member.email, { onSuccess: () => setConfirmRemove(false) })}
            >
              Remove member
            </Button>
          </div>
        </Modal>
      )}
    </li>
  );
}

const EMAIL = /^[^@\s]+@[^@\s]+$/;

function AccessDialog({
  member,
  onClose,
  onSaved,
}: {
  member?: Member;
  onClose: () => void;
  onSaved: (email: string) => void;
}) {
  const { setAccess } = useMemberMutations();
  const formId = useId();
  const [missingRole, setMissingRole] = useState<number>();
  const [email, setEmail] = useState(member?.email ?? '');
  const [draft, setDraft] = useState<AccessDraft>({
    admin: member ? member.admin && !member.adminFromConfig : false,
    grants: member?.grants ?? [],
  });
  const [touched, setTouched] = useState(false);
  const emailProblem = EMAIL.test(email.trim()) ? undefined : 'Enter the email address they sign in with.';
  const submit = () => {
    setTouched(true);
    if (emailProblem) return;
    const chosen = chosenGrants(draft);
    if ('missingRole' in chosen) {
      setMissingRole(chosen.missingRole);
      document.getElementById(roleControlId(formId, chosen.missingRole))?.focus();
      return;
    }
    setMissingRole(undefined);
    const saving = email.trim();
    setAccess.mutate(
      { email: saving, access: { admin: draft.admin, grants: chosen.grants } },
      { onSuccess: () => onSaved(saving) },
    );
  };
  return (
    <Modal labelledBy="access-title" onClose={onClose} className="w-[min(44rem,calc(100vw-2rem))] p-6">
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <h2 id="access-title" className="text-lg font-semibold [overflow-wrap:anywhere]">
          {member ? `Access of ${member.email}` : 'Add a member'}
        </h2>
        {!member && (
          <div className="space-y-1 text-sm">
            <label htmlFor="member-email" className="font-medium">
              Email
            </label>
            <input
              id="member-email"
              type="email"
              value={email}
              aria-invalid={touched && emailProblem ? true : undefined}
              aria-describedby={touched && emailProblem ? 'member-email-problem' : undefined}
              onChange={(event) => setEmail(event.target.value)}
              onBlur={() => setTouched(true)}
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 dark:border-slate-600 dark:bg-slate-800"
            />
            {touched && emailProblem && (
              <p id="member-email-problem" className="text-red-700 dark:text-red-300">
                {emailProblem}
              </p>
            )}
          </div>
        )}
        <AccessEditor
          id={formId}
          value={draft}
          onChange={setDraft}
          adminFromConfig={member?.adminFromConfig}
          missingRole={missingRole}
        />
        {setAccess.error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            Not saved: {setAccess.error.message}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={setAccess.isPending}>
            {setAccess.isPending ? 'Saving…' : 'Save access'}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
