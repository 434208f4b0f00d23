/** How to reach PolyAI's API in proxy mode, read from the environment (the key never leaves the server). */
export type UpstreamOptions = {
  apiKey: string;
  baseUrl: string;
  /** `us`, `eu`, `uk`, `studio`, or undefined for a custom POLYAI_BASE_URL. */
  region?: string;
  readOnly: boolean;
  timeoutMs: number;
};

const MIN_KEY_LENGTH = 12;
export const REGIONS = ['us', 'eu', 'uk', 'studio'] as const;

/** Undefined (emulator mode) unless POLYAI_API_KEY is set; throws for a key without a usable region or URL. */
export function upstreamFromEnv(env: NodeJS.ProcessEnv, readOnlyFlag: boolean): UpstreamOptions | undefined {
  const apiKey = env.POLYAI_API_KEY?.trim();
  if (!apiKey) return undefined;
  // Answers are scrubbed of the key before they reach the browser (forward.ts); a key this short would scrub
  // ordinary text too, and no real API key is.
  if (apiKey.length < MIN_KEY_LENGTH)
    throw new Error(`POLYAI_API_KEY is shorter than ${MIN_KEY_LENGTH} characters: check it`);
  const region = env.POLYAI_REGION?.trim().toLowerCase();
  let baseUrl = env.POLYAI_BASE_URL?.trim();
  if (!baseUrl) {
    if (!region || !(REGIONS as readonly string[]).includes(region)) {
      throw new Error(`POLYAI_REGION must be one of ${REGIONS.join(', ')} (or set POLYAI_BASE_URL)`);
    }
    baseUrl = `https://api.${region}.poly.ai`;
  }
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error('POLYAI_BASE_URL must use https (plain http is allowed only on loopback, for tests)');
  }
  return {
    apiKey,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    region: env.POLYAI_BASE_URL ? undefined : region,
    readOnly: readOnlyFlag || env.POLYAI_READ_ONLY === '1',
    timeoutMs: Number(env.UPSTREAM_TIMEOUT_MS ?? 15_000),
  };
}
