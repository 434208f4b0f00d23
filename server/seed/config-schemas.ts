/** Draft-7 schemas for the demo agents' config pages: the kinds of settings real voice agents read at call time. */
import type { JsonObject } from '../../contract/agents-api.ts';

const E164 = '^\\+[1-9]\\d{6,14}$';
const HH_MM = '^([01]\\d|2[0-3]):[0-5]\\d$';

const businessHours = {
  type: 'object',
  title: 'Business hours',
  description: 'When the front desk is staffed. Outside these hours the agent offers a callback instead of a transfer.',
  required: ['timezone', 'weekday_open', 'weekday_close'],
  properties: {
    timezone: {
      type: 'string',
      title: 'Time zone',
      enum: ['Europe/London', 'Europe/Dublin', 'America/New_York', 'America/Chicago'],
    },
    weekday_open: { type: 'string', title: 'Weekdays open', pattern: HH_MM, description: '24-hour clock, e.g. 08:30' },
    weekday_close: { type: 'string', title: 'Weekdays close', pattern: HH_MM },
    weekend_open: { type: 'string', title: 'Weekends open', pattern: HH_MM },
    weekend_close: { type: 'string', title: 'Weekends close', pattern: HH_MM },
    closed_on_public_holidays: { type: 'boolean', title: 'Closed on public holidays', default: false },
  },
};

const transferDestinations = {
  type: 'array',
  title: 'Transfer destinations',
  description: 'Where the agent may hand a caller over to a person, in order of preference.',
  maxItems: 10,
  items: {
    type: 'object',
    required: ['label', 'phone_number'],
    properties: {
      label: { type: 'string', title: 'Label', minLength: 2, maxLength: 40 },
      phone_number: { type: 'string', title: 'Phone number', pattern: E164, description: 'E.164, e.g. +442071234567' },
      department: {
        type: 'string',
        title: 'Department',
        enum: ['front_desk', 'reservations', 'billing', 'concierge', 'clinical'],
      },
    },
  },
};

const faqEntries = {
  type: 'array',
  title: 'FAQ entries',
  description: 'Short answers the agent may read out verbatim.',
  items: {
    type: 'object',
    required: ['question', 'answer'],
    properties: {
      question: { type: 'string', title: 'Question', minLength: 5 },
      answer: { type: 'string', title: 'Answer', minLength: 5, maxLength: 500 },
    },
  },
};

export function hotelConfigSchema(): JsonObject {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    title: 'Concierge agent settings',
    required: ['greeting_message', 'default_language', 'business_hours'],
    properties: {
      greeting_message: {
        type: 'string',
        title: 'Greeting message',
        description: 'The first sentence callers hear.',
        minLength: 10,
        maxLength: 300,
      },
      holiday_message: {
        type: ['string', 'null'],
        title: 'Holiday message',
        description: 'Read after the greeting on special days; null when there is none.',
        maxLength: 200,
      },
      agent_persona_name: {
        type: 'string',
        title: 'Persona name',
        description: 'How the agent introduces itself.',
        maxLength: 30,
      },
      default_language: {
        type: 'string',
        title: 'Default language',
        description: 'Used until the caller speaks another supported language.',
        enum: ['en-GB', 'en-US', 'es-ES', 'fr-FR', 'de-DE'],
      },
      front_desk_number: { type: 'string', title: 'Front desk number', description: 'E.164 format.', pattern: E164 },
      support_email: {
        type: 'string',
        title: 'Support email',
        description: 'Sent to callers who ask for written confirmation.',
        format: 'email',
      },
      booking_url: {
        type: 'string',
        title: 'Booking page',
        description: 'Read out or texted for online bookings.',
        format: 'uri',
      },
      max_call_duration_minutes: {
        type: 'integer',
        title: 'Maximum call length (minutes)',
        description: 'Calls are wrapped up politely after this long.',
        minimum: 1,
        maximum: 60,
        default: 15,
      },
      silence_timeout_seconds: {
        type: 'integer',
        title: 'Silence timeout (seconds)',
        description: 'How long to wait for the caller before prompting again.',
        minimum: 3,
        maximum: 30,
      },
      speaking_rate: {
        type: 'number',
        title: 'Speaking rate',
        description: '1.0 is normal speed.',
        minimum: 0.5,
        maximum: 2,
      },
      allow_sms_followup: {
        type: 'boolean',
        title: 'Offer SMS follow-up',
        description: 'Text booking links after the call.',
      },
      record_calls: { type: 'boolean', title: 'Record calls', description: 'Callers are told when recording is on.' },
      late_checkout_fee_gbp: { type: 'number', title: 'Late checkout fee (GBP)', minimum: 0, maximum: 200 },
      promo_code: {
        type: 'string',
        title: 'Promo code of the month',
        pattern: '^[A-Z0-9]{4,12}$',
        description: '4–12 capital letters or digits.',
      },
      business_hours: businessHours,
      transfer_destinations: transferDestinations,
      faq_entries: faqEntries,
    },
  };
}

export function clinicConfigSchema(): JsonObject {
  const schema = hotelConfigSchema();
  const properties = { ...(schema.properties as JsonObject) };
  delete properties.late_checkout_fee_gbp;
  delete properties.promo_code;
  return {
    ...schema,
    title: 'Reception agent settings',
    additionalProperties: false,
    properties: {
      ...properties,
      emergency_line: {
        type: 'string',
        title: 'Emergency line',
        description: 'Read out for dental emergencies.',
        pattern: E164,
      },
      new_patient_registration_open: { type: 'boolean', title: 'Accepting new patients' },
      appointment_reminder_hours: { type: 'integer', title: 'Reminder lead time (hours)', minimum: 1, maximum: 72 },
    },
  };
}

/** The clinic schema as sandbox has it while a waiting list is tried out: one more setting, longer reminders. */
export function clinicSandboxSchema(): JsonObject {
  const schema = clinicConfigSchema();
  const properties = schema.properties as Record<string, JsonObject>;
  return {
    ...schema,
    properties: {
      ...properties,
      appointment_reminder_hours: { ...properties.appointment_reminder_hours, maximum: 96 },
      waitlist_enabled: {
        type: 'boolean',
        title: 'Offer the waiting list',
        description: 'Callers without a slot can join a waiting list.',
      },
    },
  };
}
