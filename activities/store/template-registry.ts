/**
 * The message-template registry in SQL: every version of every template and locale, kept. New
 * versions come in as drafts, go into review, and are approved by a second person with the
 * compliance or legal role (template-lifecycle.ts); the approved one before is then superseded.
 */
import type { TemplateId } from '../documents/message-types.ts';
import { SEED_TEMPLATES } from '../templates/seed/seed-templates.ts';
import { checkApproval, checkSubmit, TemplateRefused } from '../templates/template-lifecycle.ts';
import type { TemplateActor, TemplateReview, TemplateState, TemplateVersion } from '../templates/template-lifecycle.ts';
import { pickFields, templateHash } from '../templates/template-texts.ts';
import type { TemplateTexts } from '../templates/template-texts.ts';
import { isTemplateId, validateTemplate } from '../templates/validate-template.ts';
import { canonicalJson } from './canonical-json.ts';
import type { SqlDriver } from './sql-driver.ts';
import type { TemplatePins } from '../../workflows/domain/template-pins.ts';
import { orUndefined, toInt, toIso, toIsoOrUndefined } from './sql-values.ts';

/** Who the shipped texts are recorded as: not a person, so never an approver of anything else. */
export const SEED_ACTOR = 'herald-seed';

const COLUMNS =
  'template_id, locale, version, texts, sha256, state, author, note, validation, review, approver, approver_role, created_at, submitted_at, approved_at';

interface TemplateRow {
  template_id: string;
  locale: string;
  version: unknown;
  texts: string;
  sha256: string;
  state: TemplateState;
  author: string;
  note: string | null;
  validation: string;
  review: string | null;
  approver: string | null;
  approver_role: string | null;
  created_at: unknown;
  submitted_at: unknown;
  approved_at: unknown;
}

/** A new version as proposed. */
export interface TemplateProposal {
  templateId: string;
  locale: string;
  texts: TemplateTexts;
  author: string;
  note?: string;
}

export class SqlTemplateRegistry {
  readonly #driver: SqlDriver;

  constructor(driver: SqlDriver) {
    this.#driver = driver;
  }

