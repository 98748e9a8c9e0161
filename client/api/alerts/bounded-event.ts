/**
 * Text from an incident tool is bounded by shortening it, never by refusing the trigger: a 300-character
 * PagerDuty title must still start the procedure. Whatever is shortened is said three times: in the
 * answer to the tool (`truncated`), in the procedure's description (its input, in Temporal's
 * history), and in the trigger kept in the store (the body as it arrived).
 */
import { dataLeakIncidentSchema } from '../../../workflows/domain/incident.ts';
import { lockoutIncidentSchema } from '../../../workflows/domain/lockout.ts';
import { resolveSchema } from '../../../workflows/domain/lockout-actions.ts';
import type { AlertEvent } from './alert-event.ts';

/** The tightest limit either procedure puts on a field (both take the same today). */
const limit = (...maxima: (number | null)[]): number => Math.min(...maxima.map((m) => m ?? Infinity));
export const TEXT_LIMITS = {
  title: limit(dataLeakIncidentSchema.shape.title.maxLength, lockoutIncidentSchema.shape.title.maxLength),
  description: limit(
    dataLeakIncidentSchema.shape.description.maxLength,
    lockoutIncidentSchema.shape.description.maxLength,
  ),
  note: limit(resolveSchema.shape.rootCause.maxLength),
} as const;

const ELLIPSIS = '…';

/** `text` cut to `max` characters (an ellipsis last), and how long it was; whole code points only. */
export function shorten(text: string, max: number): { text: string; from?: number } {
  const chars = [...text];
  if (chars.length <= max) return { text };
  return { text: chars.slice(0, max - 1).join('') + ELLIPSIS, from: chars.length };
}

/**
 * The event with title, description and note within the procedures' limits, and one line per
 * shortened field for the answer. A shortened title is kept whole in the description, as far as
 * the description's own limit allows.
 */
export function boundEvent(event: AlertEvent): { event: AlertEvent; truncated: string[] } {
  const truncated: string[] = [];
  const title = shorten(event.title.trim() || `${event.source} incident ${event.externalId}`, TEXT_LIMITS.title);
  let description = event.description.trim() || title.text;
  if (title.from !== undefined) {
    truncated.push(`title: ${title.from} → ${TEXT_LIMITS.title} characters`);
    description += `\n\n[Herald shortened the title from ${title.from} to ${TEXT_LIMITS.title} characters. Full title: ${event.title}]`;
  }
  const marker = (from: number) => ` [Herald shortened this description from ${from} characters]`;
  const longest = [...description].length;
  const body = shorten(description, TEXT_LIMITS.description - [...marker(longest)].length);
  if (body.from !== undefined) truncated.push(`description: ${body.from} → ${TEXT_LIMITS.description} characters`);
  const note = event.note === undefined ? undefined : shorten(event.note, TEXT_LIMITS.note);
  if (note?.from !== undefined) truncated.push(`note: ${note.from} → ${TEXT_LIMITS.note} characters`);
  return {
    event: {
      ...event,
      title: title.text,
      description: body.from === undefined ? description : body.text + marker(body.from),
      ...(note ? { note: note.text } : {}),
    },
    truncated,
  };
}
