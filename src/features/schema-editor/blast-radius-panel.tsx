import type { ConfigPage, JsonObject } from '../../../contract/agents-api.ts';
import type { VariablesCheck } from '../../../contract/config-validation.ts';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';
import { blastRadius, isHarmless } from './blast-radius.ts';
import { plural } from '../../../contract/plural.ts';

type Props = { schema: JsonObject; pages: ConfigPage[]; results: Record<string, VariablesCheck> };

/** Per environment, what the draft would do to the values stored there. */
export function BlastRadiusPanel({ schema, pages, results }: Props) {
  return (
    <ul className="space-y-3">
      {pages.map((page) => {
        const check = results[page.clientEnv];
        if (!check) return null;
        return (
          <EnvironmentImpact
            key={page.clientEnv}
            env={page.clientEnv}
            schema={schema}
            variables={page.variables ?? {}}
            check={check}
          />
        );
      })}
    </ul>
  );
}

export function EnvironmentImpact({
  env,
  schema,
  variables,
  check,
}: {
  env: string;
  schema: JsonObject;
  variables: JsonObject;
  check: VariablesCheck;
}) {
  const radius = blastRadius(schema, variables, check);
  const label = ENV_LABELS[env as keyof typeof ENV_LABELS] ?? env;
  return (
    <li aria-label={`${label} values`} className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700">
      <p className="font-semibold">
        {label}:{' '}
        {isHarmless(radius) ? (
          <span className="font-normal text-emerald-800 dark:text-emerald-300">✓ every stored value fits</span>
        ) : (
          <span className="font-normal text-red-800 dark:text-red-300">
            ✕{' '}
            {[
              pluralOrNothing(radius.failing.length, 'key fails', 'keys fail'),
              pluralOrNothing(radius.outside.length, 'key unknown', 'keys unknown'),
              pluralOrNothing(radius.missingRequired.length, 'required key missing', 'required keys missing'),
            ]
              .filter(Boolean)
              .join(', ')}
          </span>
        )}
      </p>
      {!isHarmless(radius) && (
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {radius.failing.map(({ key, reasons }) => (
            <li key={`f-${key}`}>
              <code>{key}</code> fails: {reasons.join('; ')}
            </li>
          ))}
          {radius.outside.map((key) => (
            <li key={`o-${key}`}>
              <code>{key}</code> is stored but not in the schema (the form will not show it)
            </li>
          ))}
          {radius.missingRequired.map((key) => (
            <li key={`m-${key}`}>
              <code>{key}</code> is required but not stored
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

const pluralOrNothing = (n: number, one: string, many: string) => (n === 0 ? '' : plural(n, one, many));
