import { useEffect, useState } from 'react';
import type { ConfigPage, JsonObject } from '../../../contract/agents-api.ts';
import { checkDraftSchema, type SchemaCheckResponse } from '../../lib/validation/schema-check.ts';

/** The draft checked against the meta-schema and every environment's values; undefined while a check runs. */
export function useSchemaCheck(schema: JsonObject | undefined, pages: ConfigPage[]): SchemaCheckResponse | undefined {
  const [result, setResult] = useState<{ schema: JsonObject; response: SchemaCheckResponse }>();
  useEffect(() => {
    if (!schema) return;
    let current = true;
    const variables = Object.fromEntries(pages.map((page) => [page.clientEnv, page.variables ?? {}]));
    checkDraftSchema(schema, variables).then((response) => {
      if (current) setResult({ schema, response });
    });
    return () => {
      current = false;
    };
  }, [schema, pages]);
  return result && result.schema === schema ? result.response : undefined;
}
