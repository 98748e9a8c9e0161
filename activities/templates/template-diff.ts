/** Differences between two versions of a template, as a unified diff per part (the `diff` package). */
import { createTwoFilesPatch } from 'diff';
import { TEMPLATE_FIELDS } from './template-texts.ts';
import type { TemplateVersion } from './template-lifecycle.ts';

/** A unified diff of `from` → `to`, one section per changed part; empty when the texts are equal. */
export function diffTemplateVersions(from: TemplateVersion, to: TemplateVersion): string {
  const name = (v: TemplateVersion, field: string): string => `${v.templateId}/${v.locale}/v${v.version}/${field}`;
  const sections: string[] = [];
  for (const field of TEMPLATE_FIELDS) {
    const before = withNewline(from.texts[field]);
    const after = withNewline(to.texts[field]);
    if (before === after) continue;
    sections.push(
      createTwoFilesPatch(name(from, field), name(to, field), before, after, undefined, undefined, { context: 3 }),
    );
  }
  return sections.join('');
}

// Each part as lines ending in a newline, so a one-line subject diffs without "no newline" noise.
function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
