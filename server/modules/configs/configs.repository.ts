import {
  CLIENT_ENVS,
  ifMatchAllows,
  isClientEnv,
  type ClientEnv,
  type ConfigPage,
  type JsonObject,
} from '../../../contract/agents-api.ts';
import type { FieldError } from '../../../contract/agents-api.ts';
import type { Db } from '../../store/database.ts';
import { createGroupCommit } from '../../store/group-commit.ts';
import { ApiError, preconditionFailed, unknownClientEnv, withFieldErrors } from '../../errors.ts';
import type { ConfigChecks } from '../../validation/config-checks.ts';
import type { AgentsRepository } from '../agents/agents.repository.ts';
import type { PreviousPage } from '../../writes/entries.ts';
import { nextLastUpdated } from './last-updated.ts';
import { commaSeparated, joinBytes, VariablesText } from './variables-text.ts';

/**
 * Applies a shallow merge to `target` in place and returns how to undo it. Copying a page with thousands of keys
 * costs milliseconds (V8 stores such objects as dictionaries); changing a few keys in place costs what the patch holds.
 * Key order is that of `{...target, ...patch}`: existing keys keep their place, new ones are appended.
 * So the page objects cached here share their variables with later versions: they never leave this module. What
 * leaves is a PageVersion, whose bytes were encoded when the version was made and never change.
 */
function mergeInPlace(target: JsonObject, patch: JsonObject): () => void {
  const before = Object.keys(patch).map((key) => [key, Object.hasOwn(target, key), target[key]] as const);
  Object.assign(target, patch);
  return () => {
    for (const [key, existed, value] of before) {
      if (existed) target[key] = value;
      else delete target[key];
    }
  };
}

/** One version of a page as the API answers it; immutable, whatever is written after it. */
export type PageVersion = {
  readonly lastUpdated?: string;
  readonly bytes: Uint8Array;
  /** The version as an object, parsed from its own bytes (a copy: changing it changes nothing stored). */
  page(): ConfigPage;
};

type PageRow = { schema_json: string; last_updated: string; version: number };
/**
 * A page as cached: the parsed page, its schema's text (what the checks know it by), and its answer's text: `head` (up
 * to the variables' opening brace, encoded once per schema) and the variables' text.
 */
type Cached = { version: number; page: ConfigPage; schemaJson: string; head: Buffer; text: VariablesText };

const headOf = (env: ClientEnv, schemaJson: string) =>
  Buffer.from(`{"clientEnv":${JSON.stringify(env)},"schema":${schemaJson},"variables":{`);

/** How often a write checked in the pool is checked again because the page changed meanwhile, before giving up. */
const POOL_ATTEMPTS = 5;

const invalidForSchema = (errors: FieldError[]) =>
  new ApiError(
    400,
    'REAL_TIME_CONFIG_INVALID_FOR_SCHEMA',
    'Config values fail JSON Schema validation',
    withFieldErrors(errors),
  );

/** Told what a write replaces, as it was inside the write's transaction. */
type SeenPrevious = (previous: PreviousPage) => void;

const cacheKeyOf = (agentId: string, env: string) => `${agentId}\u0000${env}`;

/**
 * Config pages: a row per page (schema, lastUpdated, version) and a row per variable. Parsed pages are cached in
 * memory and reused while the stored `version` is unchanged, so a PATCH costs what it sends, not what the page holds.
 */
