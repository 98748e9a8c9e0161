/**
 * The filings a procedure still waits for: its pending legal clocks that an operator meets by
 * recording a filing (Herald does not reach those regulators itself). For scripted operators — the
 * demo, the chaos and end-to-end runs — that file them as a compliance officer would.
 */
import type { LegalClock } from '../workflows/domain/status.ts';

export function openFilings(clocks: readonly LegalClock[] | undefined): LegalClock[] {
  return (clocks ?? []).filter(
    (c) => c.state === 'pending' && c.meansOfMeeting === 'operator-files' && c.dueAt !== null && c.inForce,
  );
}

/** Records one filing per open clock through `record` (an Update of the procedure); returns their ids. */
export async function fileOpenClocks(
  clocks: readonly LegalClock[] | undefined,
  record: (filing: { clockId: string; at: string; reference: string; filedBy: string }) => Promise<unknown>,
  filedBy: string,
  referencePrefix = 'FILING',
): Promise<string[]> {
  const open = openFilings(clocks);
  for (const clock of open) {
    await record({
      clockId: clock.id,
      at: new Date().toISOString(),
      reference: `${referencePrefix}-${clock.id}`,
      filedBy,
    });
  }
  return open.map((c) => c.id);
}
