/**
 * The template lifecycle as the API and the console both perform it: propose as the caller,
 * submit, and approve after the accessibility review. Refusals are ProblemErrors naming the
 * reason, so each front end answers them its own way (problem JSON, or the page's alert).
 */
import type { SqlTemplateRegistry } from '../../../activities/store/template-registry.ts';
import { checkApproval, TemplateRefused } from '../../../activities/templates/template-lifecycle.ts';
import type { TemplateActor, TemplateVersion } from '../../../activities/templates/template-lifecycle.ts';
import type { TemplateTexts } from '../../../activities/templates/template-texts.ts';
import type { TemplateReviewConfig } from '../../../workers/config.ts';
import { ChromiumTemplateReviewer, ReviewUnavailable } from '../../templates/template-reviewer.ts';
import type { TemplateReviewer } from '../../templates/template-reviewer.ts';
import type { Role } from '../../../workflows/domain/status.ts';
import { ProblemError } from '../problem.ts';

/** People propose and submit; a machine token never changes what Herald says. */
export const PROPOSE_ROLES: readonly Role[] = ['responder', 'legal', 'compliance'];

/** The template registry as the API serves it (only when the API shares the workers' store). */
export interface TemplateRouteOptions {
  registry: SqlTemplateRegistry;
  /**
   * Runs the accessibility review that approval needs (HERALD_TEMPLATE_REVIEW=required); 'off':
   * approval without a review.
   */
  review: TemplateReviewer | 'off';
  now?: () => Date;
}

/** The store's registry, approved with the review the configuration asks for. */
export function templateRouteOptionsOf(
  registry: SqlTemplateRegistry,
  config: TemplateReviewConfig,
): TemplateRouteOptions {
  return {
    registry,
    review: config.HERALD_TEMPLATE_REVIEW === 'off' ? 'off' : new ChromiumTemplateReviewer(config.HERALD_CHROMIUM),
  };
}

/** A lifecycle refusal as the problem to answer. */
export function refused(error: unknown): never {
  if (!(error instanceof TemplateRefused)) throw error;
  if (error.code === 'not-found') throw new ProblemError(404, 'No such template', error.message);
  if (error.code === 'invalid') throw new ProblemError(400, 'Template invalid', error.message);
  throw new ProblemError(409, 'Refused', error.message);
}

const nowOf = (options: TemplateRouteOptions) => options.now ?? (() => new Date());

/** The version, or a 404 naming it. */
export async function foundVersion(
  registry: SqlTemplateRegistry,
  templateId: string,
  locale: string,
  version: number,
): Promise<TemplateVersion> {
  const v = await registry.get(templateId, locale, version);
  if (v === null) throw new ProblemError(404, 'No such template', `no template ${templateId} ${locale} v${version}`);
  return v;
}

function mayPropose(caller: TemplateActor): void {
  if (!PROPOSE_ROLES.includes(caller.role)) {
    throw new ProblemError(
      403,
      'Forbidden',
      `${caller.id} has role ${caller.role}; this needs ${PROPOSE_ROLES.join(' or ')}`,
    );
  }
}

/** Stores a draft with the caller as its author; refused unless it validates. */
export async function proposeVersion(
  options: TemplateRouteOptions,
  caller: TemplateActor,
  proposal: { templateId: string; locale: string; texts: TemplateTexts; note?: string | undefined },
): Promise<TemplateVersion> {
  mayPropose(caller);
  const { templateId, locale, texts, note } = proposal;
  return options.registry
    .propose(
      { templateId, locale, texts, author: caller.id, ...(note ? { note } : {}) },
      nowOf(options)().toISOString(),
    )
    .catch(refused);
}

/** Puts a draft into review. */
export async function submitVersion(
  options: TemplateRouteOptions,
  caller: TemplateActor,
  templateId: string,
  locale: string,
  version: number,
): Promise<TemplateVersion> {
  mayPropose(caller);
  return options.registry.submit(templateId, locale, version, nowOf(options)().toISOString()).catch(refused);
}

/**
 * Approves a version in review: the lifecycle's rules (never the author, compliance or legal, in
 * review, valid) come first, so a refused approver never starts a browser; then the accessibility
 * review runs and is stored with the version unless it has one of these texts; then the approval.
 */
export async function approveVersion(
  options: TemplateRouteOptions,
  approver: TemplateActor,
  templateId: string,
  locale: string,
  version: number,
): Promise<TemplateVersion> {
  const { registry } = options;
  const reviewRequired = options.review !== 'off';
  if (options.review !== 'off') {
    const found = await foundVersion(registry, templateId, locale, version);
    try {
      checkApproval(found, approver, false);
    } catch (error) {
      refused(error);
    }
    if (found.review?.sha256 !== found.sha256) {
      const [review] = await options.review.review([found], nowOf(options)).catch((error: unknown) => {
        if (error instanceof ReviewUnavailable) throw new ProblemError(503, 'Review unavailable', error.message);
        throw error;
      });
      await registry.recordReview(templateId, locale, version, review!).catch(refused);
    }
  }
  return registry
    .approve(templateId, locale, version, approver, nowOf(options)().toISOString(), { reviewRequired })
    .catch(refused);
}
