/**
 * A stand-in identity provider for the SSO tests: its own key pairs (RS256, and an EdDSA key it
 * never publishes), its JWKS served over real HTTP on 127.0.0.1 and written to a file, and access
 * tokens minted with `jose` as a provider would (issuer, audience, groups, expiry, kid). It also
 * runs the authorization code flow with PKCE as a provider does: `/authorize` signs in whoever
 * `signInAs` named (or refuses) and redirects back with a one-time code; `/token` checks the code,
 * client, redirect URI and code verifier before it issues an access token.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { CryptoKey, JWTPayload } from 'jose';

export const IDP_ISSUER = 'https://idp.example.test/realms/university';
export const IDP_AUDIENCE = 'herald';

export interface TokenOptions {
  sub?: string;
  groups?: unknown;
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative: already expired. */
  expiresIn?: number;
  /** Sign with the key the JWKS does not publish (under the published kid, or its own). */
  unpublishedKey?: boolean;
  kid?: string;
  extra?: JWTPayload;
}

export interface OidcProvider {
  jwksUrl: string;
  jwksFile: string;
  authorizationUrl: string;
  tokenUrl: string;
  /** Who `/authorize` signs in next (with `groups`), or `refuse` to answer `access_denied`. */
  signInAs(who: TokenOptions | 'refuse'): void;
  /** The token requests it refused, with why. */
  tokenRefusals(): string[];
  /** How many times the JWKS was fetched over HTTP. */
  fetches(): number;
  token(options?: TokenOptions): Promise<string>;
  close(): Promise<void>;
}

/** Starts the provider's JWKS endpoint on 127.0.0.1:`port` and writes the JWKS into `dir`. */
export async function startOidcProvider(port: number, dir: string): Promise<OidcProvider> {
  const published = await generateKeyPair('RS256', { extractable: true });
  const unpublished = await generateKeyPair('RS256', { extractable: true });
  const jwks = { keys: [{ ...(await exportJWK(published.publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' }] };
  await mkdir(dir, { recursive: true });
  const jwksFile = join(dir, 'idp-jwks.json');
  await writeFile(jwksFile, JSON.stringify(jwks));
  let fetches = 0;
  let next: TokenOptions | 'refuse' = {};
  const codes = new Map<string, { clientId: string; redirectUri: string; challenge: string; who: TokenOptions }>();
  const refusals: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/jwks.json') {
      fetches++;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(jwks));
    } else if (url.pathname === '/authorize') {
      const q = url.searchParams;
      const back = new URL(q.get('redirect_uri') ?? '');
      back.searchParams.set('state', q.get('state') ?? '');
      if (next === 'refuse') back.searchParams.set('error', 'access_denied');
      else if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256') {
        back.searchParams.set('error', 'invalid_request');
      } else {
        const code = randomBytes(16).toString('hex');
        const challenge = q.get('code_challenge') ?? '';
        codes.set(code, {
          clientId: q.get('client_id') ?? '',
          redirectUri: back.origin + back.pathname,
          challenge,
          who: next,
        });
        back.searchParams.set('code', code);
      }
      res.writeHead(302, { Location: back.toString() }).end();
    } else if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => void answerToken(new URLSearchParams(body), res));
    } else {
      res.writeHead(404).end();
    }
  });
  const answerToken = async (form: URLSearchParams, res: ServerResponse) => {
    const grant = codes.get(form.get('code') ?? '');
    codes.delete(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    const problem = !grant
      ? 'unknown or used code'
      : grant.clientId !== form.get('client_id')
        ? 'another client'
        : grant.redirectUri !== form.get('redirect_uri')
          ? 'another redirect URI'
          : createHash('sha256').update(verifier).digest('base64url') !== grant.challenge
            ? 'the code verifier does not match the challenge'
            : undefined;
    if (problem || !grant) {
      refusals.push(problem ?? '');
      res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'invalid_grant' }));
      return;
    }
    const accessToken = await provider.token(grant.who);
    res
      .writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
      .end(JSON.stringify({ access_token: accessToken, token_type: 'Bearer', expires_in: 300 }));
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const sign = async (payload: JWTPayload, key: CryptoKey, kid: string, o: TokenOptions) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid })
      .setIssuer(o.issuer ?? IDP_ISSUER)
      .setAudience(o.audience ?? IDP_AUDIENCE)
      .setSubject(o.sub ?? 'lee.legal')
      .setIssuedAt(now - 10)
      .setExpirationTime(now + (o.expiresIn ?? 300))
      .sign(key);
  };
  const provider: OidcProvider = {
    jwksUrl: `http://127.0.0.1:${port}/jwks.json`,
    jwksFile,
    authorizationUrl: `http://127.0.0.1:${port}/authorize`,
    tokenUrl: `http://127.0.0.1:${port}/token`,
    signInAs: (who) => {
      next = who;
    },
    tokenRefusals: () => [...refusals],
    fetches: () => fetches,
    token: (o = {}) =>
      sign(
        { groups: 'groups' in o ? o.groups : ['staff', 'herald-legal'], ...o.extra },
        o.unpublishedKey ? unpublished.privateKey : published.privateKey,
        o.kid ?? 'idp-key-1',
        o,
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return provider;
}
