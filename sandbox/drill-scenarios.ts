/**
 * A drill's scenario put in place on the sandbox, with the fault matrix's own mechanisms: the
 * fault queues (a provider down), revocations (credentials revoked, a frozen CRM integration user).
 * Lifting restores the provider; a drill's procedure sees it at its next re-check.
 */
import type { DrillScenario } from '../workflows/domain/drill.ts';
import { isMessageSend } from './chaos.ts';
import type { Sandbox } from './index.ts';

export interface InjectedScenario {
  /** What was done, in words. */
  description: string;
  lift(): void;
}

export function injectDrillScenario(sandbox: Sandbox, scenario: DrillScenario): InjectedScenario {
  switch (scenario) {
    case 'none':
      return { description: 'no fault', lift: () => {} };
    case 'provider-down':
      sandbox.faults.inject(
        'sendgrid',
        { kind: 'status', status: 503 },
        { times: Infinity, match: (method, path) => isMessageSend('sendgrid', method, path) },
      );
      return { description: 'SendGrid answering 503 to every send', lift: () => sandbox.faults.clear() };
    case 'credentials-revoked':
      sandbox.revoke('twilio');
      return { description: "Twilio refusing Herald's credentials (401)", lift: () => sandbox.restore('twilio') };
    case 'crm-frozen':
      sandbox.revoke('salesforce');
      return {
        description: "Salesforce refusing the frozen integration user's logins and sessions",
        lift: () => sandbox.restore('salesforce'),
      };
  }
}
