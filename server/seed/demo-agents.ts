/** The demo workspace: two agents with three environments each, their connectors and phone numbers. */
import type { ClientEnv, JsonObject } from '../../contract/agents-api.ts';
import { clinicConfigSchema, clinicSandboxSchema, hotelConfigSchema } from './config-schemas.ts';

export const DEMO_ACCOUNT_ID = 'ws-5f3a9c21';
/** The agent the README points new users to. */
export const DEMO_AGENT_ID = 'PROJECT-HARBOURVIEW';

export type SeedConnector = {
  connectorId: string;
  name: string;
  clientEnv: ClientEnv;
  variantId: string;
  asrLangCode: string;
  voiceName: string;
  disableHandoff: boolean;
  phoneNumbers: string[];
};

export type SeedAgent = {
  agentId: string;
  agentName: string;
  createdAt: string;
  /** Each environment's schema; most agents use one schema everywhere, some are mid-change in sandbox. */
  schema: (env: ClientEnv) => JsonObject;
  variables: Record<ClientEnv, JsonObject>;
  connectors: SeedConnector[];
};

const hotelLive: JsonObject = {
  greeting_message: 'Thank you for calling Harbourview Hotel, this is Ava. How can I help you today?',
  holiday_message: 'Our restaurant is open on Christmas Day; ask me to book a table.',
  agent_persona_name: 'Ava',
  default_language: 'en-GB',
  front_desk_number: '+442079460123',
  support_email: 'stay@harbourview-hotel.example',
  booking_url: 'https://harbourview-hotel.example/book',
  max_call_duration_minutes: 15,
  silence_timeout_seconds: 8,
  speaking_rate: 1,
  allow_sms_followup: true,
  record_calls: true,
  late_checkout_fee_gbp: 25,
  promo_code: 'AUTUMN24',
  business_hours: {
    timezone: 'Europe/London',
    weekday_open: '07:00',
    weekday_close: '22:00',
    weekend_open: '08:00',
    weekend_close: '20:00',
    closed_on_public_holidays: false,
  },
  transfer_destinations: [
    { label: 'Front desk', phone_number: '+442079460123', department: 'front_desk' },
    { label: 'Reservations', phone_number: '+442079460155', department: 'reservations' },
  ],
  faq_entries: [
    { question: 'What time is check-in?', answer: 'Check-in is from 3 pm; early check-in depends on availability.' },
    { question: 'Is parking available?', answer: 'Yes, valet parking costs 30 pounds per night.' },
  ],
};

const clinicLive: JsonObject = {
  greeting_message: 'Hello, you have reached Riverside Dental. This is Sam, how can I help?',
  agent_persona_name: 'Sam',
  default_language: 'en-GB',
  front_desk_number: '+441614960321',
  support_email: 'reception@riverside-dental.example',
  booking_url: 'https://riverside-dental.example/appointments',
  max_call_duration_minutes: 10,
  silence_timeout_seconds: 6,
  allow_sms_followup: true,
  record_calls: false,
  emergency_line: '+441614960999',
  new_patient_registration_open: false,
  appointment_reminder_hours: 24,
  business_hours: {
    timezone: 'Europe/London',
    weekday_open: '08:30',
    weekday_close: '18:00',
    closed_on_public_holidays: true,
  },
  transfer_destinations: [{ label: 'Reception', phone_number: '+441614960321', department: 'front_desk' }],
  faq_entries: [
    { question: 'Do you take NHS patients?', answer: 'We accept NHS patients for check-ups and hygiene appointments.' },
  ],
};

const connector = (
  connectorId: string,
  name: string,
  clientEnv: ClientEnv,
  variantId: string,
  voiceName: string,
  asrLangCode: string,
  phoneNumbers: string[],
  disableHandoff = false,
): SeedConnector => ({ connectorId, name, clientEnv, variantId, asrLangCode, voiceName, disableHandoff, phoneNumbers });

export const DEMO_AGENTS: SeedAgent[] = [
  {
    agentId: DEMO_AGENT_ID,
    agentName: 'Harbourview Hotel Concierge',
    createdAt: '2026-03-14T09:12:44.120Z',
    schema: hotelConfigSchema,
    variables: {
      live: hotelLive,
      'pre-release': { ...hotelLive, promo_code: 'WINTER25', silence_timeout_seconds: 10 },
      sandbox: {
        ...hotelLive,
        greeting_message:
          'Thanks for calling Harbourview Hotel! I am Ava, your virtual concierge. What can I do for you?',
        promo_code: 'WINTER25',
        silence_timeout_seconds: 10,
        speaking_rate: 1.1,
        record_calls: false,
        business_hours: { ...(hotelLive.business_hours as JsonObject), weekday_close: '23:00' },
      },
    },
    connectors: [
      connector('conn_hv_live_uk', 'UK main line', 'live', 'var_default', 'en-GB-Neural2-A', 'en-GB', [
        '+442079460100',
        '+442079460101',
      ]),
      connector('conn_hv_live_us', 'US toll-free', 'live', 'var_us', 'en-US-Neural2-F', 'en-US', ['+18885550142']),
      connector('conn_hv_live_es', 'Spanish line', 'live', '', 'es-ES-Neural2-B', 'es-ES', ['+34910123456']),
      connector('conn_hv_pre_uk', 'UK pre-release', 'pre-release', 'var_default', 'en-GB-Neural2-A', 'en-GB', [
        '+442079460180',
      ]),
      connector('conn_hv_pre_fr', 'French pilot', 'pre-release', 'var_fr', 'fr-FR-Neural2-A', 'en-GB', [
        '+33170123456',
      ]),
      connector(
        'conn_hv_sbx_main',
        'Sandbox test line',
        'sandbox',
        '',
        'en-GB-Neural2-C',
        'en-GB',
        ['+442079460199'],
        true,
      ),
      connector('conn_hv_sbx_de', 'German sandbox', 'sandbox', 'var_de', 'de-DE-Neural2-B', 'de-DE', []),
    ],
  },
  {
    agentId: 'PROJECT-RIVERSIDE',
    agentName: 'Riverside Dental Reception',
    createdAt: '2026-06-02T14:40:03.511Z',
    // Sandbox is trying out a waiting list that the other environments' schemas do not allow yet.
    schema: (env) => (env === 'sandbox' ? clinicSandboxSchema() : clinicConfigSchema()),
    variables: {
      live: clinicLive,
      'pre-release': { ...clinicLive, new_patient_registration_open: true },
      sandbox: {
        ...clinicLive,
        new_patient_registration_open: true,
        appointment_reminder_hours: 48,
        waitlist_enabled: true,
      },
    },
    connectors: [
      connector('conn_rd_live', 'Reception line', 'live', 'var_default', 'en-GB-Neural2-D', 'en-GB', ['+441614960300']),
      connector('conn_rd_pre', 'Reception pre-release', 'pre-release', '', 'en-GB-Neural2-D', 'en-GB', [
        '+441614960301',
      ]),
      connector('conn_rd_sbx', 'Reception sandbox', 'sandbox', '', 'en-GB-Neural2-D', 'en-GB', []),
    ],
  },
];
