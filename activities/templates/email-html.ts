/**
 * The HTML part of every email, laid out from its subject and plain text: the subject as the page's
 * title and only heading, the text's paragraphs (lines kept), web addresses as links that read as
 * themselves, the reader's language on `<html lang>`, dark text on white (about 17:1), no images.
 * Pure: the same message always gives the same HTML. The accessibility review judges this layout.
 */

/** What the layout needs: the rendered subject and text, and the locale of the texts. */
export interface EmailHtmlInput {
  subject: string;
  text: string;
  /** BCP 47 tag of the texts' language (the template variant's locale). */
  lang: string;
}

/** Colours chosen for contrast on white: text 17.4:1, links 6.9:1 (WCAG AA asks 4.5:1). */
const COLOURS = { text: '#1a1a1a', link: '#0b4fb3', background: '#ffffff' } as const;

const FONT = 'font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5';

/** Characters HTML gives meaning to, as entities. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The HTML document of an email. */
export function emailHtml(input: EmailHtmlInput): string {
  const lang = escapeHtml(input.lang);
  const subject = escapeHtml(input.subject.replace(/\s+/g, ' ').trim());
  const body = paragraphs(input.text)
    .map((lines) => `<p style="margin:0 0 1em 0">${lines.map(inline).join('<br>\n')}</p>`)
    .join('\n');
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}" dir="${direction(input.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${subject}</title>`,
    '</head>',
    `<body style="margin:0;padding:0;background:${COLOURS.background};color:${COLOURS.text}">`,
    `<main style="max-width:40em;margin:0 auto;padding:16px;${FONT};color:${COLOURS.text};background:${COLOURS.background}">`,
    `<h1 style="margin:0 0 1em 0;font-size:20px;line-height:1.3">${subject}</h1>`,
    body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The text's paragraphs (split at one or more blank lines), each as its lines. */
function paragraphs(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n(?:[ \t]*\n)+/)
    .map((p) =>
      p
        .replace(/^\n+|\n+$/g, '')
        .split('\n')
        .map((line) => line.trimEnd()),
    )
    .filter((lines) => lines.some((line) => line.trim() !== ''));
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

/** One line, escaped, its web addresses as links whose text is the address. */
function inline(line: string): string {
  let out = '';
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const url = match[0];
    out += escapeHtml(line.slice(last, match.index));
    out += `<a href="${escapeHtml(url)}" style="color:${COLOURS.link};text-decoration:underline">${escapeHtml(url)}</a>`;
    last = match.index + url.length;
  }
  return out + escapeHtml(line.slice(last));
}

/** Right to left for Arabic, Hebrew and the like; left to right otherwise or when unknown. */
function direction(lang: string): 'ltr' | 'rtl' {
  try {
    const locale = new Intl.Locale(lang) as Intl.Locale & { getTextInfo?: () => { direction?: string } };
    return locale.getTextInfo?.().direction === 'rtl' ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}
