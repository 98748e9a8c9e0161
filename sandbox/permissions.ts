/**
 * Missing scopes on demand: the credentials still authenticate, but the provider refuses what
 * Herald asks for, as it does for a key or user without the permission, until granted again.
 * SendGrid: 403 "access forbidden" (and `GET /v3/scopes` lists the key without mail.send);
 * Twilio: 403 with 70051 (a restricted API key without the permission); Salesforce: 403
 * INSUFFICIENT_ACCESS or API_DISABLED_FOR_ORG; the chat webhook: 403 action_prohibited.
 */
import type { Provider } from './request-log.ts';

/** How Salesforce refuses: the user lacks access, or the org has no API access at all. */
export type SalesforceScopeGap = 'INSUFFICIENT_ACCESS' | 'API_DISABLED_FOR_ORG';

export class Permissions {
  readonly #withdrawn = new Map<Provider, SalesforceScopeGap | true>();

  /** Takes Herald's scope away at `provider` (Salesforce: as `gap`, default INSUFFICIENT_ACCESS). */
  withdraw(provider: Provider, gap?: SalesforceScopeGap): void {
    this.#withdrawn.set(provider, provider === 'salesforce' ? (gap ?? 'INSUFFICIENT_ACCESS') : true);
  }

  grant(provider: Provider): void {
    this.#withdrawn.delete(provider);
  }

  isWithdrawn(provider: Provider): boolean {
    return this.#withdrawn.has(provider);
  }

  /** Salesforce's error code while its scope is withdrawn, else undefined. */
  salesforceGap(): SalesforceScopeGap | undefined {
    const gap = this.#withdrawn.get('salesforce');
    return gap === true ? undefined : gap;
  }
}
