/** Everything the activities reach the world through; built once per worker process. */
import type { Directory } from './directory.ts';
import type { FanoutSettings } from './mass-notification/settings.ts';
import type { AttemptFailureLog } from './store/attempt-failures.ts';
import type { DeliveryStatus } from './store/delivery-status.ts';
import type { VendorAssessment } from './documents/vendor-assessment.ts';
import type { OrganisationProfile } from '../workflows/domain/organisation-profile.ts';
import type { ActorKeySet } from '../workflows/domain/actor-claim.ts';
import type { MonitorDeps } from './monitors/monitor-deps.ts';
import type { TemplatePinStore } from './templates/template-source.ts';
import type { SendSlots } from './mass-notification/send-slots.ts';
import type {
  AuditLog,
  ChatPort,
  CrmPort,
  DeliveryLedger,
  DocumentStore,
  EmailPort,
  ProviderRates,
  RecipientStore,
  SmsPort,
} from './ports.ts';

export interface ActivityDeps {
  crm: CrmPort;
  email: EmailPort;
  sms: SmsPort;
  ledger: DeliveryLedger;
  audit: AuditLog;
  documents: DocumentStore;
  recipients: RecipientStore;
  directory: Directory;
  /** Team chat webhook, when configured: the last fallback of the lockout procedure's sends. */
  chat?: ChatPort;
  /** Credential watch and customer contact snapshot, when this worker runs the monitors. */
  monitors?: MonitorDeps;
  /** Delivery states from the providers' signed callbacks (bounced, undelivered…). */
  deliveryStatus?: DeliveryStatus;
  /** Each failed provider attempt per recipient (the store's), listed by the drill report; absent: not kept. */
  attemptFailures?: AttemptFailureLog;
  /** Provider task queues and rates of mass notifications; default DEFAULT_FANOUT on this queue. */
  fanout?: FanoutSettings;
  /** Each provider account's send schedule, shared by all its senders (the store's); absent: per page. */
  rates?: ProviderRates;
  /** What mass-notification pages send through (the worker's send thread); absent: `sms` and `email`. */
  pageSends?: { sms: SmsPort; email: EmailPort };
  /** The SMS requests this worker process has in flight at once, shared by all its pages; absent: per page. */
  smsSlots?: SendSlots;
  /** Pre-approved vendor-assessment answers for the lockout's procurement track; none: sent without. */
  vendorAssessment?: VendorAssessment;
  /** The organisation's standing regulatory facts; none: no sector regime applies. */
  organisation?: OrganisationProfile;
  /** Public keys actor claims are verified with (HERALD_ACTOR_KEYS_FILE); none: no claim verifies. */
  actorKeys?: ActorKeySet;
  /** HERALD_INSECURE_UNSIGNED_ACTIONS=1 (a local sandbox): privileged actions without a claim are taken. */
  unsignedActionsAllowed?: boolean;
  /** The template registry (the store's): procedures pin its approved versions; none: the shipped texts. */
  templates?: TemplatePinStore;
}

export type { DeliverySummary } from '../workflows/domain/delivery.ts';
export { emptySummary } from '../workflows/domain/delivery.ts';
