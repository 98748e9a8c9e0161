/**
 * Ops' side of a failing service: the page that says so (on the channels that still work, or the
 * team chat) and the re-check that tells the procedure when the service works again.
 */
import type { Channel, ContactGroup } from '../workflows/domain/contacts.ts';
import type { Service } from '../workflows/domain/blocked.ts';
import { contactsOf } from './directory.ts';
import { renderServiceProblem } from './documents/service-problem.ts';
import type { ServiceProblem } from './documents/service-problem.ts';
import type { ActivityDeps, DeliverySummary } from './deps.ts';
import { postToChat } from './chat-post.ts';
import type { ChatPostResult } from './chat-post.ts';
import { notifyContacts } from './staff-notifications.ts';
import type { WatchedProvider } from './ports.ts';

export interface ServiceProblemInput extends ServiceProblem {
  /** Store key of the procedure (audit trail and ledger). */
  incidentId: string;
  /** Unique per page, e.g. "service-alert:email:1". */
  ledgerMilestone: string;
  group: ContactGroup;
  level?: number;
  channels?: Channel[];
}

export function notifyServiceProblem(deps: ActivityDeps, input: ServiceProblemInput): Promise<DeliverySummary> {
  const message = renderServiceProblem(input);
  return notifyContacts(
    deps,
    { ...input, contacts: contactsOf(deps.directory, input.group, input.level), channels: input.channels },
    () => message,
  );
}

export function postServiceProblemToChat(deps: ActivityDeps, input: ServiceProblemInput): Promise<ChatPostResult> {
  const message = renderServiceProblem(input);
  return postToChat(deps, {
    incidentId: input.incidentId,
    ledgerMilestone: input.ledgerMilestone,
    text: `*${message.subject}* (for: ${input.group})\n${message.text}`,
  });
}

/** The credential probe behind each service that has one. */
const PROBES: Partial<Record<Service, WatchedProvider>> = { email: 'sendgrid', sms: 'twilio', crm: 'salesforce' };

/**
 * Whether a blocked service works again: its credential probe where it has one (a cheap
 * authenticated call); otherwise the step itself is the check, so the answer is "try it".
 */
export async function checkService(
  deps: ActivityDeps,
  input: { service: Service },
): Promise<{ passed: boolean; detail: string }> {
  const provider = PROBES[input.service];
  const probe = provider ? deps.monitors?.credentials[provider] : undefined;
  if (!probe) return { passed: true, detail: `no probe for ${input.service}: the waiting steps are retried` };
  try {
    const check = await probe.checkCredentials();
    return { passed: check.valid, detail: check.detail };
  } catch (err) {
    return { passed: false, detail: `${provider} unreachable: ${err instanceof Error ? err.message : String(err)}` };
  }
}
