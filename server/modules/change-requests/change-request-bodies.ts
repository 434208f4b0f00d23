/**
 * A change request's body by kind, and the base it is reviewed against where the API has no versions (connectors and
 * numbers): a digest of what it depends on, as it is. Applying is refused when that changed since.
 */
import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ConnectorParams, UpdateConnectorBody, type Connector } from '../../../contract/agents-api.ts';
import type { ChangeRequestKind } from '../../../contract/change-requests.ts';
import { ApiError } from '../../errors.ts';
import type { Lookup } from '../../writes/reach.ts';
import { canonicalJson } from '../../store/canonical-json.ts';
import { moveBase, PhoneNumberMoveSchema, type PhoneNumberMove } from './phone-number-rules.ts';

/** A connector request's body: which connector, and the PATCH it sends. */
const ConnectorRequestSchema = Type.Object(
  {
    connectorId: ConnectorParams.properties.connectorId,
    changes: Type.Composite([UpdateConnectorBody], { additionalProperties: false, minProperties: 1 }),
  },
  { additionalProperties: false },
);
export type ConnectorRequestBody = { connectorId: string; changes: Record<string, unknown> };
/** A connector deletion request's body: which connector. */
const ConnectorDeleteSchema = Type.Object(
  { connectorId: ConnectorParams.properties.connectorId },
  { additionalProperties: false },
);

/** A batch edit request's body: the batch endpoint's own, each connector once, each update changing something. */
const ConnectorBatchSchema = Type.Object(
  {
    updates: Type.Array(
      Type.Composite([Type.Object({ connectorId: ConnectorParams.properties.connectorId }), UpdateConnectorBody], {
        additionalProperties: false,
        minProperties: 2,
      }),
      { minItems: 1, maxItems: 100, uniqueItems: true },
    ),
  },
  { additionalProperties: false },
);
export type ConnectorBatchBody = { updates: ({ connectorId: string } & Record<string, unknown>)[] };

/** Kinds whose base is a digest of what they depend on (connectors and numbers have no versions), worked out here. */
export const hasDigestBase = (kind: ChangeRequestKind) => kind !== 'variables' && kind !== 'schema';

const invalid = (message: string) => new ApiError(400, 'INVALID_REQUEST', message);

/** Refuses a body that is not of its kind's shape (variables and schemas are any JSON object). */
export function checkBody(kind: ChangeRequestKind, body: Record<string, unknown>): void {
  switch (kind) {
    case 'connector':
      if (!Value.Check(ConnectorRequestSchema, body)) {
        throw invalid(
          'A connector request is { connectorId, changes } with at least one of variantId, asrLangCode, voiceName, projectId',
        );
      }
      return;
    case 'connector-delete':
      if (!Value.Check(ConnectorDeleteSchema, body))
        throw invalid('A request to delete a connector is { connectorId }');
      return;
    case 'connector-batch':
      if (
        !Value.Check(ConnectorBatchSchema, body) ||
        new Set(body.updates.map((u) => u.connectorId)).size !== body.updates.length
      ) {
        throw invalid(
          'A batch edit request is { updates: [{ connectorId, …fields }] }, each connector once, each changing at least one of variantId, asrLangCode, voiceName, projectId',
        );
      }
      return;
    case 'phone-number-move':
      if (!Value.Check(PhoneNumberMoveSchema, body))
        throw invalid('A request to move a number is { phoneNumber, connectorId }');
      return;
    default:
      return;
  }
}

/**
 * The base of a connector request: what it depends on, as it is — the fields it changes, or, to delete it, the whole
 * connector (a deletion is reviewed against everything the connector is).
 */
function connectorBase(connector: Connector, kind: ChangeRequestKind, body: Record<string, unknown>): string {
  const record = connector as Record<string, unknown>;
  const keys = kind === 'connector-delete' ? Object.keys(record) : Object.keys((body as ConnectorRequestBody).changes);
  const fields = Object.fromEntries(keys.sort().map((key) => [key, record[key] ?? null]));
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** A batch's base: each connector's fields it changes, as they are (undefined when one of them is gone). */
function batchBase(connectors: Connector[], body: ConnectorBatchBody): string | undefined {
  const parts: string[] = [];
  for (const { connectorId, ...changes } of [...body.updates].sort((a, b) =>
    a.connectorId < b.connectorId ? -1 : 1,
  )) {
    const connector = connectors.find((c) => c.connectorId === connectorId);
    if (!connector) return undefined;
    parts.push(`${connectorId}:${connectorBase(connector, 'connector', { connectorId, changes })}`);
  }
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

/**
 * The digest base of a connector or number request of `agentId` against its telephony as it is now (read through
 * `lookup`); undefined when what it depends on is gone.
 */
export async function digestBaseOf(
  agentId: string,
  kind: ChangeRequestKind,
  body: Record<string, unknown>,
  lookup: Lookup,
): Promise<string | undefined> {
  const connectors = (await lookup.connectors(agentId)) ?? [];
  switch (kind) {
    case 'connector-batch':
      return batchBase(connectors, body as ConnectorBatchBody);
    case 'phone-number-move':
      return moveBase({ connectors, numbers: (await lookup.numbers(agentId)) ?? [] }, body as PhoneNumberMove);
    default: {
      const connector = connectors.find((c) => c.connectorId === (body as { connectorId: string }).connectorId);
      return connector && connectorBase(connector, kind, body);
    }
  }
}

/**
 * Whether the request's write is in what the backend holds now: how a request whose applying replica died is decided
 * (as the history decides a write of unknown outcome: landed if every value it wrote is there). For a page, a version
 * still at the base means nothing was written; `version` is the page's when it was.
 */
export async function isWrittenNow(
  request: {
    agentId: string;
    clientEnv: string;
    kind: ChangeRequestKind;
    body: Record<string, unknown>;
    baseVersion: string;
  },
  lookup: Lookup,
): Promise<{ written: boolean; version?: string }> {
  const { agentId, clientEnv, kind, body } = request;
  const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
  switch (kind) {
    case 'variables':
    case 'schema': {
      const page = await lookup.page(agentId, clientEnv);
      if (!page || page.lastUpdated === request.baseVersion) return { written: false };
      const written =
        kind === 'schema'
          ? same(page.schema ?? {}, body)
          : Object.entries(body).every(([key, value]) => same(page.variables?.[key], value));
      return { written, ...(written && { version: page.lastUpdated }) };
    }
    case 'connector-delete':
      return { written: !((await lookup.connectors(agentId)) ?? []).some((c) => c.connectorId === body.connectorId) };
    case 'phone-number-move': {
      const number = ((await lookup.numbers(agentId)) ?? []).find((n) => n.number === body.phoneNumber);
      return { written: number?.connectorId === body.connectorId };
    }
    default: {
      const updates =
        kind === 'connector'
          ? [{ connectorId: body.connectorId as string, ...(body.changes as Record<string, unknown>) }]
          : (body as ConnectorBatchBody).updates;
      const here = (await lookup.connectors(agentId)) ?? [];
      for (const { connectorId, ...fields } of updates) {
        const moved = typeof fields.projectId === 'string' && fields.projectId !== agentId;
        const connector = (moved ? ((await lookup.connectors(fields.projectId as string)) ?? []) : here).find(
          (c) => c.connectorId === connectorId,
        );
        if (!connector) return { written: false };
        // `variantId: null` unassigns, and reads back as "".
        const expected = { ...fields, ...(fields.variantId === null && { variantId: '' }) };
        if (!Object.entries(expected).every(([key, value]) => same((connector as Record<string, unknown>)[key], value)))
          return { written: false };
      }
      return { written: true };
    }
  }
}
