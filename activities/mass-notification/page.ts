/**
 * What both channel batches share: the page of the snapshot they work on, the message rendered
 * once per locale, the counts they report and the audit entry that records the page.
 */
import type { AffectedPerson, LedgerChannel } from '../../workflows/domain/contacts.ts';
import type { DataLeakIncident } from '../../workflows/domain/incident.ts';
import type { RenderedMessage } from '../documents/message-types.ts';
import type { TemplateSource } from '../templates/template-source.ts';
import type { TemplateUse } from '../../workflows/domain/template-pins.ts';
import type { ActivityDeps } from '../deps.ts';
import { resolveTimeZone } from '../local-time/zones.ts';
import type { DeliveryGroup } from '../ports.ts';

/** Ledger milestone of the affected-people notice. */
export const AFFECTED_MILESTONE = 'affected-people';

/** Deliberately loose (SendGrid's own check): one address must not make a request of 1,000 fail. */
export const PLAUSIBLE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The greeting's name in a message rendered for many: each recipient's substitution replaces it. */
export const RECIPIENT_NAME_TOKEN = '{{herald_recipient_name}}';
/** The same name in the HTML part, where its substitution is the name with HTML's characters escaped. */
export const RECIPIENT_NAME_HTML_TOKEN = '{{herald_recipient_name_html}}';

export interface PageInput {
  incidentId: string;
  incident: DataLeakIncident;
  /** Position of the page in the snapshot (insertion order). */
  offset: number;
  limit: number;
  /** Which run of the page (0 or absent: the first); a later run sends those who waited for morning. */
  round?: number;
}

/** One channel's outcome for one page. */
export interface ChannelPageResult {
  /** People on the page with an address on this channel. */
  addressed: number;
  accepted: number;
  failed: number;
  /** Found already sent (an earlier attempt, or reconciled with the provider): not sent again. */
  duplicatesSkipped: number;
}

export function emptyPageResult(): ChannelPageResult {
  return { addressed: 0, accepted: 0, failed: 0, duplicatesSkipped: 0 };
}

export function deliveryGroup(incidentId: string, channel: LedgerChannel): DeliveryGroup {
  return { incidentId, milestone: AFFECTED_MILESTONE, channel };
}

export function deliveryKey(incidentId: string, recipientId: string, channel: LedgerChannel): string {
  return `${incidentId}/${AFFECTED_MILESTONE}/${recipientId}/${channel}`;
}

/** The Art. 34 message for one recipient name (or a token standing for many). */
export function affectedPersonMessage(
  deps: ActivityDeps,
  templates: TemplateSource,
  incidentId: string,
  incident: DataLeakIncident,
  person: Pick<AffectedPerson, 'locale' | 'timeZone' | 'country' | 'state'>,
  recipientName: string,
): RenderedMessage {
  const { dpo, organisation } = deps.directory;
  const { timeZone } = resolveTimeZone(person, organisation.timeZone);
  return templates.render('affected-person', person.locale, {
    incidentId,
    organisation: organisation.name,
    recipientName,
    detectedAt: incident.detectedAt,
    timeZone,
    ...(person.country !== undefined ? { country: person.country } : {}),
    whatHappened: incident.description,
    dataCategories: incident.dataCategories,
    likelyConsequences: incident.likelyConsequences,
    measuresTaken: incident.measuresTaken ?? '',
    dpo: { name: dpo.name, email: dpo.email ?? '', phone: dpo.phone },
  });
}

/** Renders the affected-person message once per locale (named or not) for a whole page. */
export class PageRenderer {
  readonly #cache = new Map<string, RenderedMessage>();
  readonly #deps: ActivityDeps;
  readonly #input: PageInput;
  readonly #templates: TemplateSource;

  constructor(deps: ActivityDeps, input: PageInput, templates: TemplateSource) {
    this.#deps = deps;
    this.#input = input;
    this.#templates = templates;
  }

  /** The template variants this page's messages came from, for its audit entry. */
  used(): TemplateUse[] {
    const uses = new Map<string, TemplateUse>();
    for (const m of this.#cache.values()) if (m.template) uses.set(JSON.stringify(m.template), m.template);
    return [...uses.values()];
  }

  /** The key people share a rendering under: language, zone, country (the dates' form) and whether named. */
  static groupOf(person: AffectedPerson): string {
    const zone = resolveTimeZone(person, undefined).timeZone;
    return `${person.locale ?? ''}|${zone}|${person.country ?? ''}|${person.name.trim() ? 'named' : 'anonymous'}`;
  }

  /** The message for `person`'s group; a named group's greeting holds RECIPIENT_NAME_TOKEN. */
  messageFor(person: AffectedPerson): RenderedMessage {
    const group = PageRenderer.groupOf(person);
    let message = this.#cache.get(group);
    if (!message) {
      const { incident, incidentId } = this.#input;
      const name = person.name.trim() ? RECIPIENT_NAME_TOKEN : '';
      message = affectedPersonMessage(this.#deps, this.#templates, incidentId, incident, person, name);
      this.#cache.set(group, message);
    }
    return message;
  }
}

/**
 * One audit entry per page and channel, written from the ledger after the sends, so a retried
 * activity writes the same entry once and it lists every recipient's final state; returns the
 * page's counts from the ledger (exact across attempts). Recipients are
 * named by id with the provider's message id, never by address: the audit trail holds no PII.
 */
export async function auditPage(
  deps: ActivityDeps,
  input: PageInput,
  channel: LedgerChannel,
  people: readonly AffectedPerson[],
  waiting: readonly { id: string; until: string }[] = [],
  templates: readonly TemplateUse[] = [],
): Promise<{ accepted: number; failed: number }> {
  const group = deliveryGroup(input.incidentId, channel);
  const entries = await deps.ledger.getBatch(
    group,
    people.map((p) => p.id),
  );
  const sent: [string, string | null, number][] = [];
  const failed: [string, string][] = [];
  const unsettled: string[] = [];
  entries.forEach((entry, i) => {
    const id = people[i]?.id ?? '';
    if (entry?.state === 'sent') sent.push([id, entry.providerMessageId ?? null, entry.attempts]);
    else if (entry?.state === 'failed') failed.push([id, entry.error ?? '']);
    else unsettled.push(id);
  });
  await deps.audit.append({
    // A later run of the page (after quiet hours) records its own entry.
    entryId:
      `deliveries:${input.incidentId}/${AFFECTED_MILESTONE}/${channel}/${input.offset}` +
      (input.round ? `/r${input.round}` : ''),
    incidentId: input.incidentId,
    type: 'delivery.batch',
    actor: 'herald',
    at: new Date().toISOString(),
    data: {
      milestone: AFFECTED_MILESTONE,
      channel,
      offset: input.offset,
      /** [recipientId, providerMessageId, attempts] */
      sent,
      /** [recipientId, error] */
      failed,
      unsettled,
      /** [recipientId, not before]: waiting for the end of their quiet hours. */
      ...(waiting.length > 0 ? { waiting: waiting.map((w) => [w.id, w.until]) } : {}),
      /** The template versions the page's messages were rendered from. */
      ...(templates.length > 0 ? { templates } : {}),
    },
  });
  return { accepted: sent.length, failed: failed.length };
}
