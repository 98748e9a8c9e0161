/**
 * CSV as Salesforce's Bulk API 2.0 writes query results (RFC 4180): a header row of field names,
 * every value in double quotes with inner quotes doubled (so commas, quotes and line breaks inside a
 * value survive), a null as an empty field, records separated by LF or CRLF.
 */

/** Bulk API 2.0 `columnDelimiter` values and the character each stands for. */
export const COLUMN_DELIMITERS = {
  BACKQUOTE: '`',
  CARET: '^',
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  TAB: '\t',
} as const;
export type ColumnDelimiter = keyof typeof COLUMN_DELIMITERS;

/** Bulk API 2.0 `lineEnding` values. */
export const LINE_ENDINGS = { LF: '\n', CRLF: '\r\n' } as const;
export type LineEnding = keyof typeof LINE_ENDINGS;

const quote = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/** One value as text: null and undefined are empty, booleans and numbers as Salesforce prints them. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return quote(String(value));
  return quote(JSON.stringify(value));
}

/** The CSV text of `records` (header first), reading `fields` from each in that order. */
export function toCsv(
  fields: readonly string[],
  records: readonly Record<string, unknown>[],
  options: { delimiter?: ColumnDelimiter; lineEnding?: LineEnding } = {},
): string {
  const separator = COLUMN_DELIMITERS[options.delimiter ?? 'COMMA'];
  const eol = LINE_ENDINGS[options.lineEnding ?? 'LF'];
  const lines = [
    fields.map(quote).join(separator),
    ...records.map((r) => fields.map((f) => cell(r[f])).join(separator)),
  ];
  return lines.map((line) => line + eol).join('');
}
