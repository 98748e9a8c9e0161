/**
 * The lockout's role rules for closing it (issue 13, procedures begun with the
 * 'lockout-legal-role-rules' patch): closing ends the watch on its legal clocks (NIS2, DORA, GDPR
 * Art. 33…), so while one is still owed only legal closes it, and every close gives a reason.
 * The GDPR assessment, a data-leak procedure of its own, keeps its rules and runs on after a close:
 * the GDPR clocks it carries are not the lockout's to keep.
 */
import type { LegalClock } from '../domain/status.ts';
import type { LockoutAction } from '../domain/lockout-actions.ts';
import type { LockoutStatus } from '../domain/lockout-status.ts';
import { decisiveReasonProblem } from '../procedure/role-rules.ts';

export const LOCKOUT_ROLE_RULES_PATCH = 'lockout-legal-role-rules';

/** Clocks in force that nobody met yet, on time or late. */
export function owedClocks(clocks: readonly LegalClock[]): LegalClock[] {
  return clocks.filter((c) => c.inForce && c.state !== 'met' && c.metAt === undefined);
}

/** Why `action` may not close the lockout under the role rules, or null. */
export function closeRuleProblem(
  status: Pick<LockoutStatus, 'legalClocks' | 'gdprAssessment'>,
  action: LockoutAction<'close'>,
): string | null {
  const carried = (c: LegalClock) => status.gdprAssessment !== null && c.id.startsWith('gdpr:');
  const owed = owedClocks(status.legalClocks).filter((c) => !carried(c));
  if (owed.length > 0 && action.actor.role !== 'legal') {
    const ids = owed.map((c) => c.id).join(', ');
    return `rule legal-clock: only legal may close the procedure while legal clocks are owed (${ids}); ${action.actor.id} has role ${action.actor.role}`;
  }
  return decisiveReasonProblem('close', action.reason);
}
