/**
 * Pinning a procedure's message templates at its start: the approved version of each template and
 * locale, so an approval made while the procedure runs never changes what it sends.
 */
import { patched, proxyActivities } from '@temporalio/workflow';
import type { HeraldActivities } from '../../activities/index.ts';
import type { TemplatePins } from '../domain/template-pins.ts';
import { NON_RETRYABLE } from './activity-proxies.ts';
import { inBackground } from './background.ts';
import type { CoreState, ProcedureContextBase } from './procedure-context.ts';

/** Procedures begun with this patch pin their templates (older ones send the shipped texts). */
export const TEMPLATES_PINNED_PATCH = 'templates-pinned';
/** Lockout procedures begun with this patch pin theirs (older ones send the shipped texts). */
export const LOCKOUT_TEMPLATES_PINNED_PATCH = 'lockout-templates-pinned';
/**
 * Procedures begun with this patch (and 'first-page-first-2') do not hold their first page for
 * the pins' round trip: the page's activity pins them itself (pinning is idempotent per
 * procedure), and every other track waits for the procedure's own pinning.
 */
export const FIRST_PAGE_PINS_PATCH = 'first-page-pins';

/** Pins a procedure's templates at its start: awaited, or beside its first page (FIRST_PAGE_PINS_PATCH). */
export async function pinProcedureTemplates(
  ctx: ProcedureContextBase<CoreState, string> & Parameters<typeof pinTemplates>[0],
  procedureId: string,
): Promise<void> {
  const { state } = ctx;
  const beside = state.firstPageFirst === true && patched(FIRST_PAGE_PINS_PATCH);
  const pinning = pinTemplates(ctx, procedureId, state.firstPageFirst).then((pins) => {
    state.templatePins = pins;
  });
  if (!beside) return pinning;
  state.firstPagePins = true;
  ctx.templatesPinned = pinning;
}

// A few quick attempts: the first page must not wait long on a store that is down.
const pinning = proxyActivities<HeraldActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE },
});

/**
 * Pins the templates and audits which versions; on failure the procedure goes on with the shipped
 * texts (convention 14) and the audit says so. With `auditBeside` (the first page goes first,
 * first-page-first.ts) the entry is queued, not waited for: the outbox writes it in order.
 */
export async function pinTemplates(
  ctx: { audit(type: string, actor: string, data?: Record<string, unknown>): Promise<void> },
  incidentId: string,
  auditBeside = false,
): Promise<TemplatePins | undefined> {
  const audit = (type: string, data: Record<string, unknown>) => {
    const written = ctx.audit(type, 'herald', data);
    if (!auditBeside) return written;
    inBackground(written);
    return Promise.resolve();
  };
  let pins: TemplatePins | null;
  try {
    pins = await pinning.pinTemplates({ incidentId });
  } catch (error) {
    await audit('templates.unpinned', {
      reason: `pinning failed, the shipped texts are used: ${error instanceof Error ? error.message : String(error)}`,
    });
    return undefined;
  }
  if (pins === null) return undefined;
  const versions = Object.entries(pins).flatMap(([templateId, locales]) =>
    Object.entries(locales).map(([locale, p]) => ({ templateId, locale, version: p.version, sha256: p.sha256 })),
  );
  await audit('templates.pinned', { versions });
  return pins;
}
