/** The activity dependencies a store provides, for tests that pair it with in-memory providers. */
import type { ActivityDeps } from '../../activities/index.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';

export function storeDeps(
  store: HeraldStore,
): Pick<
  ActivityDeps,
  'ledger' | 'audit' | 'documents' | 'templates' | 'recipients' | 'deliveryStatus' | 'attemptFailures' | 'rates'
> {
  return {
    ledger: store.ledger,
    audit: store.audit,
    documents: store.documents,
    templates: store.templates,
    recipients: store.recipients,
    deliveryStatus: store.deliveryStatus,
    attemptFailures: store.attemptFailures,
    rates: store.rates,
  };
}
