/**
 * Tricky Draft-7 schemas of the kind voice-agent configs really use, each with stored values, one edit a user makes
 * and the exact PATCH body that edit must produce. The form must draw each without a console error; the last
 * entries are schemas the form cannot draw, which must fall back to the JSON view instead of a blank page.
 */
import type { JsonObject } from '../../contract/agents-api.ts';

/** An edit, by the id rjsf gives the field (`root_<key>_<sub>`), or by the button's accessible name. */
export type CorpusEdit =
  | { fill: string; value: string }
  | { select: string; option: string }
  | { toggle: string }
  | { click: string; nth?: number }
  /** Moves focus on (Tab): rjsf applies a renamed key when its field loses focus. */
  | { blur: true };

export type CorpusCase = {
  name: string;
  schema: JsonObject;
  variables: JsonObject;
  edits: CorpusEdit[];
  /** The exact `variables` of the PATCH the edit must produce. */
  patch: JsonObject;
  /** The field ids the form must show (an existing oneOf branch selected, a dependent field revealed…). */
  shows?: string[];
  /** The field that must have focus after the edits (a renamed map key keeps the user's place). */
  focused?: string;
};

const HHMM = '^([01]\\d|2[0-3]):[0-5]\\d$';
const obj = (properties: JsonObject, extra: JsonObject = {}): JsonObject => ({ type: 'object', properties, ...extra });

