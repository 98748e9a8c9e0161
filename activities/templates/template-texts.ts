/**
 * The texts of one message template in one locale: ICU MessageFormat strings, one per part of the
 * message. The SMS comes in three parts because only its middle may be shortened (sms.ts).
 */
import { sha256Hex } from '../documents/hash.ts';
import { canonicalJson } from '../store/canonical-json.ts';

/** ICU MessageFormat texts of a template in one locale. */
export interface TemplateTexts {
  /** Email subject (one line). */
  subject: string;
  /** Plain-text email body. */
  text: string;
  /** SMS start, kept whole: carries the reference. */
  smsHead: string;
  /** SMS middle, shortened at a word boundary when the SMS would be too long. */
  smsBody: string;
  /** SMS end, kept whole when it fits (instructions); may be empty. */
  smsTail: string;
}

/** The parts every template has, in the order files and diffs show them. */
export const TEMPLATE_FIELDS = [
  'subject',
  'text',
  'smsHead',
  'smsBody',
  'smsTail',
] as const satisfies readonly (keyof TemplateTexts)[];

/** SHA-256 of the texts' canonical JSON: what a pin and an audit entry name. */
export function templateHash(texts: TemplateTexts): string {
  return sha256Hex(canonicalJson(pickFields(texts)));
}

/** Only the template fields, each a string (extra keys from a file are dropped). */
export function pickFields(texts: TemplateTexts): TemplateTexts {
  const out = {} as TemplateTexts;
  for (const field of TEMPLATE_FIELDS) out[field] = texts[field];
  return out;
}