  /** Records Herald's shipped texts as version 1, approved, of each template and locale that has none. */
  async seed(now: string): Promise<number> {
    let added = 0;
    for (const [templateId, variants] of Object.entries(SEED_TEMPLATES)) {
      for (const [locale, texts] of Object.entries(variants)) {
        const rows = await this.#driver.query(
          `INSERT INTO message_templates (template_id, locale, version, texts, sha256, state, author, validation,
             review, approver, approver_role, created_at, submitted_at, approved_at)
           SELECT $1, $2, 1, $3, $4, 'approved', $5, $6, NULL, $5, NULL, $7, $7, $7
           WHERE NOT EXISTS (SELECT 1 FROM message_templates WHERE template_id = $1 AND locale = $2)
           ON CONFLICT DO NOTHING RETURNING version`,
          [
            templateId,
            locale,
            canonicalJson(pickFields(texts)),
            templateHash(texts),
            SEED_ACTOR,
            '{"problems":[]}',
            now,
          ],
        );
        added += rows.length;
      }
    }
    return added;
  }

  /** Stores a new draft after validating it; a template that fails validation is refused and nothing is stored. */
  async propose(proposal: TemplateProposal, now: string): Promise<TemplateVersion> {
    const { templateId, locale } = proposal;
    if (!isTemplateId(templateId))
      throw new TemplateRefused('not-found', `no message type ${JSON.stringify(templateId)}`);
    checkLocale(locale);
    if (proposal.author.trim() === '') throw new TemplateRefused('invalid', 'a proposal needs its author');
    const texts = pickFields(proposal.texts);
    const validation = validateTemplate(templateId, locale, texts);
    if (validation.problems.length > 0) {
      throw new TemplateRefused('invalid', `${templateId} ${locale}: ${validation.problems.join('; ')}`);
    }
    return this.#driver.transaction(async (tx) => {
      const [top] = await tx.query<{ v: unknown }>(
        'SELECT coalesce(max(version), 0) AS v FROM message_templates WHERE template_id = $1 AND locale = $2',
        [templateId, locale],
      );
      const version = toInt(top?.v ?? 0) + 1;
      const [row] = await tx.query<TemplateRow>(
        `INSERT INTO message_templates (template_id, locale, version, texts, sha256, state, author, note, validation, created_at)
         VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9) RETURNING ${COLUMNS}`,
        [
          templateId,
          locale,
          version,
          canonicalJson(texts),
          templateHash(texts),
          proposal.author,
          proposal.note ?? null,
          canonicalJson({ problems: validation.problems, ...(validation.sms ? { sms: validation.sms } : {}) }),
          now,
        ],
      );
      return toVersion(row!);
    });
  }

  /** Puts a draft into review. */
  async submit(templateId: string, locale: string, version: number, now: string): Promise<TemplateVersion> {
    return this.#driver.transaction(async (tx) => {
      checkSubmit(await this.#require(tx, templateId, locale, version));
      const [row] = await tx.query<TemplateRow>(
        `UPDATE message_templates SET state = 'in-review', submitted_at = $4
         WHERE template_id = $1 AND locale = $2 AND version = $3 RETURNING ${COLUMNS}`,
        [templateId, locale, version, now],
      );
      return toVersion(row!);
    });
  }

  /** Stores the accessibility review of a version (draft or in review), which must be of its texts. */
  async recordReview(
    templateId: string,
    locale: string,
    version: number,
    review: TemplateReview,
  ): Promise<TemplateVersion> {
    return this.#driver.transaction(async (tx) => {
      const found = await this.#require(tx, templateId, locale, version);
      if (found.state === 'approved' || found.state === 'superseded') {
        throw new TemplateRefused(
          'wrong-state',
          `${templateId} ${locale} v${version} is ${found.state}; its review is final`,
        );
      }
      if (review.sha256 !== found.sha256 || review.locale !== found.locale) {
        throw new TemplateRefused(
          'invalid',
          `the review is of other texts (${review.locale}, sha256 ${review.sha256.slice(0, 12)}…), not of ${templateId} ${locale} v${version}`,
        );
      }
      const [row] = await tx.query<TemplateRow>(
        `UPDATE message_templates SET review = $4 WHERE template_id = $1 AND locale = $2 AND version = $3 RETURNING ${COLUMNS}`,
        [templateId, locale, version, canonicalJson(review)],
      );
      return toVersion(row!);
    });
  }

  /**
   * Approves a version in review (refused with the reason otherwise: its own author, a role that
   * may not, failed validation, a missing or failed review when `reviewRequired`) and supersedes
   * the version approved before it.
   */
  async approve(
    templateId: string,
    locale: string,
    version: number,
    approver: TemplateActor,
    now: string,
    options: { reviewRequired: boolean },
  ): Promise<TemplateVersion> {
    return this.#driver.transaction(async (tx) => {
      checkApproval(await this.#require(tx, templateId, locale, version), approver, options.reviewRequired);
      await tx.query(
        `UPDATE message_templates SET state = 'superseded' WHERE template_id = $1 AND locale = $2 AND state = 'approved'`,
        [templateId, locale],
      );
      const [row] = await tx.query<TemplateRow>(
        `UPDATE message_templates SET state = 'approved', approver = $4, approver_role = $5, approved_at = $6
         WHERE template_id = $1 AND locale = $2 AND version = $3 RETURNING ${COLUMNS}`,
        [templateId, locale, version, approver.id, approver.role, now],
      );
      return toVersion(row!);
    });
  }

  /** One version, or the newest when `version` is absent; null when there is none. */
  async get(templateId: string, locale: string, version?: number): Promise<TemplateVersion | null> {
    const [row] = await this.#driver.query<TemplateRow>(
      version === undefined
        ? `SELECT ${COLUMNS} FROM message_templates WHERE template_id = $1 AND locale = $2 ORDER BY version DESC LIMIT 1`
        : `SELECT ${COLUMNS} FROM message_templates WHERE template_id = $1 AND locale = $2 AND version = $3`,
      version === undefined ? [templateId, locale] : [templateId, locale, version],
    );
    return row === undefined ? null : toVersion(row);
  }

  /** Every version, oldest first per template and locale; only `templateId`'s when given. */
  async list(templateId?: string): Promise<TemplateVersion[]> {
    const rows = await this.#driver.query<TemplateRow>(
      `SELECT ${COLUMNS} FROM message_templates WHERE $1::text IS NULL OR template_id = $1
       ORDER BY template_id, locale, version`,
      [templateId ?? null],
    );
    return rows.map(toVersion);
  }

  /** The approved version of each locale of `templateId`. */
  async approved(templateId: TemplateId): Promise<TemplateVersion[]> {
    const rows = await this.#driver.query<TemplateRow>(
      `SELECT ${COLUMNS} FROM message_templates WHERE template_id = $1 AND state = 'approved' ORDER BY locale`,
      [templateId],
    );
    return rows.map(toVersion);
  }

  /**
   * Pins the approved version of every template and locale for `incidentId`, once: a second call
   * (a retried activity, a re-triggered incident) returns the first pins unchanged.
   */
  async pin(incidentId: string, now: string): Promise<TemplatePins> {
    await this.#driver.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`template-pins:${incidentId}`]);
      const [existing] = await tx.query('SELECT 1 FROM template_pins WHERE incident_id = $1 LIMIT 1', [incidentId]);
      if (existing !== undefined) return;
      await tx.query(
        `INSERT INTO template_pins (incident_id, template_id, locale, version, sha256, pinned_at)
         SELECT $1, template_id, locale, version, sha256, $2 FROM message_templates WHERE state = 'approved'`,
        [incidentId, now],
      );
    });
    return (await this.pinsOf(incidentId)) ?? {};
  }

  /** The pins of `incidentId`, or null when it pinned nothing (a procedure begun before pinning). */
  async pinsOf(incidentId: string): Promise<TemplatePins | null> {
    const rows = await this.#driver.query<{ template_id: string; locale: string; version: unknown; sha256: string }>(
      'SELECT template_id, locale, version, sha256 FROM template_pins WHERE incident_id = $1 ORDER BY template_id, locale',
      [incidentId],
    );
    if (rows.length === 0) return null;
    const pins: TemplatePins = {};
    for (const row of rows)
      (pins[row.template_id] ??= {})[row.locale] = { version: toInt(row.version), sha256: row.sha256 };
    return pins;
  }

  /** The pinned versions of `incidentId`, texts included, each checked against its pinned hash. */
  async pinnedVersions(incidentId: string): Promise<TemplateVersion[] | null> {
    const rows = await this.#driver.query<TemplateRow & { pinned_sha256: string }>(
      `SELECT ${COLUMNS.split(', ')
        .map((c) => `t.${c}`)
        .join(', ')}, p.sha256 AS pinned_sha256
       FROM template_pins p JOIN message_templates t USING (template_id, locale, version)
       WHERE p.incident_id = $1 ORDER BY t.template_id, t.locale`,
      [incidentId],
    );
    if (rows.length === 0) return null;
    return rows.map((row) => {
      const version = toVersion(row);
      if (templateHash(version.texts) !== row.pinned_sha256) {
        throw new Error(
          `template ${version.templateId} ${version.locale} v${version.version} does not match the SHA-256 ${incidentId} pinned`,
        );
      }
      return version;
    });
  }

  async #require(tx: SqlDriver, templateId: string, locale: string, version: number): Promise<TemplateVersion> {
    const [row] = await tx.query<TemplateRow>(
      `SELECT ${COLUMNS} FROM message_templates WHERE template_id = $1 AND locale = $2 AND version = $3 FOR UPDATE`,
      [templateId, locale, version],
    );
    if (row === undefined) throw new TemplateRefused('not-found', `no template ${templateId} ${locale} v${version}`);
    return toVersion(row);
  }
}

