/**
 * The Agents API contract: one JSON Schema per request/response body we use, and its TypeScript type.
 * Field names and shapes follow PolyAI's published Agents API reference (its OpenAPI document, v1.0.11); where that is
 * silent, the emulator's choices are listed in docs/api.md ("The emulator").
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export type { Static };

import { CLIENT_ENVS } from './client-envs.ts';

export { CLIENT_ENVS, isClientEnv, type ClientEnv } from './client-envs.ts';
export { etagOf, ifMatchAllows } from './etag.ts';

/**
 * An id in a URL path (agent, account, connector, phone number, environment). In proxy mode the path is rebuilt from
 * these values and sent to PolyAI, so an id must never be able to change which path a URL parser reads there: no `/`
 * or `\\`, no `.` or `..` segment, no control characters, and no `%` (so nothing in it decodes any further).
 */
const PATH_ID_PATTERN = '^(?!\\.{1,2}$)[^/\\\\%\\u0000-\\u001f\\u007f]+$';
const PathId = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: PATH_ID_PATTERN });
const Id = PathId(128);

/** Real-time config variables and schemas are free-form JSON objects. */
const JsonObject = Type.Record(Type.String(), Type.Unknown());
export type JsonObject = Record<string, unknown>;

export const Agent = Type.Object({
  accountId: Type.String(),
  agentId: Type.String(),
  agentName: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Agent = Static<typeof Agent>;
/** `GET /v1/agents` answers a bare array. */
export const AgentList = Type.Array(Agent);
export type AgentList = Static<typeof AgentList>;

/** One of the three environments; a config page always belongs to one. */
export const ClientEnvName = Type.Union(CLIENT_ENVS.map((env) => Type.Literal(env)));

export const ConfigPage = Type.Object({
  clientEnv: ClientEnvName,
  variables: Type.Optional(JsonObject),
  schema: Type.Optional(JsonObject),
  lastUpdated: Type.Optional(Type.String({ format: 'date-time' })),
});
export type ConfigPage = Static<typeof ConfigPage>;

export const ConfigPageList = Type.Object({ configPages: Type.Array(ConfigPage) });
export type ConfigPageList = Static<typeof ConfigPageList>;

export const UpdateVariablesBody = Type.Object({ variables: JsonObject });
export type UpdateVariablesBody = Static<typeof UpdateVariablesBody>;

export const UpdateSchemaBody = Type.Object({ schema: JsonObject });
export type UpdateSchemaBody = Static<typeof UpdateSchemaBody>;

export const Connector = Type.Object({
  connectorId: Type.String(),
  name: Type.String(),
  accountId: Type.String(),
  projectId: Type.String(),
  clientEnv: Type.String(),
  /** "" means no variant is assigned. */
  variantId: Type.String(),
  asrLangCode: Type.String(),
  ttsLangCode: Type.String(),
  voiceName: Type.String(),
  disableHandoff: Type.Boolean(),
});
export type Connector = Static<typeof Connector>;

export const ConnectorList = Type.Object({ connectors: Type.Array(Connector) });
export type ConnectorList = Static<typeof ConnectorList>;

export const ConnectorParams = Type.Object({ agentId: Id, connectorId: Id });

/** Partial update: absent fields are left alone; `variantId: null` unassigns (and reads back as ""). */
export const UpdateConnectorBody = Type.Object({
  variantId: Type.Optional(Type.Union([Type.String({ maxLength: 128 }), Type.Null()])),
  asrLangCode: Type.Optional(Type.String({ minLength: 2, maxLength: 35 })),
  voiceName: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  projectId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
});
export type UpdateConnectorBody = Static<typeof UpdateConnectorBody>;

export const DeleteConnectorResponse = Type.Object({
  deletedConnector: Type.String(),
  deletedPhoneNumbers: Type.Array(Type.String()),
});
export type DeleteConnectorResponse = Static<typeof DeleteConnectorResponse>;

const MAX_BATCH = 1000;

export const BatchGetConnectorsBody = Type.Object({
  connectorIds: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { minItems: 1, maxItems: MAX_BATCH }),
});
export const BatchGetConnectorsResponse = Type.Object({
  found: Type.Array(Connector),
  notFound: Type.Array(Type.String()),
});
export type BatchGetConnectorsResponse = Static<typeof BatchGetConnectorsResponse>;

export const BatchUpdateConnectorItem = Type.Composite([
  Type.Object({ connectorId: Type.String({ minLength: 1, maxLength: 128 }) }),
  UpdateConnectorBody,
]);
export const BatchUpdateConnectorsBody = Type.Object({
  updates: Type.Array(BatchUpdateConnectorItem, { minItems: 1, maxItems: MAX_BATCH }),
});
export type BatchUpdateConnectorsBody = Static<typeof BatchUpdateConnectorsBody>;
export const BatchUpdateResultItem = Type.Object({
  connectorId: Type.String(),
  success: Type.Boolean(),
  data: Type.Optional(Connector),
  error: Type.Optional(Type.String()),
});
export const BatchUpdateConnectorsResponse = Type.Object({ results: Type.Array(BatchUpdateResultItem) });
export type BatchUpdateConnectorsResponse = Static<typeof BatchUpdateConnectorsResponse>;

/** E.164: a plus, a non-zero digit, then up to 14 more digits. */
export const E164_PATTERN = '^\\+[1-9][0-9]{1,14}$';
const PhoneNumberString = Type.String({ minLength: 1, maxLength: 32 });

export const LookupConnectorBody = Type.Object({ phoneNumber: PhoneNumberString });

export const PhoneNumber = Type.Object({
  number: Type.String(),
  projectId: Type.String(),
  accountId: Type.String(),
  clientEnv: Type.String(),
  connectorId: Type.Optional(Type.String()),
});
export type PhoneNumber = Static<typeof PhoneNumber>;
export const PhoneNumberList = Type.Object({ phoneNumbers: Type.Array(PhoneNumber) });
export type PhoneNumberList = Static<typeof PhoneNumberList>;

export const PhoneNumberParams = Type.Object({ agentId: Id, phoneNumber: PathId(32) });
export const PhoneNumberListQuery = Type.Object({ connectorId: Type.Optional(Id) });

export const BatchGetPhoneNumbersBody = Type.Object({
  phoneNumbers: Type.Array(PhoneNumberString, { minItems: 1, maxItems: MAX_BATCH }),
});
export const BatchGetPhoneNumbersResponse = Type.Object({
  found: Type.Array(PhoneNumber),
  notFound: Type.Array(Type.String()),
});
export type BatchGetPhoneNumbersResponse = Static<typeof BatchGetPhoneNumbersResponse>;

export const ImportPhoneNumbersBody = Type.Object({
  phoneNumbers: Type.Array(PhoneNumberString, { minItems: 1, maxItems: MAX_BATCH }),
  clientEnv: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
});
export const ImportPhoneNumbersResponse = Type.Object({ imported: Type.Array(Type.String()) });
export const ImportPhoneNumberBody = Type.Object({
  clientEnv: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
});
export const ImportPhoneNumberResponse = Type.Object({ imported: Type.String() });

export const ReassignPhoneNumberBody = Type.Object({ connectorId: Type.String({ minLength: 1, maxLength: 128 }) });

export const DeletePhoneNumberResponse = Type.Object({ deleted: Type.String() });
export const DeletePhoneNumbersBody = Type.Object({
  phoneNumbers: Type.Array(PhoneNumberString, { minItems: 1, maxItems: MAX_BATCH }),
});
export const DeletePhoneNumbersResponse = Type.Object({
  deleted: Type.Array(Type.String()),
  /** Omitted when every number was released. */
  errors: Type.Optional(Type.Array(Type.Object({ phoneNumber: Type.String(), error: Type.String() }))),
});
export type DeletePhoneNumbersResponse = Static<typeof DeletePhoneNumbersResponse>;

/** A field-level reason attached to validation errors (our addition inside the documented envelope's `data`). */
export const FieldError = Type.Object({ path: Type.String(), message: Type.String() });
export type FieldError = Static<typeof FieldError>;

/**
 * The documented error envelope. `data` is null, except where Switchboard documents a richer payload: the failing
 * fields of a validation error, or the current page of a 412 (a write whose `If-Match` is stale).
 */
export const ApiErrorBody = Type.Object({
  success: Type.Literal(false),
  error: Type.String(),
  error_id: Type.String(),
  error_code: Type.String(),
  error_message: Type.String(),
  data: Type.Union([
    Type.Null(),
    Type.Object({ fieldErrors: Type.Array(FieldError) }),
    Type.Object({ currentPage: ConfigPage }),
  ]),
});
export type ApiErrorBody = Static<typeof ApiErrorBody>;

export const AgentParams = Type.Object({ agentId: Id });
export const AccountParams = Type.Object({ accountId: Id });
export const ConfigPageParams = Type.Object({ agentId: Id, clientEnv: PathId(64) });

export const CORRELATION_HEADER = 'x-polyai-correlation-id';

/** Every response schema by name, so the contract test can check each answer against the one it claims. */
export const responseSchemas = {
  AgentList,
  ConfigPage,
  ConfigPageList,
  Connector,
  ConnectorList,
  DeleteConnectorResponse,
  BatchGetConnectorsResponse,
  BatchUpdateConnectorsResponse,
  PhoneNumber,
  PhoneNumberList,
  BatchGetPhoneNumbersResponse,
  ImportPhoneNumbersResponse,
  ImportPhoneNumberResponse,
  DeletePhoneNumberResponse,
  DeletePhoneNumbersResponse,
  ApiErrorBody,
} satisfies Record<string, TSchema>;
