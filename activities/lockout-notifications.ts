/** Notifications of the compliance-lockout procedure to directory groups. */
import type { ContactGroup } from '../workflows/domain/contacts.ts';
import { lockoutWorkflowId } from '../workflows/domain/lockout.ts';
import { contactsOf } from './directory.ts';
import { renderLockoutMessage } from './documents/lockout-messages.ts';
import type { LockoutMessageInput } from './documents/lockout-messages.ts';
import type { ActivityDeps, DeliverySummary } from './deps.ts';
import { notifyContacts } from './staff-notifications.ts';

export interface NotifyLockoutGroupInput extends LockoutMessageInput {
  /** Ledger key: unique per send occasion (e.g. "status-update:3"). */
  ledgerMilestone: string;
  group: ContactGroup;
  level?: number;
}

export function notifyLockoutGroup(deps: ActivityDeps, input: NotifyLockoutGroupInput): Promise<DeliverySummary> {
  const contacts = contactsOf(deps.directory, input.group, input.level);
  // Staff messages are English; the locale does not change the text.
  return notifyContacts(
    deps,
    { incidentId: lockoutWorkflowId(input.incident.lockoutId), ledgerMilestone: input.ledgerMilestone, contacts },
    () => renderLockoutMessage(input),
  );
}
