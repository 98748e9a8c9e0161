/**
 * How many segments an SMS takes: GSM-7 text fits 160 characters in one segment and 153 in each
 * part of a concatenated one; one character outside GSM-7 turns the whole SMS into UCS-2 (70 / 67).
 */

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters GSM-7 sends with an escape: two septets each. */
const GSM7_EXTENSION = '^{}\\[~]|€\f';

/** The encoding and segment count of `text`. */
export function smsSegments(text: string): { encoding: 'GSM-7' | 'UCS-2'; units: number; segments: number } {
  let units = 0;
  for (const char of text) {
    if (GSM7_BASIC.includes(char)) units += 1;
    else if (GSM7_EXTENSION.includes(char)) units += 2;
    else return ucs2(text);
  }
  return { encoding: 'GSM-7', units, segments: units <= 160 ? 1 : Math.ceil(units / 153) };
}

function ucs2(text: string): { encoding: 'UCS-2'; units: number; segments: number } {
  const units = text.length; // UTF-16 code units, as UCS-2 counts them
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

/** Most segments one SMS of Herald's may take: SMS_MAX_CHARS (320) of GSM-7 text. */
export const SMS_SEGMENT_BUDGET = 3;
