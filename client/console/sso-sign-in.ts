/**
 * Console sign-in through the organisation's identity provider: the OAuth 2.0 authorization code
 * flow with PKCE (RFC 7636, S256), as a public or confidential client. The access token the provider
 * issues is then checked like any other (signature, issuer, audience, role mapping: OidcVerifier),
 * so single sign-on adds no second way of deciding who someone is.
 *
 * Each sign-in is bound to the browser that started it: the state names a pending sign-in held here,
 * and a random value in a short-lived cookie must come back with it (against login CSRF, where an
 * attacker's code would sign the victim in as the attacker). A state is good once, for ten minutes.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ConsoleSsoConfig } from '../../workers/config.ts';

export interface SsoSettings {
  /** The provider's authorization endpoint. */
  authorizationUrl: string;
  /** The provider's token endpoint. */
  tokenUrl: string;
  clientId: string;
  /** For a confidential client; PKCE is used either way. */
  clientSecret?: string;
  /** Space-separated scopes to ask for. */
  scope: string;
}

interface Pending {
  verifier: string;
  browser: string;
  redirectUri: string;
  expiresAt: number;
}

/** Ten minutes to come back from the provider. */
const PENDING_TTL_MS = 10 * 60_000;
/** Pending sign-ins kept at most: a flood of starts cannot grow memory without bound. */
const MAX_PENDING = 10_000;

const random = () => randomBytes(32).toString('base64url');
const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** What the callback came back with: an access token to check, or why there is none. */
export type SsoOutcome = { ok: true; accessToken: string } | { ok: false; problem: string };

export class SsoSignIns {
  readonly #pending = new Map<string, Pending>();

  constructor(
    readonly settings: SsoSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new sign-in: the provider's address to send the browser to, and the value for its cookie. */
  begin(redirectUri: string): { location: string; browser: string } {
    this.#sweep();
    const state = random();
    const verifier = random();
    const browser = random();
    this.#pending.set(state, { verifier, browser, redirectUri, expiresAt: this.now() + PENDING_TTL_MS });
    const url = new URL(this.settings.authorizationUrl);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.settings.clientId);
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('scope', this.settings.scope);
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', createHash('sha256').update(verifier).digest('base64url'));
    url.searchParams.set('code_challenge_method', 'S256');
    return { location: url.toString(), browser };
  }

  /** The provider's answer on the callback: exchanges the code for the access token. */
  async finish(query: Record<string, string>, browser: string | undefined): Promise<SsoOutcome> {
    const pending = query.state ? this.#pending.get(query.state) : undefined;
    if (query.state) this.#pending.delete(query.state);
    if (!pending || pending.expiresAt <= this.now() || !browser || !sameText(browser, pending.browser)) {
      return { ok: false, problem: 'this sign-in was not started in this browser, or is over ten minutes old' };
    }
    if (query.error) {
      const why = query.error_description ? `${query.error} (${query.error_description})` : query.error;
      return { ok: false, problem: `your identity provider did not sign you in: ${why}` };
    }
    if (!query.code) return { ok: false, problem: 'your identity provider sent no authorization code' };
    return this.#exchange(query.code, pending);
  }

  async #exchange(code: string, pending: Pending): Promise<SsoOutcome> {
    const { tokenUrl, clientId, clientSecret } = this.settings;
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: pending.redirectUri,
      client_id: clientId,
      code_verifier: pending.verifier,
    });
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
    if (clientSecret !== undefined) {
      // client_secret_basic (RFC 6749 §2.3.1): both parts form-encoded before base64.
      const basic = `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`;
      headers.Authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
    }
    let answer: Response;
    try {
      answer = await fetch(tokenUrl, {
        method: 'POST',
        headers,
        body: form,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      return {
        ok: false,
        problem: `your identity provider's token endpoint did not answer (${(err as Error).message}); try again`,
      };
    }
    const body = (await answer.json().catch(() => ({}))) as { access_token?: unknown; error?: unknown };
    if (!answer.ok || typeof body.access_token !== 'string') {
      const why = typeof body.error === 'string' ? body.error : `HTTP ${answer.status}`;
      return { ok: false, problem: `your identity provider issued no access token: ${why}` };
    }
    return { ok: true, accessToken: body.access_token };
  }

  #sweep(): void {
    const now = this.now();
    for (const [state, p] of this.#pending) if (p.expiresAt <= now) this.#pending.delete(state);
    // Oldest first (a Map keeps insertion order).
    for (const state of this.#pending.keys()) {
      if (this.#pending.size < MAX_PENDING) break;
      this.#pending.delete(state);
    }
  }
}

/** The single sign-on the configuration describes, or undefined when it is off. */
export function ssoSignInsOf(config: ConsoleSsoConfig): SsoSignIns | undefined {
  const { HERALD_OIDC_AUTHORIZATION_URL: authorizationUrl, HERALD_OIDC_TOKEN_URL: tokenUrl } = config;
  const clientId = config.HERALD_OIDC_CLIENT_ID;
  if (!authorizationUrl || !tokenUrl || !clientId) return undefined;
  const secret = config.HERALD_OIDC_CLIENT_SECRET;
  return new SsoSignIns({
    authorizationUrl,
    tokenUrl,
    clientId,
    scope: config.HERALD_OIDC_SCOPE,
    ...(secret ? { clientSecret: secret } : {}),
  });
}
