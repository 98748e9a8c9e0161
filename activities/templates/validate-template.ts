/**
 * Checks a proposed template before it can be reviewed: every part parses as ICU MessageFormat,
 * uses only the parameters its message type has, renders with the sample parameters, and its SMS
 * stays within the segment budget.
 */
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { TEMPLATE_IDS } from '../documents/message-types.ts';
import type { TemplateId } from '../documents/message-types.ts';
import { SMS_MAX_CHARS } from '../documents/sms.ts';
import { SMS_SEGMENT_BUDGET, smsSegments } from '../documents/sms-segments.ts';
import { renderParts } from './render-template.ts';
import { oneLine } from '../documents/format.ts';
import { SAMPLE_PARAMS } from './sample-params.ts';
import { templateArguments } from './template-arguments.ts';
import { TEMPLATE_FIELDS } from './template-texts.ts';
import type { TemplateTexts } from './template-texts.ts';

/** What validation found: no problems means valid. */
export interface TemplateValidation {
  problems: string[];
  /** The SMS rendered with the sample parameters, before shortening: its length and segments. */
  sms?: { chars: number; encoding: 'GSM-7' | 'UCS-2'; segments: number };
}

/** Herald's message types, one template each (for the client, which reads only the template rules). */
export { TEMPLATE_IDS };

/** The SMS budget in words, as validation and the review name it. */
export const SMS_BUDGET = `${SMS_MAX_CHARS} characters in ${SMS_SEGMENT_BUDGET} segments`;

/** True when `id` names one of Herald's message types. */
export function isTemplateId(id: string): id is TemplateId {
  return (TEMPLATE_IDS as readonly string[]).includes(id);
}

/** The parameter names `templateId`'s templates may use, sorted. */
export function allowedParameters(templateId: TemplateId, locale = 'en'): string[] {
  // Every builder sets all of its names, whatever the values: the sample's keys are the list.
  return Object.keys(templateArguments(templateId, SAMPLE_PARAMS[templateId], { locale })).sort();
}

/** Validates `texts` as the `locale` variant of `templateId`. */
export function validateTemplate(templateId: TemplateId, locale: string, texts: TemplateTexts): TemplateValidation {
  const problems: string[] = [];
  const allowed = new Set(allowedParameters(templateId, locale));
  for (const field of TEMPLATE_FIELDS) {
    const source = texts[field] as unknown;
    if (typeof source !== 'string') {
      problems.push(`${field}: missing (every template has ${TEMPLATE_FIELDS.join(', ')})`);
      continue;
    }
    let ast: MessageFormatElement[];
    try {
      ast = parse(source, { ignoreTag: true });
    } catch (error) {
      problems.push(`${field}: not ICU MessageFormat (${(error as Error).message})`);
      continue;
    }
    for (const name of usedParameters(ast)) {
      if (!allowed.has(name)) {
        problems.push(
          `${field}: uses {${name}}, which ${templateId} does not have (it has: ${[...allowed].join(', ')})`,
        );
      }
    }
  }
  if (texts.subject?.includes('\n')) problems.push('subject: must be one line');
  if (problems.length > 0) return { problems };

  let full: string;
  try {
    const parts = renderParts(templateId, texts, locale, locale, SAMPLE_PARAMS[templateId]);
    // The whole SMS before any shortening: what the budget is about.
    full = [parts.smsHead, parts.smsBody, parts.smsTail]
      .map(oneLine)
      .filter((x) => x.length > 0)
      .join(' ');
  } catch (error) {
    return { problems: [`does not render with the sample parameters: ${(error as Error).message}`] };
  }
  const segments = smsSegments(full);
  const sms = { chars: full.length, encoding: segments.encoding, segments: segments.segments };
  if (segments.encoding !== 'GSM-7') {
    problems.push('sms: uses characters outside GSM-7, which cuts each segment to 67 characters; use GSM-7 letters');
  }
  if (full.length > SMS_MAX_CHARS || segments.segments > SMS_SEGMENT_BUDGET) {
    problems.push(
      `sms: ${full.length} characters (${segments.segments} segments) with the sample parameters; ` +
        `the budget is ${SMS_BUDGET}`,
    );
  }
  return { problems, sms };
}

/** Every argument name an ICU message refers to, at any depth. */
export function usedParameters(ast: readonly MessageFormatElement[]): Set<string> {
  const names = new Set<string>();
  const walk = (elements: readonly MessageFormatElement[]): void => {
    for (const element of elements) {
      switch (element.type) {
        case TYPE.argument:
        case TYPE.number:
        case TYPE.date:
        case TYPE.time:
          names.add(element.value);
          break;
        case TYPE.select:
        case TYPE.plural:
          names.add(element.value);
          for (const option of Object.values(element.options)) walk(option.value);
          break;
        case TYPE.tag:
          walk(element.children);
          break;
        default:
          break;
      }
    }
  };
  walk(ast);
  return names;
}
