/** A valid compliance lockout for tests: SEV1 (critical), US and UK, EU processing unaffected. */
import type { LockoutIncident } from '../../workflows/domain/lockout.ts';

export function lockout(
  lockoutId: string,
  detectedAt: string,
  overrides: Partial<LockoutIncident> = {},
): LockoutIncident {
  return {
    lockoutId,
    detectedAt,
    severity: 'critical',
    title: 'Salesforce integration user locked out by ISO 27001 audit-log control',
    cause: 'audit-log-lockout',
    description:
      'The audit-log retention control failed during the surveillance audit; the integration user was frozen.',
    surfaces: ['checkout', 'accounts', 'sync-jobs'],
    regions: ['US', 'UK'],
    euPersonalDataInterrupted: false,
    reporter: { name: 'SIEM', email: 'siem@shop.test' },
    ...overrides,
  };
}