export function createConfigsRepository(db: Db, agents: AgentsRepository, checks: ConfigChecks) {
  const versionOf = db
    .prepare<[string, string], number>('SELECT version FROM config_pages WHERE agent_id = ? AND client_env = ?')
    .pluck();
  const pageRow = db.prepare<[string, string], PageRow>(
    'SELECT schema_json, last_updated, version FROM config_pages WHERE agent_id = ? AND client_env = ?',
  );
  const variableRows = db.prepare<[string, string], { key: string; value_json: string }>(
    'SELECT key, value_json FROM config_variables WHERE agent_id = ? AND client_env = ? ORDER BY rowid',
  );
  const upsertPage = db.prepare<{ agentId: string; env: string; schema: string; lastUpdated: string }>(
    `INSERT INTO config_pages (agent_id, client_env, schema_json, last_updated) VALUES (@agentId, @env, @schema, @lastUpdated)
     ON CONFLICT (agent_id, client_env) DO UPDATE SET schema_json = @schema, last_updated = @lastUpdated, version = version + 1`,
  );
  const touchPage = db.prepare<[string, string, string]>(
    'UPDATE config_pages SET last_updated = ?, version = version + 1 WHERE agent_id = ? AND client_env = ?',
  );
  const upsertVariable = db.prepare<[string, string, string, string]>(
    `INSERT INTO config_variables (agent_id, client_env, key, value_json) VALUES (?, ?, ?, ?)
     ON CONFLICT (agent_id, client_env, key) DO UPDATE SET value_json = excluded.value_json`,
  );
  const cache = new Map<string, Cached>();
  // Page versions whose variables were checked whole against their schema (or kept so by a checked patch).
  const knownValid = new WeakSet<ConfigPage>();
  // A group whose commit failed took its writes with it: what they cached must go too.
  const inGroupCommit = createGroupCommit(db, () => cache.clear());
  // Each page version's answer, encoded once from the cached text when the version is created: reads cost nothing,
  // and a write costs copying bytes rather than serialising the whole page again.
  const serialized = new WeakMap<object, Uint8Array>();

  /** A page's JSON text, as answered (a page never written has no stored version, and no text yet). */
  const encoded = (page: ConfigPage): Uint8Array =>
    serialized.get(page) ?? joinBytes([Buffer.from(JSON.stringify(page))]);

  function remember(agentId: string, env: ClientEnv, entry: Cached): ConfigPage {
    cache.set(cacheKeyOf(agentId, env), entry);
    const { page } = entry;
    serialized.set(
      page,
      joinBytes([
        entry.head,
        ...entry.text.parts(),
        Buffer.from(`},"lastUpdated":${JSON.stringify(page.lastUpdated)}}`),
      ]),
    );
    return page;
  }

  /** The page at its stored `version` (`undefined`: the page has never been written). */
  function load(agentId: string, env: ClientEnv, version: number | undefined): ConfigPage {
    if (version === undefined) return { clientEnv: env, schema: {}, variables: {} };
    const cached = cache.get(cacheKeyOf(agentId, env));
    if (cached?.version === version) return cached.page;
    const row = pageRow.get(agentId, env)!;
    const variables: JsonObject = {};
    const text = new VariablesText();
    for (const { key, value_json } of variableRows.all(agentId, env)) {
      variables[key] = JSON.parse(value_json);
      text.set(key, value_json);
    }
    const page = {
      clientEnv: env,
      schema: JSON.parse(row.schema_json) as JsonObject,
      variables,
      lastUpdated: row.last_updated,
    };
    return remember(agentId, env, {
      version: row.version,
      page,
      schemaJson: row.schema_json,
      head: headOf(env, row.schema_json),
      text,
    });
  }

  /** The cache entry of the page `requirePage` just returned (undefined: a page never written). */
  const cachedOf = (agentId: string, env: string, page: ConfigPage) => {
    const entry = cache.get(cacheKeyOf(agentId, env));
    return entry?.page === page ? entry : undefined;
  };

  function requirePage(agentId: string, clientEnv: string): { env: ClientEnv; page: ConfigPage } {
    if (!isClientEnv(clientEnv)) throw unknownClientEnv(clientEnv);
    const version = versionOf.get(agentId, clientEnv);
    // A stored page implies its agent (pages go with their agent), so only a page never written needs the agent check.
    if (version === undefined) agents.require(agentId);
    return { env: clientEnv, page: load(agentId, clientEnv, version) };
  }

  const publish = (page: ConfigPage): PageVersion => {
    const bytes = encoded(page);
    return {
      lastUpdated: page.lastUpdated,
      bytes,
      page: () => JSON.parse(new TextDecoder().decode(bytes)) as ConfigPage,
    };
  };

  /**
   * `If-Match` (our addition): a write based on a stale version is refused with the current page, nothing written.
   * The page goes out as its own copy: the answer is sent after the group commits, when later writes of the same group
   * have already changed the cached variables.
   */
  function requireVersion(page: ConfigPage, ifMatch: string | undefined) {
    if (!ifMatchAllows(ifMatch, page)) throw preconditionFailed(publish(page).page());
  }

  /**
   * Writes a new version of the page: its schema when it changed (`schema` given), and the changed variables only
   * (`previous.variables` already holds them); then caches the page as written.
   */
  function write(
    agentId: string,
    env: ClientEnv,
    previous: ConfigPage,
    schema: { value: JsonObject; json: string } | undefined,
    changed: JsonObject,
  ): ConfigPage {
    const lastUpdated = nextLastUpdated(previous.lastUpdated);
    // A page never written before has no row and no cache entry yet: the upsert creates it.
    const entry = cache.get(cacheKeyOf(agentId, env));
    const text = entry?.text ?? new VariablesText();
    let head: Buffer;
    let version: number;
    let schemaJson: string;
    if (schema || !entry) {
      schemaJson = schema?.json ?? JSON.stringify(previous.schema ?? {});
      upsertPage.run({ agentId, env, schema: schemaJson, lastUpdated });
      head = headOf(env, schemaJson);
      version = versionOf.get(agentId, env)!;
    } else {
      touchPage.run(lastUpdated, agentId, env);
      head = entry.head;
      schemaJson = entry.schemaJson;
      // The entry is the stored version: `requirePage` loaded it in this transaction, and the update adds one.
      version = entry.version + 1;
    }
    const written = Object.entries(changed).map(([key, value]) => {
      const valueJson = JSON.stringify(value);
      upsertVariable.run(agentId, env, key, valueJson);
      return [key, valueJson] as const;
    });
    // Only once every statement succeeded: a failed write rolls back, and the cached text must not keep it.
    for (const [key, valueJson] of written) text.set(key, valueJson);
    const page = {
      clientEnv: env,
      schema: schema?.value ?? previous.schema ?? {},
      variables: previous.variables ?? {},
      lastUpdated,
    };
    return remember(agentId, env, { version, page, schemaJson, head, text });
  }

  async function patchCheckedInPool(
    agentId: string,
    clientEnv: string,
    patch: JsonObject,
    ifMatch: string | undefined,
    seen?: SeenPrevious,
  ): Promise<ConfigPage> {
    for (let attempt = 0; attempt < POOL_ATTEMPTS; attempt++) {
      const { env, page } = requirePage(agentId, clientEnv);
      requireVersion(page, ifMatch);
      const entry = cachedOf(agentId, env, page);
      const variablesJson = () => joinBytes([Buffer.from('{'), ...(entry?.text.parts() ?? []), Buffer.from('}')]);
      const check = await checks.patchInPool(entry?.schemaJson ?? '{}', variablesJson, patch, knownValid.has(page));
      const written = await inGroupCommit(() => {
        const now = requirePage(agentId, clientEnv).page;
        requireVersion(now, ifMatch);
        const stillHolds =
          now === page ||
          (check.perKey && knownValid.has(now) && cachedOf(agentId, env, now)?.schemaJson === entry?.schemaJson);
        if (!stillHolds) return undefined;
        if (!check.valid) throw invalidForSchema(check.errors);
        return writePatch(agentId, env, now, patch, seen);
      });
      if (written) return written;
    }
    throw new ApiError(
      503,
      'PAGE_BUSY',
      'The page kept changing while these values were being checked, so nothing was written: try again',
    );
  }

  /**
   * Writes a checked patch as the page's next version, which is then known to satisfy its schema. `seen` is told the
   * values the patch replaces, exactly as they were in this transaction (for the history; a patch replaces top-level
   * values whole, so these objects are never changed afterwards).
   */
  function writePatch(
    agentId: string,
    env: ClientEnv,
    page: ConfigPage,
    patch: JsonObject,
    seen?: SeenPrevious,
  ): ConfigPage {
    const variables = page.variables ?? {};
    seen?.({
      variables: Object.fromEntries(
        Object.keys(patch)
          .filter((key) => Object.hasOwn(variables, key))
          .map((key) => [key, variables[key]]),
      ),
    });
    const undo = mergeInPlace(variables, patch);
    try {
      const written = write(agentId, env, { ...page, variables }, undefined, patch);
      knownValid.add(written);
      return written;
    } catch (error) {
      undo();
      throw error;
    }
  }

  return {
    /** A page list's JSON text (`{configPages: [...]}`), as answered. */
    encodedList(versions: PageVersion[]): Uint8Array {
      return joinBytes([
        Buffer.from('{"configPages":['),
        ...commaSeparated(versions.map((v) => v.bytes)),
        Buffer.from(']}'),
      ]);
    },

    list(agentId: string): PageVersion[] {
      agents.require(agentId);
      return CLIENT_ENVS.flatMap((env) => {
        const version = versionOf.get(agentId, env);
        return version === undefined ? [] : [publish(load(agentId, env, version))];
      });
    },

    get: (agentId: string, clientEnv: string): PageVersion => publish(requirePage(agentId, clientEnv).page),

    /** Replaces the page's schema. A schema that is not valid Draft 7 is refused and nothing changes. */
    async putSchema(
      agentId: string,
      clientEnv: string,
      schema: JsonObject,
      ifMatch?: string,
      seen?: SeenPrevious,
    ): Promise<PageVersion> {
      // Refuse what cannot be written before spending a worker's time on the schema.
      requireVersion(requirePage(agentId, clientEnv).page, ifMatch);
      const json = JSON.stringify(schema);
      const check = await checks.checkSchema(json);
      if (!check.ok) {
        throw new ApiError(
          400,
          'REAL_TIME_CONFIG_INVALID_SCHEMA',
          'JSON Schema definition is invalid',
          withFieldErrors(check.errors),
        );
      }
      return publish(
        await inGroupCommit(() => {
          const { env, page } = requirePage(agentId, clientEnv);
          requireVersion(page, ifMatch);
          seen?.({ variables: {}, schema: page.schema });
          return write(agentId, env, page, { value: schema, json }, {});
        }),
      );
    },

    /**
     * Shallow-merges `patch` into the stored variables; the merged result must satisfy the page's schema. Checked in
     * the write's own transaction when that is cheap (see ConfigChecks); otherwise checked in the pool first, and
     * written only if the page is still the version that was checked (else checked again: see patchCheckedInPool).
     */
    async patchVariables(
      agentId: string,
      clientEnv: string,
      patch: JsonObject,
      ifMatch?: string,
      seen?: SeenPrevious,
    ): Promise<PageVersion> {
      const written = await inGroupCommit(() => {
        const { env, page } = requirePage(agentId, clientEnv);
        requireVersion(page, ifMatch);
        const entry = cachedOf(agentId, env, page);
        const check = checks.patchHere(
          entry?.schemaJson ?? '{}',
          page.schema ?? {},
          page.variables ?? {},
          encoded(page).length,
          patch,
          knownValid.has(page),
        );
        if (!check) return undefined;
        if (!check.valid) throw invalidForSchema(check.errors);
        return writePatch(agentId, env, page, patch, seen);
      });
      return publish(written ?? (await patchCheckedInPool(agentId, clientEnv, patch, ifMatch, seen)));
    },
  };
}
export type ConfigsRepository = ReturnType<typeof createConfigsRepository>;
