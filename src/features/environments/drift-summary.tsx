import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ConfigPage } from '../../../contract/agents-api.ts';
import { CLIENT_ENVS, type ClientEnv } from '../../../contract/client-envs.ts';
import { Card } from '../../components/ui/card.tsx';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import { compareHref } from '../../lib/compare-view.ts';
import { useVariablesCheck } from '../../lib/validation/use-variables-check.ts';
import { countDifferingKeys, keysOutsideSchema } from '../../lib/variable-drift.ts';
import { plural } from '../../../contract/plural.ts';

const PAIRS: [ClientEnv, ClientEnv][] = [
  ['sandbox', 'pre-release'],
  ['pre-release', 'live'],
  ['sandbox', 'live'],
];

/** How far the environments have drifted apart, each figure a link into the compare view filtered to it. */
export function DriftSummary({ agentId, pages }: { agentId: string; pages: ConfigPage[] }) {
  const pageOf = (env: ClientEnv) => pages.find((page) => page.clientEnv === env);
  const checks = {
    sandbox: useVariablesCheck(pageOf('sandbox')),
    'pre-release': useVariablesCheck(pageOf('pre-release')),
    live: useVariablesCheck(pageOf('live')),
  };
  const link =
    'text-brand-700 underline decoration-brand-300 underline-offset-2 hover:decoration-2 dark:text-brand-300';
  return (
    <Card aria-labelledby="drift-title" className="p-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="drift-title" className="text-lg font-semibold">
          Drift between environments
        </h2>
        <Link to={compareHref(agentId)} className={link}>
          Compare side by side
        </Link>
      </div>
      <div className="mt-3 grid gap-4 text-sm md:grid-cols-3">
        <Column title="Values">
          {PAIRS.map(([a, b]) => {
            const count = countDifferingKeys(pageOf(a)?.variables, pageOf(b)?.variables);
            return (
              <li key={`${a}-${b}`}>
                {ENV_LABELS[a]} ↔ {ENV_LABELS[b]}:{' '}
                {count === 0 ? (
                  <span>= the same</span>
                ) : (
                  <Link to={compareHref(agentId, { envs: [a, b], show: 'differs' })} className={link}>
                    {plural(count, 'key differs', 'keys differ')}
                  </Link>
                )}
              </li>
            );
          })}
        </Column>
        <Column title="Keys the schema does not describe">
          {CLIENT_ENVS.map((env) => {
            const count = keysOutsideSchema(pageOf(env)?.schema, pageOf(env)?.variables).length;
            return (
              <li key={env}>
                {ENV_LABELS[env]}:{' '}
                {count === 0 ? (
                  <span>all keys in the schema</span>
                ) : (
                  <Link to={compareHref(agentId, { show: 'unschemad' })} className={link}>
                    {plural(count, 'key', 'keys')} not in the schema
                  </Link>
                )}
              </li>
            );
          })}
        </Column>
        <Column title="Schema check">
          {CLIENT_ENVS.map((env) => {
            const check = checks[env];
            const count = check?.errors.length ?? 0;
            return (
              <li key={env}>
                {ENV_LABELS[env]}:{' '}
                {!check ? (
                  <span>checking…</span>
                ) : count === 0 ? (
                  <span>✓ values satisfy the schema</span>
                ) : (
                  <Link to={compareHref(agentId, { show: 'failing' })} className={link}>
                    ✕ {plural(count, 'value fails', 'values fail')} the schema
                  </Link>
                )}
              </li>
            );
          })}
        </Column>
      </div>
    </Card>
  );
}

function Column({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</h3>
      <ul className="space-y-1">{children}</ul>
    </div>
  );
}
