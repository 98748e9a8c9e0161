/**
 * Ops' side of a failing service: the page that says so (on the channels that still work, or the
 * team chat) and the re-check that tells the procedure when the service works again.
 */
import type { Service } from '../workflows/domain/blocked.ts';
import { renderServiceProblem } from './documents/service-problem.ts';
import type { ServiceProblem } from './documents/service-problem.ts';
import type { ActivityDeps, DeliverySummary } from './deps.ts';
import type { ChatPostResult } from './chat-post.ts';
import type { WatchedProvider } from './ports.ts';
import { notifyRendered, postRenderedToChat } from './rendered-notices.ts';
import type { GroupTarget } from './rendered-notices.ts';

/** A page about a failing service; `ledgerMilestone` e.g. "service-alert:email:1". */
export type ServiceProblemInput = ServiceProblem & GroupTarget;

export function notifyServiceProblem(deps: ActivityDeps, input: ServiceProblemInput): Promise<DeliverySummary> {
  return notifyRendered(deps, input, (templates, locale) => renderServiceProblem(input, templates, locale));
}

export function postServiceProblemToChat(deps: ActivityDeps, input: ServiceProblemInput): Promise<ChatPostResult> {
  return postRenderedToChat(deps, input, (templates, locale) => renderServiceProblem(input, templates, locale));
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