/** Throws unless `locale` is a well-formed BCP 47 tag. */
function checkLocale(locale: string): void {
  try {
    if (locale.trim() !== '' && Intl.getCanonicalLocales(locale).length === 1) return;
  } catch {
    // reported below
  }
  throw new TemplateRefused('invalid', `not a locale (BCP 47 tag, e.g. "de" or "fr-CA"): ${JSON.stringify(locale)}`);
}

function toVersion(row: TemplateRow): TemplateVersion {
  const validation = JSON.parse(row.validation) as TemplateVersion['validation'];
  return {
    templateId: row.template_id,
    locale: row.locale,
    version: toInt(row.version),
    texts: JSON.parse(row.texts) as TemplateTexts,
    sha256: row.sha256,
    state: row.state,
    author: row.author,
    ...(row.note === null ? {} : { note: row.note }),
    validation,
    ...(row.review === null ? {} : { review: JSON.parse(row.review) as TemplateReview }),
    ...(row.approver === null ? {} : { approver: row.approver }),
    ...(row.approver_role === null
      ? {}
      : { approverRole: orUndefined(row.approver_role) as TemplateVersion['approverRole'] }),
    createdAt: toIso(row.created_at),
    ...(row.submitted_at === null ? {} : { submittedAt: toIsoOrUndefined(row.submitted_at) }),
    ...(row.approved_at === null ? {} : { approvedAt: toIsoOrUndefined(row.approved_at) }),
  };
}
