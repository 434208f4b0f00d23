/**
 * The Agents API contract: one JSON Schema per request/response body we use, and its TypeScript type.
 * Field names and shapes follow ../shared/reference/agents-api.md (PolyAI's published reference).
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export type { Static };

export const CLIENT_ENVS = ['sandbox', 'pre-release', 'live'] as const;
export const ClientEnv = Type.Union(CLIENT_ENVS.map((env) => Type.Literal(env)));
export type ClientEnv = (typeof CLIENT_ENVS)[number];

export function isClientEnv(value: string): value is ClientEnv {
  return (CLIENT_ENVS as readonly string[]).includes(value);
}

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

export const ConfigPage = Type.Object({
  clientEnv: Type.String(),
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

/** A field-level reason attached to validation errors (our addition inside the documented envelope's `data`). */
export const FieldError = Type.Object({ path: Type.String(), message: Type.String() });
export type FieldError = Static<typeof FieldError>;

/** The documented error envelope. `data` is null, except where Switchboard documents a richer payload. */
export const ApiErrorBody = Type.Object({
  success: Type.Literal(false),
  error: Type.String(),
  error_id: Type.String(),
  error_code: Type.String(),
  error_message: Type.String(),
  data: Type.Union([Type.Null(), Type.Object({ fieldErrors: Type.Array(FieldError) })]),
});
export type ApiErrorBody = Static<typeof ApiErrorBody>;

export const AgentParams = Type.Object({ agentId: Type.String({ minLength: 1, maxLength: 128 }) });
export const ConfigPageParams = Type.Object({
  agentId: Type.String({ minLength: 1, maxLength: 128 }),
  clientEnv: Type.String({ minLength: 1, maxLength: 64 }),
});

export const CORRELATION_HEADER = 'x-polyai-correlation-id';

/** Every response schema by name, so the contract test can check each answer against the one it claims. */
export const responseSchemas: Record<string, TSchema> = {
  AgentList,
  ConfigPage,
  ConfigPageList,
  ConnectorList,
  ApiErrorBody,
};
