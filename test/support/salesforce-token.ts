/** An access token from the sandbox's Salesforce OAuth2 password flow, checking the answer's shape. */
import assert from 'node:assert/strict';
import type { Sandbox } from '../../sandbox/index.ts';

export async function salesforceToken(sandbox: Sandbox): Promise<string> {
  const c = sandbox.credentials.salesforce;
  const res = await fetch(`${sandbox.salesforceUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: c.clientId,
      client_secret: c.clientSecret,
      username: c.username,
      password: c.password,
    }),
  });
  assert.equal(res.status, 200);
  const body = (await res.json()) as Record<string, string>;
  assert.equal(body.instance_url, sandbox.salesforceUrl);
  assert.match(body.id ?? '', new RegExp(`/${c.orgId}/${c.userId}$`));
  assert.equal(body.token_type, 'Bearer');
  return body.access_token as string;
}
