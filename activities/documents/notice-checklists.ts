/**
 * The reports' "What each notice must contain" section: for every legal clock, the elements its
 * provision requires (workflows/domain/regulatory/notice-content.ts), which of them Herald's facts
 * fill, and what the operator must still supply before filing.
 */
import type { LegalClock } from '../../workflows/domain/status.ts';
import { noticeChecklist } from '../../workflows/domain/regulatory/notice-content.ts';
import type { NoticeFact } from '../../workflows/domain/regulatory/notice-content.ts';
import { oneLine } from './format.ts';

export function noticeChecklistSection(
  clocks: readonly LegalClock[] | undefined,
  known: readonly NoticeFact[],
): string {
  if (clocks === undefined || clocks.length === 0) return '';
  const facts = new Set(known);
  const lines = ['## What each notice must contain', ''];
  for (const clock of clocks) {
    const items = noticeChecklist(clock.id, facts);
    const name = `**${oneLine(clock.title)}** (\`${clock.id}\`)`;
    if (items === undefined) {
      lines.push(`- ${name}: Herald lists no elements for this duty; see ${oneLine(clock.source)}`);
      continue;
    }
    const filled = items.filter((i) => i.state === 'filled').length;
    const owed = items.filter((i) => i.state === 'operator').map((i) => `${i.element} (${i.provision})`);
    lines.push(
      `- ${name}: ${filled} of ${items.length} elements from Herald's facts` +
        (owed.length > 0 ? `; the operator supplies: ${owed.join('; ')}` : '; nothing left to supply'),
    );
  }
  return lines.join('\n');
}
