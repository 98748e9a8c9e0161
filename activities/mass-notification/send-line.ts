/**
 * The line a page's sends stand in: `limit` lanes each take the next person as soon as they are
 * free. A send that failed does not hold its lane while it waits to go again: the person goes back
 * in line with their own not-before time (and whatever their retries carry), and the lane takes the
 * next one. Retries that are due go before people not tried yet, so stragglers settle (and the
 * page's cursor moves past them) as early as they may.
 */
import type { ClaimKeeper } from '../fencing/claim-keeper.ts';

/** An attempt that did not settle its person: again no sooner than `notBeforeMs` (performance.now()). */
export interface Again<S> {
  again: S;
  notBeforeMs: number;
}

interface Waiting<S> {
  index: number;
  state: S;
  notBeforeMs: number;
}

/**
 * Runs `attempt(i, state)` for every i in 0..count-1 (state: undefined the first time, then what
 * the last attempt handed back) until each one settles, on at most `limit` lanes. A lane with
 * nothing due waits (heartbeating, cancellable) for the earliest retry. Nobody new is taken once
 * `keeper` stopped; the first failure rejects after every lane settled.
 */
export async function inLine<S>(
  count: number,
  limit: number,
  keeper: Pick<ClaimKeeper, 'stopped' | 'waits'>,
  attempt: (i: number, state: S | undefined) => Promise<Again<S> | undefined>,
): Promise<void> {
  let next = 0;
  const waiting: Waiting<S>[] = [];
  // Provider SDKs and adapters throw Error instances.
  let firstError: Error | undefined;
  const earliest = (): Waiting<S> | undefined =>
    waiting.reduce<Waiting<S> | undefined>(
      (a, b) => (a === undefined || b.notBeforeMs < a.notBeforeMs ? b : a),
      undefined,
    );
  const lane = async (): Promise<void> => {
    while (firstError === undefined && !keeper.stopped) {
      const due = earliest();
      const now = performance.now();
      let index: number;
      let state: S | undefined;
      if (due && due.notBeforeMs <= now) {
        waiting.splice(waiting.indexOf(due), 1);
        ({ index, state } = due);
      } else if (next < count) {
        index = next++;
      } else if (due) {
        await keeper.waits.wait(due.notBeforeMs - now);
        continue;
      } else {
        return;
      }
      const again = await attempt(index, state);
      if (again) waiting.push({ index, state: again.again, notBeforeMs: again.notBeforeMs });
    }
  };
  const lanes = Array.from({ length: Math.min(limit, count) }, () =>
    lane().catch((err: unknown) => {
      firstError ??= err as Error;
    }),
  );
  await Promise.all(lanes);
  if (firstError !== undefined) throw firstError;
  // Stopped between people without an error of its own: say why.
  keeper.waits.throwIfCancelled();
}
