import { useState } from 'react';
import type { ClientEnv, ConfigPage, JsonObject } from '../../../contract/agents-api.ts';
import type { VariablesCheck } from '../../../contract/config-validation.ts';
import { CLIENT_ENVS } from '../../../contract/client-envs.ts';
import { useConfigWrites } from '../../api/config-writes.ts';
import { useWriteBlocks } from '../../api/me.ts';
import { useChangeRequestActions, usePolicies } from '../../api/change-requests.ts';
import { useNoteRequired } from '../../api/history.ts';
import { Button } from '../../components/ui/button.tsx';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import { Modal } from '../../components/ui/modal.tsx';
import { NoteField, noteSatisfied } from '../../components/ui/note-field.tsx';
import { OutcomeDialog } from '../../components/ui/outcome-dialog.tsx';
import { isConfirmed, TypeToConfirm } from '../../components/ui/type-to-confirm.tsx';
import { jsonEqual } from '../../lib/json-equal.ts';
import { EnvironmentImpact } from './blast-radius-panel.tsx';
import { plural } from '../../../contract/plural.ts';

type Props = {
  agentId: string;
  source: ClientEnv;
  schema: JsonObject;
  /** Every page as this view loaded it: each PUT is conditional on its target still being that version. */
  pages: ConfigPage[];
  results: Record<string, VariablesCheck>;
  onClose: () => void;
};

type Outcome = { env: ClientEnv; ok: boolean; message: string };

/**
 * Applies one schema to other environments in one flow: each target shows its own blast radius, live is typed out,
 * one PUT per environment, and the outcome is listed per environment (a partial failure is reported, not hidden).
 */
export function CopySchemaDialog({ agentId, source, schema, pages, results, onClose }: Props) {
  const writes = useConfigWrites(agentId);
  const targets = CLIENT_ENVS.filter((env) => env !== source);
  const writeBlock = useWriteBlocks(agentId);
  const policyOf = usePolicies(agentId);
  const requests = useChangeRequestActions(agentId);
  const pageOf = (env: ClientEnv) => pages.find((page) => page.clientEnv === env);
  const [chosen, setChosen] = useState<ClientEnv[]>([]);
  const [typed, setTyped] = useState('');
  const [note, setNote] = useState('');
  const noteRequired = useNoteRequired();
  // A change request always says why; `live` is typed only where this dialog writes it (a request is applied later).
  const needsNote = chosen.some((env) => noteRequired(env) || !!policyOf(env));
  const writesLive = chosen.includes('live') && !policyOf('live');
  const [outcomes, setOutcomes] = useState<Outcome[]>();
  const [sending, setSending] = useState(false);

  async function send() {
    setSending(true);
    const done: Outcome[] = [];
    for (const env of chosen) {
      const basedOn = pageOf(env);
      if (!basedOn) continue;
      const policy = policyOf(env);
      if (policy) {
        // Under an approval policy this environment gets a change request instead of the write.
        const opened = await requests.open
          .mutateAsync({ clientEnv: env, kind: 'schema', body: schema, baseVersion: basedOn.lastUpdated ?? '', note })
          .then(
            (request) => ({
              env,
              ok: true,
              message: `change request #${request.id} opened: it needs ${plural(policy.approvals, 'approval', 'approvals')}`,
            }),
            (error: unknown) => ({ env, ok: false, message: `no change request opened: ${(error as Error).message}` }),
          );
        done.push(opened);
        setOutcomes([...done]);
        continue;
      }
      const outcome = await writes.writeSchema(env, schema, basedOn, { note });
      if (outcome.kind === 'saved') done.push({ env, ok: true, message: 'schema saved' });
      else if (outcome.kind === 'conflict')
        done.push({ env, ok: false, message: 'the page changed since it was loaded; nothing was sent' });
      else if (outcome.landed === 'unknown')
        done.push({
          env,
          ok: false,
          message: `no answer, and the page could not be read back: not known whether it was saved (${(outcome.error as Error).message})`,
        });
      else done.push({ env, ok: false, message: `not saved: ${(outcome.error as Error).message}` });
      setOutcomes([...done]);
    }
    setSending(false);
  }

  if (outcomes && !sending) {
    const failed = outcomes.filter((o) => !o.ok).length;
    return (
      <OutcomeDialog
        title={
          failed === 0
            ? `Copied to ${plural(outcomes.length, 'environment', 'environments')}`
            : `${outcomes.length - failed} of ${outcomes.length} copied, ${failed} failed`
        }
        listLabel="Result per environment"
        outcomes={outcomes.map((o) => ({ key: o.env, ok: o.ok, text: `${ENV_LABELS[o.env]}: ${o.message}` }))}
        onClose={onClose}
      />
    );
  }

  return (
    <Modal labelledBy="copy-title" onClose={onClose} className="w-[min(48rem,calc(100vw-2rem))] p-0">
      <div className="space-y-4 p-6">
        <h2 id="copy-title" className="text-lg font-semibold">
          Copy this schema to other environments
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Each environment keeps its own schema: each one you tick is saved on its own, so one can fail while another
          succeeds.
        </p>
        <ul className="space-y-3">
          {targets.map((env) => {
            const page = pageOf(env);
            const same = jsonEqual(page?.schema ?? {}, schema);
            const blocked = writeBlock(env);
            return (
              <li key={env} className="space-y-2">
                <label className="flex items-center gap-2 text-sm font-medium">
                  <input
                    type="checkbox"
                    className="size-4"
                    disabled={same || !page || !!blocked}
                    checked={chosen.includes(env)}
                    onChange={(e) => setChosen(e.target.checked ? [...chosen, env] : chosen.filter((c) => c !== env))}
                  />
                  {ENV_LABELS[env]}
                  {same && (
                    <span className="font-normal text-slate-600 dark:text-slate-400">(already has this schema)</span>
                  )}
                  {!same && blocked && (
                    <span className="font-normal text-slate-600 dark:text-slate-400">({blocked})</span>
                  )}
                </label>
                {page && results[env] && !same && (
                  <ul>
                    <EnvironmentImpact
                      env={env}
                      schema={schema}
                      variables={page.variables ?? {}}
                      check={results[env]}
                    />
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
        {chosen.length > 0 && <NoteField value={note} onChange={setNote} required={needsNote} />}
        {writesLive && <TypeToConfirm word="live" value={typed} onChange={setTyped} />}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant={writesLive ? 'danger' : 'primary'}
            disabled={
              chosen.length === 0 ||
              sending ||
              !noteSatisfied(needsNote, note) ||
              !isConfirmed(writesLive ? 'live' : '', typed)
            }
            onClick={() => void send()}
          >
            {sending
              ? 'Copying…'
              : chosen.length === 0
                ? 'Tick an environment to copy to'
                : `Copy to ${chosen.map((env) => ENV_LABELS[env]).join(' and ')}`}
          </Button>
        </div>
      </div>
    </Modal>
  );
}
