/**
 * Messages of the compliance-lockout crisis plan, to staff: rendered from the template registry
 * (activities/templates/seed/lockout-*.ts are the shipped texts) — the procedure's pinned versions
 * when it pinned them, else the shipped ones. The lockout id comes first so a truncated SMS still
 * says which crisis it is about.
 */
import type { LockoutIncident, LockoutScope } from '../../workflows/domain/lockout.ts';
import { BUILT_IN_TEMPLATES } from '../templates/template-source.ts';
import type { TemplateSource } from '../templates/template-source.ts';
import type { LockoutTemplateParams } from './lockout-message-types.ts';
import type { RenderedMessage } from './message-types.ts';

export const LOCKOUT_TEMPLATES = [
  'lockout-alert',
  'lockout-escalation',
  'lockout-stakeholder-notice',
  'lockout-status-update',
  'lockout-resolution',
  'deadline-missed',
] as const;
export type LockoutTemplateId = (typeof LOCKOUT_TEMPLATES)[number];

export interface LockoutMessageInput {
  template: LockoutTemplateId;
  incident: LockoutIncident;
  /** The current scope (it may have changed since the trigger). */
  scope: LockoutScope;
  /** Template-specific values the workflow knows (level, sequence, root cause…). */
  params: Record<string, string>;
}

/** The registry template of each message (the workflow's names predate the registry). */
const REGISTRY_IDS: Record<LockoutTemplateId, keyof LockoutTemplateParams> = {
  'lockout-alert': 'lockout-alert',
  'lockout-escalation': 'lockout-escalation',
  'lockout-stakeholder-notice': 'lockout-stakeholder-notice',
  'lockout-status-update': 'lockout-status-update',
  'lockout-resolution': 'lockout-resolution',
  'deadline-missed': 'lockout-deadline-missed',
};

/** Renders one lockout message from `templates` for a reader of `locale` (absent → English). */
export function renderLockoutMessage(
  input: LockoutMessageInput,
  templates: TemplateSource = BUILT_IN_TEMPLATES,
  locale?: string,
): RenderedMessage {
  const params = { ...input.params, incident: input.incident, scope: input.scope };
  return templates.render(REGISTRY_IDS[input.template], locale, params);
}
