import { CLIENT_ENVS, etagOf, isClientEnv, type ClientEnv, type ConfigPage, type JsonObject } from '../../../contract/agents-api.ts';
import type { ConfigValidator } from '../../../contract/config-validation.ts';
import { inWriteTransaction, type Db } from '../../store/database.ts';
import { ApiError, unknownClientEnv, withFieldErrors } from '../../errors.ts';
import type { AgentsRepository } from '../agents/agents.repository.ts';
import { nextLastUpdated } from './last-updated.ts';

type PageRow = { client_env: string; schema_json: string; variables_json: string; last_updated: string };

const toPage = (row: PageRow): ConfigPage => ({
  clientEnv: row.client_env,
  schema: JSON.parse(row.schema_json) as JsonObject,
  variables: JSON.parse(row.variables_json) as JsonObject,
  lastUpdated: row.last_updated,
});

const ENV_ORDER = `CASE client_env ${CLIENT_ENVS.map((env, i) => `WHEN '${env}' THEN ${i}`).join(' ')} END`;

export function createConfigsRepository(db: Db, agents: AgentsRepository, validator: ConfigValidator) {
  const listRows = db.prepare<[string], PageRow>(
    `SELECT * FROM config_pages WHERE agent_id = ? ORDER BY ${ENV_ORDER}`,
  );
  const pageRow = db.prepare<[string, string], PageRow>(
    'SELECT * FROM config_pages WHERE agent_id = ? AND client_env = ?',
  );
  const upsertRow = db.prepare<{ agentId: string; env: string; schema: string; variables: string; lastUpdated: string }>(
    `INSERT INTO config_pages (agent_id, client_env, schema_json, variables_json, last_updated)
     VALUES (@agentId, @env, @schema, @variables, @lastUpdated)
     ON CONFLICT (agent_id, client_env) DO UPDATE SET schema_json = @schema, variables_json = @variables,
       last_updated = @lastUpdated, version = version + 1`,
  );

  function requirePage(agentId: string, clientEnv: string): { env: ClientEnv; page: ConfigPage } {
    if (!isClientEnv(clientEnv)) throw unknownClientEnv(clientEnv);
    agents.require(agentId);
    const row = pageRow.get(agentId, clientEnv);
    // Every agent has three pages; one that was never written reads as empty rather than 404.
    const page = row ? toPage(row) : { clientEnv, schema: {}, variables: {}, lastUpdated: undefined };
    return { env: clientEnv, page };
  }

  /** `If-Match` (our addition): a write based on a stale version is refused with the current page, nothing written. */
  function requireVersion(page: ConfigPage, ifMatch: string | undefined) {
    if (ifMatch === undefined || ifMatch.trim() === '*') return;
    const tags = ifMatch.split(',').map((tag) => tag.trim());
    if (!tags.includes(etagOf(page))) {
      throw new ApiError(412, 'PRECONDITION_FAILED', 'The config page changed since this version was read', { currentPage: page });
    }
  }

  function write(agentId: string, env: ClientEnv, schema: JsonObject, variables: JsonObject, previous?: string) {
    upsertRow.run({
      agentId,
      env,
      schema: JSON.stringify(schema),
      variables: JSON.stringify(variables),
      lastUpdated: nextLastUpdated(previous),
    });
    return toPage(pageRow.get(agentId, env)!);
  }

  return {
    list(agentId: string): ConfigPage[] {
      agents.require(agentId);
      return listRows.all(agentId).map(toPage);
    },

    get: (agentId: string, clientEnv: string): ConfigPage => requirePage(agentId, clientEnv).page,

    /** Replaces the page's schema. A schema that is not valid Draft 7 is refused and nothing changes. */
    putSchema(agentId: string, clientEnv: string, schema: JsonObject, ifMatch?: string): ConfigPage {
      const check = validator.checkSchema(schema);
      if (!check.ok) {
        throw new ApiError(400, 'REAL_TIME_CONFIG_INVALID_SCHEMA', 'JSON Schema definition is invalid', withFieldErrors(check.errors));
      }
      return inWriteTransaction(db, () => {
        const { env, page } = requirePage(agentId, clientEnv);
        requireVersion(page, ifMatch);
        return write(agentId, env, schema, page.variables ?? {}, page.lastUpdated);
      });
    },

    /** Shallow-merges `patch` into the stored variables; the merged result must satisfy the page's schema. */
    patchVariables(agentId: string, clientEnv: string, patch: JsonObject, ifMatch?: string): ConfigPage {
      return inWriteTransaction(db, () => {
        const { env, page } = requirePage(agentId, clientEnv);
        requireVersion(page, ifMatch);
        const merged = { ...page.variables, ...patch };
        const check = validator.checkVariables(page.schema, merged);
        if (!check.valid) {
          throw new ApiError(
            400,
            'REAL_TIME_CONFIG_INVALID_FOR_SCHEMA',
            'Config values fail JSON Schema validation',
            withFieldErrors(check.errors),
          );
        }
        return write(agentId, env, page.schema ?? {}, merged, page.lastUpdated);
      });
    },
  };
}
export type ConfigsRepository = ReturnType<typeof createConfigsRepository>;
