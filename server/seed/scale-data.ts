/**
 * Deterministic large data for benchmarks: the same arguments always produce the same agent, so figures from
 * different runs and machines compare like with like.
 */
import { CLIENT_ENVS, type ClientEnv, type JsonObject } from '../../contract/agents-api.ts';

/** mulberry32: a tiny seeded PRNG (not for security; only for repeatable data). */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LANGS = ['en-GB', 'en-US', 'es-ES', 'fr-FR', 'de-DE', 'it-IT', 'nl-NL', 'pt-BR'];

/** A schema of `count` top-level properties of mixed kinds: text, enums, bounded numbers, flags, objects, arrays. */
export function generatedSchema(count: number): JsonObject {
  const properties: JsonObject = {};
  for (let i = 0; i < count; i++) {
    const key = `setting_${String(i).padStart(4, '0')}`;
    const title = `Setting ${i + 1}`;
    switch (i % 10) {
      case 0:
        properties[key] = {
          type: 'object',
          title,
          properties: {
            enabled: { type: 'boolean', title: 'Enabled' },
            label: { type: 'string', title: 'Label', maxLength: 60 },
            limit: { type: 'integer', title: 'Limit', minimum: 0, maximum: 1000 },
          },
        };
        break;
      case 5:
        properties[key] = {
          type: 'array',
          title,
          items: {
            type: 'object',
            properties: {
              name: { type: 'string', title: 'Name' },
              weight: { type: 'number', title: 'Weight', minimum: 0, maximum: 1 },
            },
          },
        };
        break;
      case 1:
      case 6:
        properties[key] = {
          type: 'integer',
          title,
          description: `Between 0 and ${100 + i}.`,
          minimum: 0,
          maximum: 100 + i,
        };
        break;
      case 2:
        properties[key] = { type: 'boolean', title };
        break;
      case 3:
        properties[key] = { type: 'string', title, enum: LANGS };
        break;
      case 7:
        properties[key] = { type: 'number', title, minimum: 0, maximum: 10 };
        break;
      default:
        properties[key] = { type: 'string', title, description: 'Free text read out to callers.', maxLength: 200 };
    }
  }
  return { type: 'object', title: 'Generated settings', properties };
}

/** Values for every property of `generatedSchema(count)`; `variant` changes about one value in `1/changeEvery`. */
export function generatedVariables(count: number, variant = 0, changeEvery = 10): JsonObject {
  const random = seededRandom(1234 + variant);
  const variables: JsonObject = {};
  for (let i = 0; i < count; i++) {
    const key = `setting_${String(i).padStart(4, '0')}`;
    const changed = variant > 0 && random() < 1 / changeEvery;
    const n = changed ? i + variant : i;
    switch (i % 10) {
      case 0:
        variables[key] = { enabled: n % 2 === 0, label: `Group ${n}`, limit: n % 1000 };
        break;
      case 5:
        variables[key] = [
          { name: `Item ${n}`, weight: 0.5 },
          { name: `Item ${n + 1}`, weight: 0.25 },
        ];
        break;
      case 1:
      case 6:
        variables[key] = n % (100 + i);
        break;
      case 2:
        variables[key] = n % 2 === 0;
        break;
      case 3:
        variables[key] = LANGS[n % LANGS.length];
        break;
      case 7:
        variables[key] = (n % 100) / 10;
        break;
      default:
        variables[key] = `Value ${n} for setting ${i}`;
    }
  }
  return variables;
}

export type ScaleConnector = {
  connectorId: string;
  name: string;
  clientEnv: ClientEnv;
  variantId: string;
  asrLangCode: string;
  voiceName: string;
  disableHandoff: boolean;
};

/** `connectorCount` connectors and `numberCount` phone numbers (about one in ten connectors has none). */
export function generatedTelephony(connectorCount: number, numberCount: number) {
  const random = seededRandom(42);
  const voices = ['en-GB-Neural2-A', 'en-US-Neural2-F', 'es-ES-Neural2-B', 'fr-FR-Neural2-A', 'de-DE-Neural2-B'];
  const connectors: ScaleConnector[] = [];
  for (let i = 0; i < connectorCount; i++) {
    const voiceName = voices[Math.floor(random() * voices.length)];
    // Most connectors listen in their voice's language; a few do not, as misconfigured lines in the wild.
    const asrLangCode = random() < 0.05 ? LANGS[Math.floor(random() * LANGS.length)] : voiceName.slice(0, 5);
    connectors.push({
      connectorId: `conn_scale_${String(i).padStart(5, '0')}`,
      name: `Line ${i + 1}`,
      clientEnv: CLIENT_ENVS[i % 3],
      variantId: random() < 0.2 ? '' : `var_${i % 17}`,
      asrLangCode,
      voiceName,
      disableHandoff: random() < 0.1,
    });
  }
  const withNumbers = connectors.filter((_, i) => i % 10 !== 9);
  const numbers: { number: string; connectorId: string; clientEnv: ClientEnv }[] = [];
  for (let i = 0; i < numberCount; i++) {
    const connector = withNumbers[i % withNumbers.length];
    numbers.push({
      number: `+1555${String(1_000_000 + i).padStart(7, '0')}`,
      connectorId: connector.connectorId,
      clientEnv: connector.clientEnv,
    });
  }
  return { connectors, numbers };
}
