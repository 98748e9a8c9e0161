/**
 * The supervisory-authority notice: drafts are rendered, hashed and stored; the send reads the
 * stored text back and refuses unless its hash is the one legal approved.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Channel } from '../workflows/domain/contacts.ts';
import type { DataLeakIncident } from '../workflows/domain/incident.ts';
import { renderAuthorityNotice } from './documents/authority-notice.ts';
import { renderReviewRequest } from './documents/review-request.ts';
import { sha256Hex } from './documents/hash.ts';
import { templatesFor } from './templates/template-source.ts';
import type { ActivityDeps, DeliverySummary } from './deps.ts';
import { emptySummary } from './deps.ts';
import { sendToContact } from './send-to-contact.ts';
import { contactsOf } from './directory.ts';
import { externalRecipients } from './drills/drill-recipients.ts';
import { notifyContacts } from './staff-notifications.ts';

export interface DraftNoticeInput {
  incidentId: string;
  incident: DataLeakIncident;
  version: number;
  late: boolean;
  delayReasons: string[];
  /** Full text supplied by legal with a rejection; used verbatim (plus the delay reasons when late). */
  replacementText?: string;
  draftedAt: string;
}

const DELAY_HEADING = 'Reasons for the delay';

export async function draftAuthorityNotice(
  deps: ActivityDeps,
  input: DraftNoticeInput,
): Promise<{ version: number; sha256: string; text: string }> {
  const existing = await deps.documents.get(input.incidentId, 'authority-notice', input.version);
  if (existing) return { version: existing.version, sha256: existing.sha256, text: existing.body }; // a retried attempt
  const body = input.replacementText !== undefined ? withDelayReasons(input) : await renderDraft(deps, input);
  const sha256 = sha256Hex(body);
  await deps.documents.put({
    incidentId: input.incidentId,
    kind: 'authority-notice',
    version: input.version,
    sha256,
    body,
    createdAt: input.draftedAt,
  });
  return { version: input.version, sha256, text: body };
}

/** Renders the Art. 33(3) notice from the incident, the audience snapshot and the directory. */
async function renderDraft(deps: ActivityDeps, input: DraftNoticeInput): Promise<string> {
  const { directory } = deps;
  return renderAuthorityNotice({
    incident: input.incident,
    dataSubjects: {
      total: await deps.recipients.count(input.incidentId),
      byCountry: await deps.recipients.countByCountry(input.incidentId),
    },
    dpo: { name: directory.dpo.name, email: directory.dpo.email ?? '', phone: directory.dpo.phone },
    authorityName: directory.supervisoryAuthority.name,
    controllerName: directory.organisation.name,
    dataSubjectCategories: ['students'],
    version: input.version,
    draftedAt: input.draftedAt,
    late: input.late,
    delayReasons: input.delayReasons,
  });
}

/** A replacement text from legal keeps its words; a late one gains the reasons for the delay. */
function withDelayReasons(input: DraftNoticeInput): string {
  const text = (input.replacementText ?? '').trim();
  if (!input.late || text.includes(DELAY_HEADING)) return `${text}\n`;
  const reasons = input.delayReasons.map((r) => `- ${r}`).join('\n');
  return `${text}\n\n${DELAY_HEADING} (GDPR Art. 33(1))\n${reasons}\n`;
}

export async function sendAuthorityNotice(
  deps: ActivityDeps,
  input: {
    incidentId: string;
    version: number;
    sha256: string;
    channels?: Channel[];
    /** A resend after the first attempt was refused: its own ledger key, so it is sent again. */
    resend?: number;
  },
): Promise<DeliverySummary> {
  const doc = await deps.documents.get(input.incidentId, 'authority-notice', input.version);
  if (!doc) {
    throw ApplicationFailure.nonRetryable(
      `authority-notice draft v${input.version} of ${input.incidentId} is not stored`,
      'InvalidInput',
    );
  }
  if (doc.sha256 !== input.sha256) {
    throw ApplicationFailure.nonRetryable(
      `stored draft v${input.version} has sha256 ${doc.sha256}, not the approved ${input.sha256}: refusing to send unapproved text`,
      'InvalidInput',
    );
  }
  const { directory } = deps;
  const summary = emptySummary();
  const templates = await templatesFor(deps.templates, input.incidentId);
  for (const contact of externalRecipients(directory, input.incidentId, directory.supervisoryAuthority.contacts)) {
    const message = templates.render('authority-notice', contact.locale, {
      incidentId: input.incidentId,
      title: `Personal data breach notification (GDPR Art. 33) — ${input.incidentId}`,
      authorityName: directory.supervisoryAuthority.name,
      controllerName: directory.organisation.name,
      version: doc.version,
      sha256: doc.sha256,
      noticeText: doc.body,
    });
    const ledgerMilestone = `authority-notice:v${doc.version}${input.resend ? `:r${input.resend}` : ''}`;
    const target = { incidentId: input.incidentId, ledgerMilestone, contact, message, channels: input.channels };
    await sendToContact(deps, target, summary);
  }
  return summary;
}

/**
 * Sends legal the draft to review: its exact text, version and SHA-256, and the command that
 * approves it. Sent once per draft version (ledger key), so a retried activity never repeats it.
 */
export async function requestNoticeApproval(
  deps: ActivityDeps,
  input: {
    incidentId: string;
    incident: DataLeakIncident;
    version: number;
    dueAt: string;
    late: boolean;
    channels?: Channel[];
  },
): Promise<DeliverySummary> {
  const draft = await deps.documents.get(input.incidentId, 'authority-notice', input.version);
  if (!draft) {
    throw ApplicationFailure.nonRetryable(`no stored draft v${input.version} for ${input.incidentId}`, 'InvalidInput');
  }
  const templates = await templatesFor(deps.templates, input.incidentId);
  const approve = `herald incident approve ${input.incidentId} --as <you> --version ${draft.version} --sha256 ${draft.sha256}`;
  return notifyContacts(
    deps,
    {
      incidentId: input.incidentId,
      ledgerMilestone: `authority-notice:review:v${draft.version}`,
      contacts: contactsOf(deps.directory, 'legal'),
      channels: input.channels,
    },
    (locale, timeZone) =>
      renderReviewRequest(
        templates,
        locale,
        {
          incidentId: input.incidentId,
          title: input.incident.title,
          ...(timeZone ? { timeZone } : {}),
          version: draft.version,
          sha256: draft.sha256,
          dueAt: input.dueAt,
          late: input.late,
        },
        { approveCommand: approve, draftText: draft.body },
      ),
  );
}
