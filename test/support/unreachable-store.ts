/**
 * A store that can go unreachable: every port the store backs (ledger, audit, documents,
 * recipients, delivery status, failed attempts) refuses each call while `down` is set, as PostgreSQL behind a
 * dropped connection would, and answers normally again once it is cleared.
 */
import type { ActivityDeps } from '../../activities/index.ts';

export interface UnreachableStore {
  down: boolean;
  /** The worker's dependencies with the store's ports behind the switch. */
  deps: (deps: ActivityDeps) => ActivityDeps;
}

export function unreachableStore(down = true): UnreachableStore {
  const store: UnreachableStore = {
    down,
    deps: (deps) => ({
      ...deps,
      ledger: refusingWhileDown(deps.ledger),
      audit: refusingWhileDown(deps.audit),
      documents: refusingWhileDown(deps.documents),
      recipients: refusingWhileDown(deps.recipients),
      ...(deps.deliveryStatus ? { deliveryStatus: refusingWhileDown(deps.deliveryStatus) } : {}),
      ...(deps.attemptFailures ? { attemptFailures: refusingWhileDown(deps.attemptFailures) } : {}),
    }),
  };
  function refusingWhileDown<T extends object>(target: T): T {
    return new Proxy(target, {
      get(t, prop, receiver) {
        const value: unknown = Reflect.get(t, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) =>
          store.down
            ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432 (the store is unreachable)'))
            : (value as (...a: unknown[]) => unknown).apply(t, args);
      },
    });
  }
  return store;
}
