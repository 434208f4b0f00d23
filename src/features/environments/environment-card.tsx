import { useEffect } from 'react';
import { Link } from 'react-router';
import type { ClientEnv, ConfigPage } from '../../../contract/agents-api.ts';
import { Badge } from '../../components/ui/badge.tsx';
import { buttonClass } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { ENV_LABELS, EnvBadge } from '../../components/ui/env-badge.tsx';
import { Timestamp } from '../../components/ui/timestamp.tsx';
import { compareHref } from '../../lib/compare-view.ts';
import { prefetchRoute } from '../../lib/route-prefetch.ts';
import { useVariablesCheck } from '../../lib/validation/use-variables-check.ts';
import { paths } from '../../lib/paths.ts';
import { plural } from '../../../contract/plural.ts';

type Props = {
  agentId: string;
  env: ClientEnv;
  page: ConfigPage | undefined;
  /** The other environments whose schema is not this one's. */
  schemaDiffersFrom: ClientEnv[];
  onChecked?: (env: ClientEnv) => void;
};

const ENV_HINTS: Record<ClientEnv, string> = {
  sandbox: 'Draft and test changes here first.',
  'pre-release': 'What testers call before a release.',
  live: 'Real callers hear this. Changes apply immediately.',
};

export function EnvironmentCard({ agentId, env, page, schemaDiffersFrom, onChecked }: Props) {
  const check = useVariablesCheck(page);
  const done = check !== undefined;
  useEffect(() => {
    if (done) onChecked?.(env);
  }, [done, env, onChecked]);
  const variableCount = Object.keys(page?.variables ?? {}).length;
  const propertyCount = Object.keys((page?.schema?.properties as object | undefined) ?? {}).length;
  return (
    <Card
      aria-labelledby={`env-${env}`}
      className={`flex flex-col p-5 ${env === 'live' ? 'border-t-4 border-t-red-500 dark:border-t-red-500' : ''}`}
    >
      <div className="flex items-center justify-between gap-2">
        <h2 id={`env-${env}`} className="text-lg font-semibold">
          {ENV_LABELS[env]}
        </h2>
        <EnvBadge env={env} />
      </div>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{ENV_HINTS[env]}</p>

      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-500 dark:text-slate-400">Last updated</dt>
        <dd>
          <Timestamp iso={page?.lastUpdated} />
        </dd>
        <dt className="text-slate-500 dark:text-slate-400">Variables</dt>
        <dd>
          {variableCount} set <span className="text-slate-500 dark:text-slate-400">· {propertyCount} in schema</span>
        </dd>
        <dt className="text-slate-500 dark:text-slate-400">Schema</dt>
        <dd>
          {schemaDiffersFrom.length === 0 ? (
            <span>= same in every environment</span>
          ) : (
            <Link
              to={compareHref(agentId, { envs: [env, ...schemaDiffersFrom] })}
              className="underline decoration-violet-300 underline-offset-2"
            >
              <Badge tone="info">◆ differs from {schemaDiffersFrom.map((e) => ENV_LABELS[e]).join(', ')}</Badge>
            </Link>
          )}
        </dd>
        <dt className="text-slate-500 dark:text-slate-400">Schema check</dt>
        <dd aria-live="polite">
          <ValidityBadge check={check} />
        </dd>
      </dl>

      <div className="mt-5 flex flex-wrap gap-2 pt-1">
        <Link
          to={paths.editor(agentId, env)}
          className={buttonClass('primary')}
          aria-label={`Edit ${ENV_LABELS[env]} variables`}
          onMouseEnter={() => prefetchRoute('config-editor')}
          onFocus={() => prefetchRoute('config-editor')}
        >
          Edit variables
        </Link>
        <Link
          to={paths.schemaEditor(agentId, env)}
          className={buttonClass('secondary')}
          aria-label={`Edit ${ENV_LABELS[env]} schema`}
        >
          Schema
        </Link>
        <Link
          to={`${paths.connectors(agentId)}?env=${env}`}
          className={buttonClass('secondary')}
          aria-label={`${ENV_LABELS[env]} connectors`}
        >
          Connectors
        </Link>
      </div>
    </Card>
  );
}

function ValidityBadge({ check }: { check: ReturnType<typeof useVariablesCheck> }) {
  if (!check) return <span className="text-slate-500 dark:text-slate-400">Checking…</span>;
  if (check.valid) return <Badge tone="good">✓ Valid</Badge>;
  const count = check.errors.length;
  return (
    <span title={check.errors.map((e) => `${e.path || '(root)'} ${e.message}`).join('\n')}>
      <Badge tone="bad">✕ {plural(count, 'error', 'errors')}</Badge>
    </span>
  );
}
