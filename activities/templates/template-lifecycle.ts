/**
 * The rules of a template's life: draft → in review → approved (the approved one before it becomes
 * superseded). An approval is by someone other than the author, holding the compliance or legal
 * role, of a version that validated and passed its review.
 */
import type { Role } from '../../workflows/domain/status.ts';
import type { TemplateTexts } from './template-texts.ts';

export const TEMPLATE_STATES = ['draft', 'in-review', 'approved', 'superseded'] as const;
export type TemplateState = (typeof TEMPLATE_STATES)[number];

/** Roles whose approval puts a template into use. */
export const APPROVER_ROLES: readonly Role[] = ['compliance', 'legal'];

/** Who acts on a template: a verified identity and its role. */
export interface TemplateActor {
  id: string;
  role: Role;
}

/** The accessibility review stored with a version (review-template.ts). */
export interface TemplateReview {
  passed: boolean;
  /** When it ran, ISO. */
  at: string;
  /** What it checked and found, per locale and channel. */
  findings: string[];
}

/** One stored version of a template in one locale. */
export interface TemplateVersion {
  templateId: string;
  locale: string;
  version: number;
  texts: TemplateTexts;
  sha256: string;
  state: TemplateState;
  author: string;
  note?: string;
  /** Problems validation found when it was proposed (none: valid). */
  validation: { problems: string[] };
  review?: TemplateReview;
  approver?: string;
  approverRole?: Role;
  createdAt: string;
  submittedAt?: string;
  approvedAt?: string;
}

/** Why a lifecycle step was refused; `code` is stable for the API and CLI. */
export class TemplateRefused extends Error {
  constructor(
    readonly code: 'not-found' | 'invalid' | 'wrong-state' | 'own-change' | 'role' | 'not-reviewed',
    message: string,
  ) {
    super(message);
    this.name = 'TemplateRefused';
  }
}

const label = (v: TemplateVersion): string => `${v.templateId} ${v.locale} v${v.version}`;

/** Throws unless `version` may go from draft into review. */
export function checkSubmit(version: TemplateVersion): void {
  if (version.state !== 'draft') {
    throw new TemplateRefused(
      'wrong-state',
      `${label(version)} is ${version.state}; only a draft can be submitted for review`,
    );
  }
}

/** Throws unless `approver` may approve `version`. `reviewRequired`: its review must have passed. */
export function checkApproval(version: TemplateVersion, approver: TemplateActor, reviewRequired: boolean): void {
  if (version.state !== 'in-review') {
    throw new TemplateRefused(
      'wrong-state',
      `${label(version)} is ${version.state}; only a version in review can be approved`,
    );
  }
  if (approver.id === version.author) {
    throw new TemplateRefused(
      'own-change',
      `${label(version)} was proposed by ${version.author}: its author cannot approve it; another person with the compliance or legal role must`,
    );
  }
  if (!APPROVER_ROLES.includes(approver.role)) {
    throw new TemplateRefused(
      'role',
      `approving a template needs the compliance or legal role; ${approver.id} has ${approver.role}`,
    );
  }
  if (version.validation.problems.length > 0) {
    throw new TemplateRefused(
      'invalid',
      `${label(version)} failed validation: ${version.validation.problems.join('; ')}`,
    );
  }
  if (reviewRequired && version.review?.passed !== true) {
    throw new TemplateRefused(
      'not-reviewed',
      version.review === undefined
        ? `${label(version)} has no accessibility review yet; run it before approval`
        : `${label(version)} failed its accessibility review: ${version.review.findings.join('; ')}`,
    );
  }
}
