/**
 * A stand-in identity provider for the SSO tests: its own key pairs (RS256, and an EdDSA key it
 * never publishes), its JWKS served over real HTTP on 127.0.0.1 and written to a file, and access
 * tokens minted with `jose` as a provider would (issuer, audience, groups, expiry, kid).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
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
  const server: Server = createServer((req, res) => {
    if (req.url !== '/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    fetches++;
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(jwks));
  });
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
  return {
    jwksUrl: `http://127.0.0.1:${port}/jwks.json`,
    jwksFile,
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
}
