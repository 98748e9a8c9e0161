/**
 * Role rules both procedures share (issue 13): an action that ends a duty (a skip, a close) names
 * its reason in more than a word or two, and each refusal names the rule that refused it.
 */

/** The shortest reason an action that ends a duty may give. */
export const MIN_DECISIVE_REASON = 10;

/** Rule decisive-reason: why `what` (which ends a duty) is refused for its reason, or null. */
export function decisiveReasonProblem(what: string, reason: string): string | null {
  return reason.trim().length < MIN_DECISIVE_REASON
    ? `rule decisive-reason: ${what} ends a duty; give a reason of at least ${MIN_DECISIVE_REASON} characters that says why`
    : null;
}
