import { useEffect, useState } from 'react';
import type { ConfigPage } from '../../../contract/agents-api.ts';
import type { VariablesCheck } from '../../../contract/config-validation.ts';
import { checkVariables } from './variables-check.ts';

/** Whether a page's variables satisfy its schema; undefined while the (off-thread) check runs. */
export function useVariablesCheck(page: ConfigPage | undefined): VariablesCheck | undefined {
  const version = page ? `${page.clientEnv}@${page.lastUpdated ?? ''}` : '';
  const [checked, setChecked] = useState<{ version: string; result: VariablesCheck }>();
  useEffect(() => {
    if (!page) return;
    let current = true;
    checkVariables(page.schema, page.variables ?? {}).then((result) => {
      if (current) setChecked({ version, result });
    });
    return () => {
      current = false;
    };
  }, [page, version]);
  return checked?.version === version ? checked.result : undefined;
}
