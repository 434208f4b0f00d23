/** Webhooks' API (admins): bodies and answers as TypeBox schemas (the values: ./webhook-values.ts). */
import { Type, type Static } from '@sinclair/typebox';
import { ClientEnvName } from './agents-api.ts';
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS } from './webhook-values.ts';

export * from './webhook-values.ts';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((value) => Type.Literal(value)));

export const NewWebhook = Type.Object(
  {
    url: Type.String({ minLength: 8, maxLength: 2_000 }),
    format: literals(WEBHOOK_FORMATS),
    events: Type.Array(literals(WEBHOOK_EVENTS), { minItems: 1, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type NewWebhook = Static<typeof NewWebhook>;

export const Webhook = Type.Object({
  id: Type.String(),
  url: Type.String(),
  format: literals(WEBHOOK_FORMATS),
  events: Type.Array(literals(WEBHOOK_EVENTS)),
  createdAt: Type.String({ format: 'date-time' }),
  deliveries: Type.Object({ delivered: Type.Integer(), pending: Type.Integer(), failed: Type.Integer() }),
});
export type Webhook = Static<typeof Webhook>;
export const WebhookList = Type.Object({ webhooks: Type.Array(Webhook) });
export type WebhookList = Static<typeof WebhookList>;
/** Answered once, when a webhook is added: the secret its deliveries are signed with. */
export const CreatedWebhook = Type.Object({ webhook: Webhook, secret: Type.String() });
export type CreatedWebhook = Static<typeof CreatedWebhook>;

export const WebhookDelivery = Type.Object({
  id: Type.String(),
  event: Type.String(),
  status: literals(['pending', 'delivered', 'failed'] as const),
  attempts: Type.Integer(),
  lastStatus: Type.Optional(Type.Integer()),
  lastError: Type.Optional(Type.String()),
  createdAt: Type.String(),
  deliveredAt: Type.Optional(Type.String()),
  nextAttemptAt: Type.Optional(Type.String()),
});
export type WebhookDelivery = Static<typeof WebhookDelivery>;
export const WebhookDeliveryList = Type.Object({ deliveries: Type.Array(WebhookDelivery) });
export type WebhookDeliveryList = Static<typeof WebhookDeliveryList>;

/** The JSON body of a delivery (format `json`). */
export const WebhookPayload = Type.Object({
  event: Type.String(),
  at: Type.String(),
  summary: Type.String(),
  agentId: Type.String(),
  clientEnv: Type.Optional(ClientEnvName),
  actor: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
  request: Type.Optional(Type.Object({ id: Type.String(), url: Type.String() })),
  changes: Type.Array(
    Type.Object({ key: Type.String(), before: Type.Optional(Type.Unknown()), after: Type.Optional(Type.Unknown()) }),
  ),
  schemaChanged: Type.Optional(Type.Boolean()),
});
export type WebhookPayload = Static<typeof WebhookPayload>;
