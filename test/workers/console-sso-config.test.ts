/** The console's single sign-on settings in workers/config.ts: all three together, and on top of OIDC verification. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseApiConfig } from '../../workers/config.ts';
import { ssoSignInsOf } from '../../client/console/sso-sign-in.ts';

const base = { HERALD_API_TOKENS_FILE: 'config/api-tokens.example.json' };
const oidc = {
  HERALD_OIDC_ISSUER: 'https://idp.example.org/realms/herald',
  HERALD_OIDC_AUDIENCE: 'herald',
  HERALD_OIDC_JWKS_URL: 'https://idp.example.org/realms/herald/jwks',
  HERALD_OIDC_ROLES: 'herald-legal=legal',
};
const sso = {
  HERALD_OIDC_AUTHORIZATION_URL: 'https://idp.example.org/realms/herald/auth',
  HERALD_OIDC_TOKEN_URL: 'https://idp.example.org/realms/herald/token',
  HERALD_OIDC_CLIENT_ID: 'herald-console',
};

describe('console single sign-on configuration', () => {
  it('is off by default, on with its three settings and OIDC; the scope defaults to openid', () => {
    assert.equal(ssoSignInsOf(parseApiConfig(base)), undefined);
    const on = ssoSignInsOf(parseApiConfig({ ...base, ...oidc, ...sso }));
    assert.deepEqual(on?.settings, {
      authorizationUrl: sso.HERALD_OIDC_AUTHORIZATION_URL,
      tokenUrl: sso.HERALD_OIDC_TOKEN_URL,
      clientId: 'herald-console',
      scope: 'openid',
    });
  });

  it('names what is missing: a lone setting, single sign-on without OIDC, a secret without a client', () => {
    assert.throws(
      () => parseApiConfig({ ...base, ...oidc, HERALD_OIDC_CLIENT_ID: 'herald-console' }),
      /HERALD_OIDC_AUTHORIZATION_URL: required for single sign-on[\s\S]*HERALD_OIDC_TOKEN_URL: required/,
    );
    assert.throws(() => parseApiConfig({ ...base, ...sso }), /HERALD_OIDC_ISSUER: single sign-on needs OIDC/);
    assert.throws(
      () => parseApiConfig({ ...base, ...oidc, HERALD_OIDC_CLIENT_SECRET: 's3cret' }),
      /HERALD_OIDC_CLIENT_SECRET: set HERALD_OIDC_CLIENT_ID too/,
    );
    assert.throws(
      () => parseApiConfig({ ...base, ...oidc, ...sso, HERALD_OIDC_TOKEN_URL: 'ftp://idp/token' }),
      /HERALD_OIDC_TOKEN_URL: must be the http\(s\) URL of the identity provider's token endpoint/,
    );
  });
});
