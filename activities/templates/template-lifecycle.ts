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

/** One axe-core rule the rendered email broke. */
export interface ReviewViolation {
  /** axe-core's rule id, e.g. `document-title`. */
  id: string;
  /** minor, moderate, serious or critical (null when axe gave none). */
  impact: string | null;
  /** What the rule asks for. */
  help: string;
  /** How many elements broke it. */
  nodes: number;
  /** Those elements, as axe-core's CSS selectors (absent in reviews stored before they were kept). */
  targets?: string[];
}

/** The accessibility review stored with a version (review-template.ts). */
export interface TemplateReview {
  passed: boolean;
  /** When it ran, ISO. */
  at: string;
  /** What it found, one line each (empty when it passed): axe-core's violations, the plain text, the SMS. */
  findings: string[];
  /** The SHA-256 of the texts it reviewed: a review holds only for those texts. */
  sha256: string;
  /** The locale whose rendered email it judged (`<html lang>`). */
  locale: string;
  /** axe-core's version, and the rules it broke in Chromium. */
  axe: { version: string; violations: ReviewViolation[] };
  /** The SMS rendered with the sample parameters, before shortening. */
  sms?: { chars: number; encoding: 'GSM-7' | 'UCS-2'; segments: number };
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
  if (reviewRequired && !(version.review?.passed === true && version.review.sha256 === version.sha256)) {
    throw new TemplateRefused(
      'not-reviewed',
      version.review?.sha256 !== version.sha256
        ? `${label(version)} has no accessibility review yet; run it before approval`
        : `${label(version)} failed its accessibility review: ${version.review.findings.join('; ')}`,
    );
  }
}
