/**
 * Sign-in through any OpenID Connect provider (Google, Okta, Entra ID, Keycloak…) with openid-client: authorization
 * code flow with PKCE, state and nonce; the ID token is verified by the library. The provider's metadata is
 * discovered on first use (and again after a failure), so the server starts even while the provider is away.
 */
import * as client from 'openid-client';

export type OidcOptions = { issuer: string; clientId: string; clientSecret?: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type SignedInClaims = { email: string; name?: string };

export function createOidcClient(options: OidcOptions, redirectUri: string) {
  let discovered: Promise<client.Configuration> | undefined;

  function configuration(): Promise<client.Configuration> {
    discovered ??= (async () => {
      const issuer = new URL(options.issuer);
      // Plain http only for a provider on this machine (tests); openid-client refuses it otherwise.
      const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
      return client.discovery(
        issuer,
        options.clientId,
        { redirect_uris: [redirectUri], response_types: ['code'] },
        options.clientSecret ? client.ClientSecretPost(options.clientSecret) : client.None(),
        { ...(insecure && { execute: [client.allowInsecureRequests] }), timeout: 10 },
      );
    })().catch((error: unknown) => {
      discovered = undefined;
      throw error;
    });
    return discovered;
  }

  return {
    /** Where to send the browser to sign in, and what its return must match. */
    async start(): Promise<{ url: string; state: string; nonce: string; codeVerifier: string }> {
      const config = await configuration();
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, state, nonce, codeVerifier };
    },

    /** Exchanges the code the provider sent back for a verified ID token; its email names the member. */
    async finish(
      callbackUrl: URL,
      checks: { state: string; nonce: string; codeVerifier: string },
    ): Promise<SignedInClaims> {
      const config = await configuration();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      let claims: Record<string, unknown> = { ...tokens.claims() };
      // Providers that follow the spec strictly put profile claims only in the UserInfo answer.
      if (typeof claims.email !== 'string' && typeof claims.sub === 'string') {
        claims = { ...claims, ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)) };
      }
      const email = typeof claims.email === 'string' ? claims.email : undefined;
      if (!email)
        throw new SignInRefused(
          'The identity provider did not say which email address signed in (the email scope is needed).',
        );
      if (claims.email_verified === false) throw new SignInRefused(`The identity provider has not verified ${email}.`);
      return { email, ...(typeof claims.name === 'string' && { name: claims.name }) };
    },

    /** The provider's own sign-out page, when it has one, coming back here. */
    async endSessionUrl(returnTo: string): Promise<string | undefined> {
      try {
        const config = await configuration();
        if (!config.serverMetadata().end_session_endpoint) return undefined;
        return client.buildEndSessionUrl(config, { post_logout_redirect_uri: returnTo, client_id: options.clientId })
          .href;
      } catch {
        return undefined;
      }
    },
  };
}

/** A sign-in the provider completed but Switchboard will not accept, with the reason in words. */
export class SignInRefused extends Error {}

export type OidcClient = ReturnType<typeof createOidcClient>;
