/**
 * One-line summaries of audit-entry data for reports. Reports circulate beyond the incident team,
 * so personal contact data (emails, phone numbers, names, addresses) never appears in them.
 */

/** Keys whose values are personal data (case-insensitive), e.g. "email", "toPhone", "fullName". */
const PII_KEY = /(e-?mail|phone|mobile|msisdn|address|street|postal|zip|name$|birth|recipient$|^to$)/i;
/** camelCase / snake_case "to…" keys such as "toName", "to_number" (case-sensitive: not "total"). */
const TO_KEY = /^to([A-Z]|_)/;
/** Keys that end in "name" but carry no personal data. */
const SAFE_NAME_KEY = /^(milestone|template|file|host|type|kind|event|group|authority)name$/i;
const EMAIL_IN_TEXT = /[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+/g;
/** International-format phone numbers, e.g. "+49 30 1234567": a plus then at least 7 digits. */
const PHONE_IN_TEXT = /\+\d[\d\s().-]{5,}\d/g;

const REDACTED = '[redacted]';
const MAX_FIELDS = 8;
const MAX_VALUE = 60;
const MAX_SUMMARY = 240;

/** True when a data key names personal contact data. */
export function isPiiKey(key: string): boolean {
  return (PII_KEY.test(key) || TO_KEY.test(key)) && !SAFE_NAME_KEY.test(key);
}

/** Replaces email addresses and international phone numbers inside free text. */
export function redactContactData(text: string): string {
  return text.replace(EMAIL_IN_TEXT, REDACTED).replace(PHONE_IN_TEXT, REDACTED);
}

/**
 * Summarises audit data as "key=value, …" with nested keys dotted, PII keys redacted, long values
 * cut and at most a few fields shown. Deterministic: keys are sorted.
 */
export function summarizeAuditData(data: Readonly<Record<string, unknown>>): string {
  const fields: string[] = [];
  flatten(data, '', fields);
  const shown = fields.slice(0, MAX_FIELDS);
  if (fields.length > MAX_FIELDS) shown.push(`(+${fields.length - MAX_FIELDS} more)`);
  const summary = shown.join(', ');
  return summary.length > MAX_SUMMARY ? summary.slice(0, MAX_SUMMARY - 3) + '...' : summary;
}

function flatten(value: unknown, prefix: string, out: string[]): void {
  const keys = Object.keys(value as object).sort();
  for (const key of keys) {
    const path = prefix ? `${prefix}.${key}` : key;
    const v = (value as Record<string, unknown>)[key];
    if (isPiiKey(key)) {
      if (v !== undefined && v !== null) out.push(`${path}=${REDACTED}`);
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      flatten(v, path, out);
    } else {
      out.push(`${path}=${scalar(v)}`);
    }
  }
}

function scalar(v: unknown): string {
  if (Array.isArray(v)) {
    // Lists of plain values read fine; lists of objects (e.g. recipients) are only counted.
    const plain = v.every((x) => ['string', 'number', 'boolean'].includes(typeof x));
    return plain ? cut(redactContactData(`[${v.join(', ')}]`)) : `[${v.length} items]`;
  }
  if (typeof v === 'string') return cut(redactContactData(v.replace(/\s+/g, ' ')));
  return String(v);
}

function cut(text: string): string {
  return text.length > MAX_VALUE ? text.slice(0, MAX_VALUE - 3) + '...' : text;
}
