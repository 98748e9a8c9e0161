/** The real SalesforceCrm adapter (jsforce) logged in to a running sandbox's Salesforce stand-in. */
import { createSalesforceConnection, SalesforceCrm } from '../../activities/providers/salesforce.ts';
import type { SalesforceCrmOptions } from '../../activities/providers/salesforce.ts';
import type { Sandbox } from '../../sandbox/index.ts';

/** A new connection each call (its own session); `password` overrides the sandbox's, to test refusals. */
export function sandboxCrm(sandbox: Sandbox, options: SalesforceCrmOptions = {}, password?: string): SalesforceCrm {
  const c = sandbox.credentials.salesforce;
  const conn = createSalesforceConnection({
    loginUrl: sandbox.salesforceUrl,
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    username: c.username,
    password: password ?? c.password,
  });
  return new SalesforceCrm(conn, { timeoutMs: 2_000, ...options });
}
