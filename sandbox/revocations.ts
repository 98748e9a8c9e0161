/**
 * Credential revocation on demand: a revoked provider refuses Herald's credentials until restored
 * (Salesforce: every issued session is invalidated and password logins fail with invalid_grant, as
 * for a frozen integration user or a revoked connected app; SendGrid and Twilio answer 401; the
 * chat webhook, whose URL is the credential, answers 404 no_service as Slack does for a removed one).
 */
import type { Provider } from './request-log.ts';

/** Providers whose credentials can be revoked. */
export type RevocableProvider = Extract<Provider, 'salesforce' | 'sendgrid' | 'twilio' | 'chat'>;

export class Revocations {
  readonly #revoked = new Set<RevocableProvider>();
  readonly #listeners: { provider: RevocableProvider; onRevoke: () => void }[] = [];

  /** Refuses the provider's credentials from now on (and drops its live sessions). */
  revoke(provider: RevocableProvider): void {
    this.#revoked.add(provider);
    for (const l of this.#listeners) if (l.provider === provider) l.onRevoke();
  }

  /** Accepts the credentials again; sessions dropped by the revocation stay invalid. */
  restore(provider: RevocableProvider): void {
    this.#revoked.delete(provider);
  }

  isRevoked(provider: RevocableProvider): boolean {
    return this.#revoked.has(provider);
  }

  /** Runs `onRevoke` whenever `provider` is revoked (a provider dropping its sessions). */
  onRevoke(provider: RevocableProvider, onRevoke: () => void): void {
    this.#listeners.push({ provider, onRevoke });
  }
}
