/** Legal and the DPO told about a legal clock at risk or missed (workflows/procedure/legal-duties.ts). */
import { renderLegalClockNotice } from './documents/legal-clock-notice.ts';
import type { LegalClockNotice } from './documents/legal-clock-notice.ts';
import type { ActivityDeps, DeliverySummary } from './deps.ts';
import type { ChatPostResult } from './chat-post.ts';
import { notifyRendered, postRenderedToChat } from './rendered-notices.ts';
import type { GroupTarget } from './rendered-notices.ts';

export type LegalClockNoticeInput = LegalClockNotice & GroupTarget;

export function notifyLegalClock(deps: ActivityDeps, input: LegalClockNoticeInput): Promise<DeliverySummary> {
  return notifyRendered(deps, input, (templates, locale) => renderLegalClockNotice(input, templates, locale));
}

export function postLegalClockToChat(deps: ActivityDeps, input: LegalClockNoticeInput): Promise<ChatPostResult> {
  return postRenderedToChat(deps, input, (templates, locale) => renderLegalClockNotice(input, templates, locale));
}
