/** Webhooks' plain values (the browser imports this): which events there are, in words. */
export const WEBHOOK_EVENTS = [
  'request.opened',
  'request.approved',
  'request.declined',
  'request.applied',
  'request.break-glass',
  'live.changed',
  'live.changed-outside',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_WORDS: Record<WebhookEvent, string> = {
  'request.opened': 'A change request is opened',
  'request.approved': 'A change request is approved',
  'request.declined': 'A change request is declined',
  'request.applied': 'A change request is applied',
  'request.break-glass': 'A change is applied without its approvals (break glass)',
  'live.changed': 'Any change to live through Switchboard',
  'live.changed-outside': 'A change to live made outside Switchboard',
};

/** `json`: Switchboard's own body (signed); `slack`: a Slack-compatible incoming-webhook body (`{ text }`). */
export const WEBHOOK_FORMATS = ['json', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** The headers of each delivery: HMAC-SHA256 over `${timestamp}.${body}` with the webhook's secret, in hex. */
export const WEBHOOK_HEADERS = {
  event: 'x-switchboard-event',
  delivery: 'x-switchboard-delivery',
  timestamp: 'x-switchboard-timestamp',
  signature: 'x-switchboard-signature',
} as const;
