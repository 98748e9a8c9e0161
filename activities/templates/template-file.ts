/**
 * A template version as a file for review in a pull request: one file per template and locale,
 * each part under its own `--- <part>` line, so a change reads as a plain line diff.
 */
import { TEMPLATE_FIELDS } from './template-texts.ts';
import type { TemplateTexts } from './template-texts.ts';

/** The file's path under an export directory. */
export const templateFilePath = (templateId: string, locale: string): string => `${templateId}/${locale}.icu`;

/** What a file says. */
export interface TemplateFile {
  templateId: string;
  locale: string;
  /** The version it was exported from (informational: an import proposes a new one). */
  version?: number;
  texts: TemplateTexts;
}

const SEPARATOR = /^--- (subject|text|smsHead|smsBody|smsTail)$/;

/** Writes `file`: a header comment, then each part after its separator line. */
export function formatTemplateFile(file: TemplateFile & { sha256?: string; state?: string }): string {
  const head = `# Herald message template ${file.templateId} ${file.locale}${file.version ? ` v${file.version}` : ''}${file.state ? ` (${file.state})` : ''}${file.sha256 ? ` sha256 ${file.sha256}` : ''}\n`;
  const parts = TEMPLATE_FIELDS.map((field) => {
    const value = file.texts[field];
    if (value.split('\n').some((line) => SEPARATOR.test(line))) {
      throw new Error(`${file.templateId} ${file.locale}: ${field} has a line that reads as a part separator`);
    }
    // Each part ends with one newline of its own; a part that ends with a newline shows a blank line.
    return `--- ${field}\n${value}\n`;
  });
  return head + parts.join('');
}

/** Reads a file written by {@link formatTemplateFile}; throws naming what is wrong. */
export function parseTemplateFile(content: string, where: string): TemplateFile {
  // The file's final newline ends the last part's own one.
  const lines = content.replace(/\n$/, '').split('\n');
  const header = /^# Herald message template (\S+) (\S+)(?: v(\d+))?/.exec(lines[0] ?? '');
  if (!header) throw new Error(`${where}: the first line must be "# Herald message template <id> <locale>"`);
  const texts: Partial<Record<string, string[]>> = {};
  let current: string[] | undefined;
  for (const line of lines.slice(1)) {
    const separator = SEPARATOR.exec(line);
    if (separator) {
      if (texts[separator[1]!] !== undefined) throw new Error(`${where}: part ${separator[1]} appears twice`);
      current = texts[separator[1]!] = [];
    } else if (current) current.push(line);
    else if (line.trim() !== '') throw new Error(`${where}: text before the first "--- <part>" line`);
  }
  const out = {} as TemplateTexts;
  for (const field of TEMPLATE_FIELDS) {
    const body = texts[field];
    if (body === undefined) throw new Error(`${where}: no "--- ${field}" part`);
    out[field] = body.join('\n');
  }
  return {
    templateId: header[1]!,
    locale: header[2]!,
    ...(header[3] ? { version: Number(header[3]) } : {}),
    texts: out,
  };
}
