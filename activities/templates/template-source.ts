/**
 * Where messages take their texts from: a procedure's, the versions it pinned at its start, or, for
 * a procedure begun before pinning existed, Herald's shipped texts (today's behaviour); a message
 * of no procedure the versions approved when it is sent. Each rendered message names the variant
 * it came from (TemplateUse), for its audit entry.
 */
import type { TemplatePins, TemplateUse } from '../../workflows/domain/template-pins.ts';
import { TEMPLATE_IDS } from '../documents/message-types.ts';
import type { RenderedMessage, TemplateId, TemplateParams } from '../documents/message-types.ts';
import { renderTemplate } from './render-template.ts';
import { SEED_TEMPLATES } from './seed/seed-templates.ts';
import type { TemplateVersion } from './template-lifecycle.ts';
import { templateHash } from './template-texts.ts';
import type { TemplateTexts } from './template-texts.ts';

/** The registry as the activities use it: pin at a procedure's start, read the pinned or the approved texts. */
export interface TemplatePinStore {
  pin(incidentId: string, now: string): Promise<TemplatePins>;
  pinnedVersions(incidentId: string): Promise<TemplateVersion[] | null>;
  approved(templateId: TemplateId): Promise<TemplateVersion[]>;
}

/** What a source's versions are: a procedure's pins, Herald's shipped texts, or those approved now. */
export type TemplateOrigin = 'pinned' | 'shipped' | 'approved-at-send';

interface Variant {
  texts: TemplateTexts;
  version: number;
  sha256: string;
}
type Variants = Partial<Record<TemplateId, Record<string, Variant>>>;

/** Renders messages from one set of template variants. */
export class TemplateSource {
  readonly #variants: Variants;
  readonly #origin: TemplateOrigin;

  constructor(variants: Variants, origin: TemplateOrigin) {
    this.#variants = variants;
    this.#origin = origin;
  }

  /** Renders `templateId` for `locale` (unknown or absent → English; the message says which). */
  render<T extends TemplateId>(templateId: T, locale: string | undefined, params: TemplateParams[T]): RenderedMessage {
    // A template id newer than the pins (added to Herald since) renders from the shipped texts.
    const own = this.#variants[templateId];
    if (own === undefined && this !== BUILT_IN_TEMPLATES) {
      const shipped = BUILT_IN_TEMPLATES.render(templateId, locale, params);
      if (this.#origin !== 'pinned' || shipped.template === undefined) return shipped;
      return { ...shipped, template: { ...shipped.template, unpinned: 'added-after-pinning' } };
    }
    const variants: Record<string, Variant> = own ?? {};
    const texts = Object.fromEntries(Object.entries(variants).map(([tag, v]) => [tag, v.texts]));
    const rendering = renderTemplate(templateId, texts, locale, params);
    const used = variants[rendering.locale]!;
    const template: TemplateUse = {
      templateId,
      locale: rendering.locale,
      ...(locale !== undefined ? { requestedLocale: locale } : {}),
      version: used.version,
      sha256: used.sha256,
      fellBackToEnglish: rendering.fellBack,
      pinned: this.#origin === 'pinned',
      ...(this.#origin === 'approved-at-send' ? { unpinned: this.#origin } : {}),
    };
    return { ...rendering.message, template };
  }
}

/** Herald's shipped texts: version 1 of each template in the registry. */
export const BUILT_IN_TEMPLATES = new TemplateSource(
  Object.fromEntries(
    TEMPLATE_IDS.map((id) => [
      id,
      Object.fromEntries(
        Object.entries(SEED_TEMPLATES[id]).map(([tag, texts]) => [
          tag,
          { texts, version: 1, sha256: templateHash(texts) },
        ]),
      ),
    ]),
  ),
  'shipped',
);

/** Pinned sources per registry and incident: pins never change, so one read serves a whole fan-out. */
const cache = new WeakMap<TemplatePinStore, Map<string, TemplateSource>>();
const CACHE_LIMIT = 1000;

/** The texts `incidentId`'s procedure pinned; the shipped texts when it pinned none or there is no registry. */
export async function templatesFor(
  store: TemplatePinStore | undefined,
  incidentId: string,
  pinFirst = false,
): Promise<TemplateSource> {
  if (store === undefined) return BUILT_IN_TEMPLATES;
  if (pinFirst) await pinBesideProcedure(store, incidentId);
  let perStore = cache.get(store);
  const hit = perStore?.get(incidentId);
  if (hit !== undefined) return hit;
  const versions = await store.pinnedVersions(incidentId);
  if (versions === null) return BUILT_IN_TEMPLATES;
  const source = new TemplateSource(variantsOf(versions), 'pinned');
  if (perStore === undefined) cache.set(store, (perStore = new Map<string, TemplateSource>()));
  if (perStore.size >= CACHE_LIMIT) perStore.clear();
  perStore.set(incidentId, source);
  return source;
}

/**
 * For a message of no procedure (nothing pins it): the versions of `templateIds` approved now, each
 * checked against its stored SHA-256; the shipped texts when there is no registry.
 */
export async function approvedTemplates(
  store: TemplatePinStore | undefined,
  templateIds: readonly TemplateId[],
): Promise<TemplateSource> {
  if (store === undefined) return BUILT_IN_TEMPLATES;
  const versions = (await Promise.all(templateIds.map((id) => store.approved(id)))).flat();
  for (const v of versions) {
    if (templateHash(v.texts) !== v.sha256) {
      throw new Error(`template ${v.templateId} ${v.locale} v${v.version} does not match its SHA-256 ${v.sha256}`);
    }
  }
  return new TemplateSource(variantsOf(versions), 'approved-at-send');
}

function variantsOf(versions: readonly TemplateVersion[]): Variants {
  const variants: Variants = {};
  for (const v of versions) {
    (variants[v.templateId as TemplateId] ??= {})[v.locale] = { texts: v.texts, version: v.version, sha256: v.sha256 };
  }
  return variants;
}

/**
 * A first page pins its procedure's templates itself, rather than wait for the procedure's own
 * pinning (workflows/procedure/template-pins.ts): both pin the same versions, whichever is first.
 * A failure here is the procedure's to report (its pinning audits `templates.unpinned`); the page
 * then renders what the store holds for it, the shipped texts when nothing is pinned.
 */
async function pinBesideProcedure(store: TemplatePinStore, incidentId: string): Promise<void> {
  try {
    await store.pin(incidentId, new Date().toISOString());
  } catch {
    // The procedure's own pinning audits the failure.
  }
}