export const SCHEMA_CORPUS: CorpusCase[] = [
  {
    name: '$ref into definitions',
    schema: obj(
      { hours: { $ref: '#/definitions/hours' } },
      {
        definitions: {
          hours: obj({ open: { type: 'string', pattern: HHMM }, close: { type: 'string', pattern: HHMM } }),
        },
      },
    ),
    variables: { hours: { open: '08:00', close: '18:00' } },
    edits: [{ fill: 'root_hours_close', value: '19:30' }],
    patch: { hours: { open: '08:00', close: '19:30' } },
  },
  {
    name: 'recursive $ref (a menu of menus)',
    schema: obj(
      { menu: { $ref: '#/definitions/node' } },
      {
        definitions: {
          node: obj({ label: { type: 'string' }, children: { type: 'array', items: { $ref: '#/definitions/node' } } }),
        },
      },
    ),
    variables: { menu: { label: 'Main', children: [{ label: 'Bookings', children: [] }] } },
    edits: [{ fill: 'root_menu_children_0_label', value: 'Reservations' }],
    patch: { menu: { label: 'Main', children: [{ label: 'Reservations', children: [] }] } },
  },
  {
    name: 'oneOf: the stored value selects its branch',
    schema: obj({
      escalation: {
        oneOf: [
          {
            title: 'Phone',
            ...obj({ kind: { const: 'phone' }, number: { type: 'string' } }, { required: ['kind', 'number'] }),
          },
          {
            title: 'Email',
            ...obj(
              { kind: { const: 'email' }, address: { type: 'string', format: 'email' } },
              { required: ['kind', 'address'] },
            ),
          },
        ],
      },
    }),
    variables: { escalation: { kind: 'email', address: 'desk@example.com' } },
    shows: ['root_escalation_address'],
    edits: [{ fill: 'root_escalation_address', value: 'night@example.com' }],
    patch: { escalation: { kind: 'email', address: 'night@example.com' } },
  },
  {
    name: 'oneOf: switching branch leaves no stale keys behind',
    schema: obj({
      escalation: {
        oneOf: [
          {
            title: 'Phone',
            ...obj(
              { kind: { const: 'phone', default: 'phone' }, number: { type: 'string' } },
              { required: ['kind', 'number'] },
            ),
          },
          {
            title: 'Email',
            ...obj(
              { kind: { const: 'email', default: 'email' }, address: { type: 'string', format: 'email' } },
              { required: ['kind', 'address'] },
            ),
          },
        ],
      },
    }),
    variables: { escalation: { kind: 'email', address: 'desk@example.com' } },
    edits: [
      { select: 'root_escalation__oneof_select', option: 'Phone' },
      { fill: 'root_escalation_number', value: '+442071234567' },
    ],
    patch: { escalation: { kind: 'phone', number: '+442071234567' } },
  },
  {
    name: 'anyOf of a number or a word',
    schema: obj({
      retry_after: {
        title: 'Retry after',
        anyOf: [
          { type: 'integer', minimum: 1, title: 'Seconds' },
          { type: 'string', enum: ['never'], title: 'Never' },
        ],
      },
    }),
    variables: { retry_after: 30 },
    edits: [{ fill: 'root_retry_after', value: '45' }],
    patch: { retry_after: 45 },
  },
  {
    name: 'allOf combining a shared base with extras',
    schema: obj(
      {
        transfer: { allOf: [{ $ref: '#/definitions/target' }, obj({ whisper: { type: 'string', title: 'Whisper' } })] },
      },
      { definitions: { target: obj({ number: { type: 'string', title: 'Number' } }, { required: ['number'] }) } },
    ),
    variables: { transfer: { number: '+442071234567', whisper: 'Caller from the hotel line' } },
    edits: [{ fill: 'root_transfer_whisper', value: 'VIP caller' }],
    patch: { transfer: { number: '+442071234567', whisper: 'VIP caller' } },
  },
  {
    name: 'dependencies, property form (a card needs a billing line)',
    schema: obj(
      { payment_line: { type: 'string' }, billing_line: { type: 'string' } },
      { dependencies: { payment_line: ['billing_line'] } },
    ),
    variables: { payment_line: '+442070000001', billing_line: '+442070000002' },
    edits: [{ fill: 'root_billing_line', value: '+442070000003' }],
    patch: { billing_line: '+442070000003' },
  },
  {
    name: 'dependencies, schema form (SMS reveals a sender name)',
    schema: obj(
      { sms_enabled: { type: 'boolean', title: 'SMS' } },
      { dependencies: { sms_enabled: obj({ sms_sender: { type: 'string', maxLength: 11 } }) } },
    ),
    variables: { sms_enabled: true, sms_sender: 'HOTEL' },
    shows: ['root_sms_sender'],
    edits: [{ fill: 'root_sms_sender', value: 'HARBOUR' }],
    patch: { sms_sender: 'HARBOUR' },
  },
  {
    name: 'if / then / else on a country',
    schema: obj(
      { country: { type: 'string', enum: ['GB', 'US'] }, postcode: { type: 'string' } },
      {
        if: obj({ country: { const: 'GB' } }),
        then: obj({ postcode: { pattern: '^[A-Z]{1,2}\\d' } }),
        else: obj({ postcode: { pattern: '^\\d{5}$' } }),
      },
    ),
    variables: { country: 'GB', postcode: 'SW1A 1AA' },
    edits: [{ fill: 'root_postcode', value: 'EC1A 1BB' }],
    patch: { postcode: 'EC1A 1BB' },
  },
  {
    name: 'additionalProperties map: edit a value, the others go along',
    schema: obj({
      greetings: { type: 'object', title: 'Greetings by language', additionalProperties: { type: 'string' } },
    }),
    variables: { greetings: { en: 'Hello', fr: 'Bonjour' } },
    edits: [{ fill: 'root_greetings_fr', value: 'Bonsoir' }],
    patch: { greetings: { en: 'Hello', fr: 'Bonsoir' } },
  },
  {
    name: 'additionalProperties map: add an entry',
    schema: obj({ aliases: { type: 'object', additionalProperties: { type: 'string' } } }),
    variables: { aliases: { desk: 'front desk' } },
    edits: [{ click: 'Add Item' }, { fill: 'root_aliases_newKey', value: 'the spa' }],
    patch: { aliases: { desk: 'front desk', newKey: 'the spa' } },
  },
  {
    name: 'additionalProperties map: rename a key, its value kept',
    schema: obj({ aliases: { type: 'object', additionalProperties: { type: 'string' } } }),
    variables: { aliases: { desk: 'front desk', spa: 'the spa' } },
    edits: [{ fill: 'root_aliases_desk-key', value: 'reception' }, { blur: true }],
    focused: 'root_aliases_reception',
    patch: { aliases: { reception: 'front desk', spa: 'the spa' } },
  },
  {
    name: 'additionalProperties map: delete a key',
    schema: obj({ aliases: { type: 'object', additionalProperties: { type: 'string' } } }),
    variables: { aliases: { desk: 'front desk', spa: 'the spa' } },
    edits: [{ click: 'Remove item', nth: 1 }],
    patch: { aliases: { desk: 'front desk' } },
  },
  {
    name: 'patternProperties next to named properties',
    schema: obj({
      headers: {
        type: 'object',
        properties: { tenant: { type: 'string' } },
        patternProperties: { '^x-': { type: 'string' } },
      },
    }),
    variables: { headers: { tenant: 'harbourview' } },
    edits: [{ fill: 'root_headers_tenant', value: 'riverside' }],
    patch: { headers: { tenant: 'riverside' } },
  },
  {
    name: 'array of objects: reorder',
    schema: obj({ destinations: { type: 'array', items: obj({ label: { type: 'string' } }) } }),
    variables: { destinations: [{ label: 'Front desk' }, { label: 'Spa' }] },
    edits: [{ click: 'Move item 1 down' }],
    patch: { destinations: [{ label: 'Spa' }, { label: 'Front desk' }] },
  },
  {
    name: 'array of objects: remove and add',
    schema: obj({ faq: { type: 'array', items: obj({ q: { type: 'string' }, a: { type: 'string' } }) } }),
    variables: {
      faq: [
        { q: 'Parking?', a: 'Yes' },
        { q: 'Pets?', a: 'No' },
      ],
    },
    edits: [{ click: 'Remove item 1' }, { click: 'Add to faq' }, { fill: 'root_faq_1_q', value: 'Wifi?' }],
    patch: { faq: [{ q: 'Pets?', a: 'No' }, { q: 'Wifi?' }] },
  },
  {
    name: 'tuple (positional items)',
    schema: obj({
      location: {
        type: 'array',
        items: [
          { type: 'number', title: 'Latitude' },
          { type: 'number', title: 'Longitude' },
        ],
        minItems: 2,
      },
    }),
    variables: { location: [51.5, -0.12] },
    edits: [{ fill: 'root_location_1', value: '-0.13' }],
    patch: { location: [51.5, -0.13] },
  },
  {
    name: 'enum and const',
    schema: obj({ voice_style: { type: 'string', enum: ['calm', 'upbeat', 'formal'] }, schema_version: { const: 3 } }),
    variables: { voice_style: 'calm', schema_version: 3 },
    edits: [{ select: 'root_voice_style', option: 'formal' }],
    patch: { voice_style: 'formal' },
  },
  {
    name: 'formats: email, uri, ipv4, date, date-time',
    schema: obj({
      support_email: { type: 'string', format: 'email' },
      status_page: { type: 'string', format: 'uri' },
      sip_proxy: { type: 'string', format: 'ipv4' },
      launch_date: { type: 'string', format: 'date' },
      maintenance_at: { type: 'string', format: 'date-time' },
    }),
    variables: {
      support_email: 'a@example.com',
      status_page: 'https://status.example.com',
      sip_proxy: '10.0.0.1',
      launch_date: '2026-12-01',
      maintenance_at: '2026-12-05T02:00:00.000Z',
    },
    edits: [{ fill: 'root_sip_proxy', value: '10.0.0.2' }],
    patch: { sip_proxy: '10.0.0.2' },
  },
  {
    name: 'union type with null, stored as null',
    schema: obj({ closure_notice: { type: ['string', 'null'], maxLength: 200 } }),
    variables: { closure_notice: null },
    edits: [{ fill: 'root_closure_notice', value: 'Closed for refurbishment' }],
    patch: { closure_notice: 'Closed for refurbishment' },
  },
  {
    name: 'readOnly beside an editable field',
    schema: obj({ account_id: { type: 'string', readOnly: true }, display_name: { type: 'string' } }),
    variables: { account_id: 'acc_123', display_name: 'Harbourview' },
    edits: [{ fill: 'root_display_name', value: 'Harbourview Hotel' }],
    patch: { display_name: 'Harbourview Hotel' },
  },
  {
    name: 'defaults the page does not store are not sent',
    schema: obj({
      rate: { type: 'number', default: 1 },
      queue: obj({ music: { type: 'boolean', default: true }, max_wait: { type: 'integer', default: 120 } }),
      greeting: { type: 'string' },
    }),
    variables: { greeting: 'Hello' },
    edits: [{ fill: 'root_greeting', value: 'Hello there' }],
    patch: { greeting: 'Hello there' },
  },
  {
    name: 'a default inside an edited object stays out unless required',
    schema: obj({
      queue: obj(
        {
          music: { type: 'boolean', default: true },
          max_wait: { type: 'integer' },
          tone: { type: 'string', default: 'soft' },
        },
        { required: ['tone'] },
      ),
    }),
    variables: { queue: { max_wait: 60 } },
    edits: [{ fill: 'root_queue_max_wait', value: '90' }],
    patch: { queue: { max_wait: 90, tone: 'soft' } },
  },
  {
    name: 'examples and descriptions as hints',
    schema: obj({ wake_word: { type: 'string', description: 'Said to start a request.', examples: ['Hey Ava'] } }),
    variables: { wake_word: 'Hello Ava' },
    edits: [{ fill: 'root_wake_word', value: 'Hi Ava' }],
    patch: { wake_word: 'Hi Ava' },
  },
  {
    name: 'integer with bounds and multipleOf',
    schema: obj({ ring_timeout_seconds: { type: 'integer', minimum: 5, maximum: 60, multipleOf: 5 } }),
    variables: { ring_timeout_seconds: 20 },
    edits: [{ fill: 'root_ring_timeout_seconds', value: '25' }],
    patch: { ring_timeout_seconds: 25 },
  },
];

/** Valid Draft 7 (the API accepts it) but rjsf throws on it: an `$id` anchor used as a `$ref`. */
export const UNDRAWABLE_SCHEMA: JsonObject = {
  type: 'object',
  definitions: { hhmm: { $id: '#hhmm', type: 'string', pattern: HHMM } },
  properties: { opens_at: { $ref: '#hhmm' } },
};
