/**
 * A sign-in on its way through the identity provider, kept in the browser that started it rather than in the store:
 * an anonymous visitor costs no row, however many times they ask (a flood of `/api/auth/login` once wrote one each).
 * The cookie is sealed (AES-256-GCM: nobody can read the PKCE verifier in it or forge one), lasts the sign-in window,
 * and any replica can open it: the key is one row of the shared store, made by whichever replica needs it first.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { StateDb } from '../../state/state-store.ts';

export type SignInRequest = { state: string; codeVerifier: string; nonce: string; returnTo: string };

/** How long a sign-in may take, from leaving for the provider to coming back. */
export const SIGN_IN_WINDOW_MS = 10 * 60_000;

const KEY_SETTING = 'sign-in-cookie-key';

export function createSignInSeal(db: StateDb, now = () => new Date()) {
  let key: Promise<Buffer> | undefined;
  const keyOf = () =>
    (key ??= (async () => {
      // The first replica's key wins; every other reads it.
      await db
        .insertInto('settings')
        .values({ name: KEY_SETTING, value_json: JSON.stringify(randomBytes(32).toString('hex')) })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const row = await db
        .selectFrom('settings')
        .select('value_json')
        .where('name', '=', KEY_SETTING)
        .executeTakeFirstOrThrow();
      return Buffer.from(JSON.parse(row.value_json) as string, 'hex');
    })().catch((error: unknown) => {
      key = undefined;
      throw error;
    }));

  return {
    /** The cookie's value for this sign-in. */
    async seal(request: SignInRequest): Promise<string> {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', await keyOf(), iv);
      const plain = Buffer.from(JSON.stringify({ ...request, expiresAt: now().getTime() + SIGN_IN_WINDOW_MS }));
      const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
    },

    /** The sign-in in this cookie, if it is ours, whole and within its window. */
    async open(value: string | undefined): Promise<SignInRequest | undefined> {
      if (!value || value.length > 4_096) return undefined;
      try {
        const data = Buffer.from(value, 'base64url');
        const decipher = createDecipheriv('aes-256-gcm', await keyOf(), data.subarray(0, 12));
        decipher.setAuthTag(data.subarray(12, 28));
        const plain = Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]);
        const { expiresAt, ...request } = JSON.parse(plain.toString('utf8')) as SignInRequest & { expiresAt: number };
        return expiresAt > now().getTime() ? request : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

export type SignInSeal = ReturnType<typeof createSignInSeal>;
