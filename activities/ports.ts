/**
 * Narrow ports between Herald's activities and the outside world. Adapters under providers/ and
 * store/ implement them over vendor SDKs and SQL; tests inject their own implementations.
 */
import type { AffectedPerson, Channel, LedgerChannel } from '../workflows/domain/contacts.ts';
import type { CrmScope } from '../workflows/domain/incident.ts';
import type { AuditHead } from '../workflows/domain/status.ts';

/** What a provider said when it accepted a message. */
export interface SendReceipt {
  providerMessageId: string;
  /** ISO instant. */
  acceptedAt: string;
}

export interface EmailMessage {
  to: string;
  toName?: string;
  subject: string;
  /** The plain-text part. */
  text: string;
  /** The HTML part (email-html.ts), sent beside the plain text; absent: plain text only. */
  html?: string;
  /** Travels with the message (SendGrid custom_args) so callbacks and lookups can find it. */
  deliveryKey: string;
  /** Documents sent with the message (e.g. the pre-approved vendor-assessment answers). */
  attachments?: EmailAttachment[];
}

/**
 * One message to many recipients in one provider request. Each recipient's `substitutions` replace
 * literal tokens in subject and text (e.g. the greeting's name), so the body is rendered once.
 */
export interface EmailBatch {
  subject: string;
  /** The plain-text part. */
  text: string;
  /** The HTML part (email-html.ts); substitutions apply to it too, so its tokens take HTML-safe values. */
  html?: string;
  /** Travels with every message of the batch, so one lookup finds them all after an ambiguous send. */
  batchKey: string;
  recipients: BatchRecipient[];
}

export interface BatchRecipient {
  to: string;
  toName?: string;
  deliveryKey: string;
  substitutions?: Record<string, string>;
}

/** An earlier batch send found at the provider: the receipt per recipient address (lower case). */
export type FoundBatch = Record<string, SendReceipt>;

/** A text document attached to an email. */
export interface EmailAttachment {
  filename: string;
  /** MIME type, e.g. "text/markdown". */
  contentType: string;
  /** The document itself (UTF-8 text). */
  content: string;
}

export interface SmsMessage {
  to: string;
  body: string;
  deliveryKey: string;
}

/**
 * Errors: adapters throw `ApplicationFailure.nonRetryable(msg, 'InvalidRecipient')` for a recipient
 * the provider refuses permanently, an ApplicationFailure with `nextRetryDelay` for rate limits, and
 * rethrow anything transient.
 */
export interface EmailPort {
  send(message: EmailMessage): Promise<SendReceipt>;
  /** Finds a message this key already produced (reconciling an ambiguous send); null if none. */
  findSent(deliveryKey: string, to: string, since: string): Promise<SendReceipt | null>;
  /** Sends one batch as one provider request (at most EMAIL_BATCH_LIMIT recipients). */
  sendBatch(batch: EmailBatch): Promise<SendReceipt>;
  /** The messages an earlier request with this batch key produced, accepted at or after `since`. */
  findSentBatch(batchKey: string, since: string): Promise<FoundBatch>;
}

/** SendGrid takes at most 1,000 personalizations per mail/send request. */
export const EMAIL_BATCH_LIMIT = 1000;

/** A team chat incoming webhook (Slack/Teams style): the last fallback when email and SMS keep failing. */
export interface ChatPort {
  post(message: { text: string; deliveryKey: string }): Promise<SendReceipt>;
  /**
   * Whether a failed post certainly posted nothing (the webhook answered with an error, or refused
   * the connection). A webhook cannot be asked afterwards whether it took a post, so any other
   * failure (a time-out, a reset after sending) counts as maybe posted, and is not posted again.
   */
  sentNothing?(err: unknown): boolean;
}

export interface SmsPort {
  send(message: SmsMessage): Promise<SendReceipt>;
  /** Finds an SMS to `to` with exactly `body` accepted at or after `since`; null if none. */
  findSent(deliveryKey: string, to: string, since: string, body: string): Promise<SendReceipt | null>;
}

export interface CrmPage {
  /** May be empty before the last page (a Bulk API job still running): call again with the cursor. */
  people: AffectedPerson[];
  /** Opaque cursor for the next page; absent on the last page. */
  nextCursor?: string;
}

export interface CrmPort {
  /** One page of the people in scope, in a stable order. */
  findAffectedPeople(scope: CrmScope, cursor?: string): Promise<CrmPage>;
}

/** Identity of one send: the same key is never sent twice. */
export interface DeliveryKey {
  incidentId: string;
  /** Milestone id, with an escalation level where one applies (e.g. "ops-alert:L1"). */
  milestone: string;
  recipientId: string;
  channel: LedgerChannel;
}

/** The recipients of one milestone on one channel: the unit of a batched send. */
export type DeliveryGroup = Omit<DeliveryKey, 'recipientId'>;

/** A provider's receipt for one recipient of a batch. */
export interface RecipientReceipt extends SendReceipt {
  recipientId: string;
}

export type LedgerState = 'reserved' | 'sent' | 'failed';

export interface LedgerEntry {
  key: DeliveryKey;
  state: LedgerState;
  reservedAt: string;
  attempts: number;
  providerMessageId?: string;
  acceptedAt?: string;
  error?: string;
}

/**
 * Who may send a delivery key now: one execution of one activity attempt, for a lease. A later
 * attempt of the same activity (`lineage`) fences every earlier one out the moment it claims
 * anything; any other claimant waits until the lease runs out or its holder releases it.
 */
export interface LedgerClaim {
  /** Unique to this execution: a retried attempt (or an attempt run twice) gets a new one. */
  token: string;
  /** The activity the attempts belong to: workflow id, run id and activity id. */
  lineage: string;
  /** Temporal's attempt number: a higher one supersedes a lower one of the same lineage. */
  attempt: number;
  /** How long a claim holds without renewal. */
  leaseMs: number;
}

/** One recipient's answer to a claim. */
export interface ClaimedEntry {
  /** The entry as it stood before (null when new); 'reserved' means an earlier attempt may have sent it. */
  previous: LedgerEntry | null;
  /**
   * `claimed`: this claim holds it, and may call the provider after `waitMs` (an earlier attempt
   * of the same activity may have a call in flight until then). `final`: sent or failed already.
   * `held`: another live claim holds it for `waitMs` more; not claimed.
   */
  status: 'claimed' | 'final' | 'held';
  waitMs: number;
}

/** Refused: a later attempt of the claim's activity has claimed since. */
export interface FencedOut {
  fencedBy: number;
}

export type ClaimResult = { entries: ClaimedEntry[] } | FencedOut;
/** `lost`: keys the claim no longer holds (taken over after its lease ran out). */
export type RenewResult = { lost: string[] } | FencedOut;

/** A provider account's send schedule, shared by every sender of the account (store/provider-rates.ts). */
export interface ProviderRates {
  /** Reserves the account's next `slots` send slots `intervalMs` apart; resolves to the wait before the first. */
  reserve(account: string, slots: number, intervalMs: number): Promise<number>;
  /** No slot of the account begins within the next `forMs` (a provider's rate-limit reset). */
  pause(account: string, forMs: number): Promise<void>;
}

export interface DeliveryLedger {
  /**
   * Reserves the key before a provider call. Returns the entry as it stood before this call
   * (null when the key is new); an existing 'reserved' entry means an earlier attempt may have
   * reached the provider and must be reconciled before any resend. Increments `attempts`.
   */
  reserve(key: DeliveryKey): Promise<LedgerEntry | null>;
  confirm(key: DeliveryKey, receipt: SendReceipt): Promise<void>;
  fail(key: DeliveryKey, error: string): Promise<void>;
  get(key: DeliveryKey): Promise<LedgerEntry | null>;
  /**
   * Claims many recipients of one group in one transaction, entries in the order given; a new key
   * is reserved, a reserved one taken over when its holder released it, its lease ran out, or it
   * was an earlier attempt of the same activity. Increments `attempts` when the holder changes.
   */
  claimBatch(group: DeliveryGroup, recipientIds: readonly string[], claim: LedgerClaim): Promise<ClaimResult>;
  /** Extends the claim on keys it holds, and says which it lost; refused once fenced out. */
  renewClaims(group: DeliveryGroup, claim: LedgerClaim, recipientIds: readonly string[]): Promise<RenewResult>;
  /**
   * Ends a claim after its last provider call: `unsent` keys it created and never sent are
   * dropped, its other unsettled keys are left reserved for the next claimant to reconcile at once,
   * except `waiting.ids` (taken over from an earlier attempt whose send may still be in flight, and
   * left alone): those stay held `waiting.forMs` more, until the earlier attempt's lease ends.
   */
  releaseClaims(
    group: DeliveryGroup,
    claim: LedgerClaim,
    keys: {
      unsent: readonly string[];
      unsettled: readonly string[];
      waiting?: { ids: readonly string[]; forMs: number };
    },
  ): Promise<void>;
  /**
   * Records receipts; with `claim`, only for keys it still holds. Returns the recipients refused
   * (held by another claim): their outcome is for the holder to reconcile.
   */
  confirmBatch(group: DeliveryGroup, receipts: readonly RecipientReceipt[], claim?: LedgerClaim): Promise<string[]>;
  /** Records refusals; with `claim`, only for keys it still holds. Returns the recipients refused. */
  failBatch(
    group: DeliveryGroup,
    failures: readonly { recipientId: string; error: string }[],
    claim?: LedgerClaim,
  ): Promise<string[]>;
  getBatch(group: DeliveryGroup, recipientIds: readonly string[]): Promise<(LedgerEntry | null)[]>;
  /** Recipients of a milestone with a message on at least one channel. */
  countReached(incidentId: string, milestone: string): Promise<number>;
  /** Keys of a milestone the provider refused at send ('failed'). */
  listFailed(incidentId: string, milestone: string): Promise<DeliveryKey[]>;
  /** Counts per channel and state for one incident. */
  summarize(incidentId: string): Promise<Record<Channel, Record<LedgerState, number>>>;
}

export interface AuditEntryInput {
  /** Idempotency key: an activity retried with the same id appends nothing new. */
  entryId: string;
  incidentId: string;
  /** Dotted event type, e.g. "milestone.met", "operator.approve", "delivery.sent". */
  type: string;
  /** Who caused it: an operator id, or "herald" for the procedure itself. */
  actor: string;
  /** ISO instant the event happened (workflow time for workflow events). */
  at: string;
  data: Record<string, unknown>;
}

export interface AuditEntry extends AuditEntryInput {
  seq: number;
  prevHash: string;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** First problem found, naming the sequence number. */
  problem?: string;
}

/** A head of the chain recorded outside the database (an anchor line, a procedure's history). */
export interface RecordedHead extends AuditHead {
  /** When it was recorded. */
  at: string;
  /** Where it is recorded, for messages (`file:line`, `workflow <id>`). */
  where: string;
}

export interface AuditLog {
  append(entry: AuditEntryInput): Promise<AuditEntry>;
  list(incidentId?: string): Promise<AuditEntry[]>;
  /** Walks the chain; every head in `heads` (and the log's own anchors) must still be in it. */
  verify(heads?: readonly RecordedHead[]): Promise<AuditVerification>;
}

/** Stored documents: authority-notice drafts and compliance reports. */
export interface StoredDocument {
  incidentId: string;
  kind: 'authority-notice' | 'compliance-report' | 'post-incident-report' | 'drill-report';
  version: number;
  sha256: string;
  body: string;
  createdAt: string;
}

export interface DocumentStore {
  /** Idempotent on (incidentId, kind, version). Returns the stored document. */
  put(doc: StoredDocument): Promise<StoredDocument>;
  get(incidentId: string, kind: StoredDocument['kind'], version: number): Promise<StoredDocument | null>;
  latest(incidentId: string, kind: StoredDocument['kind']): Promise<StoredDocument | null>;
  /** The latest version of every incident's document of this kind, oldest first. */
  listKind(kind: StoredDocument['kind']): Promise<StoredDocument[]>;
}

/** Snapshot of the affected audience, so recipients never travel through workflow history. */
export interface RecipientStore {
  /** Idempotent: re-adding a person already in the snapshot keeps one row (dedupe by id and email). */
  addAll(incidentId: string, people: AffectedPerson[]): Promise<number>;
  count(incidentId: string): Promise<number>;
  /** A page in stable order, `offset` counted from 0. */
  page(incidentId: string, offset: number, limit: number): Promise<AffectedPerson[]>;
  /** Counts by country, for reports and the authority notice. */
  countByCountry(incidentId: string): Promise<Record<string, number>>;
  /** Counts by country, and by `US-XX` state for the United States: the regulatory engine's jurisdictions. */
  countByJurisdiction(incidentId: string): Promise<Record<string, number>>;
  /** People with an email address, with a phone number, and with a phone number but no email. */
  countChannels(incidentId: string): Promise<{ email: number; sms: number; smsOnly: number }>;
  /** The people with these ids, in snapshot order. */
  byIds(incidentId: string, recipientIds: readonly string[]): Promise<AffectedPerson[]>;
}

// --- Credential and certificate watch; customer contact snapshot ---

/** Providers whose credentials the watch probes. */
export const WATCHED_PROVIDERS = ['salesforce', 'sendgrid', 'twilio'] as const;
export type WatchedProvider = (typeof WATCHED_PROVIDERS)[number];

/**
 * A provider's verdict on Herald's credential, from a cheap authenticated call. `valid: false` is
 * definitive (refused after re-authentication, revoked key, suspended account); a provider that
 * cannot be reached makes the check throw (transient) instead.
 */
export interface CredentialCheck {
  valid: boolean;
  /** What the provider said, without secrets. */
  detail: string;
  /** When the provider states an expiry for this credential (ISO instant). */
  expiresAt?: string;
}

/** An adapter that can check its own credentials. */
export interface CredentialProbe {
  checkCredentials(): Promise<CredentialCheck>;
}

/** The certificate a TLS endpoint presented. */
export interface TlsCertificateCheck {
  /** `host:port` as configured. */
  endpoint: string;
  /** notAfter, ISO instant. */
  validTo: string;
  /** notBefore, ISO instant. */
  validFrom: string;
  issuer: string;
  subject: string;
  /** Hours from the check to notAfter (negative once expired). */
  hoursLeft: number;
  /** Chain and host name verified against the trust store (Node's `authorized`). */
  chainValid: boolean;
  /** Why the chain did not verify (e.g. CERT_HAS_EXPIRED, SELF_SIGNED_CERT_IN_CHAIN). */
  authorizationError?: string;
  /** SHA-256 fingerprint of the leaf certificate. */
  fingerprint256: string;
}

/** Reads the certificate a TLS endpoint presents; throws when the endpoint cannot be reached. */
export interface TlsProbe {
  inspect(endpoint: string): Promise<TlsCertificateCheck>;
}

/** Where a lockout procedure the watch opens stands. */
export interface LockoutOpening {
  workflowId: string;
  /** False when a procedure with that id already existed: this run reached it. */
  started: boolean;
}

/** Starts the compliance-lockout procedure, or reaches the one with the same lockout id. */
export interface LockoutOpener {
  /** `start` is the procedure's start input (`{ incident }`), validated by the opener. */
  openLockout(start: unknown): Promise<LockoutOpening>;
}

/** Crisis roles of enterprise customers' contacts. */
export const CUSTOMER_CONTACT_ROLES = ['procurement', 'security', 'business-owner'] as const;
export type CustomerContactRole = (typeof CUSTOMER_CONTACT_ROLES)[number];

/** An enterprise customer account as the CRM holds it. */
export interface CustomerAccount {
  id: string;
  name: string;
  /** Flagged at risk (renewal, escalation) in the CRM. */
  atRisk: boolean;
  /** The CRM user who owns the account (our account manager): escalated to when procurement goes unanswered. */
  ownerId?: string;
  /** ISO 3166-1 alpha-2 country of the account's billing address: its contacts' zone and language when they state none. */
  country?: string;
  state?: string;
}

/** A CRM user (an account owner). */
export interface CrmUser {
  id: string;
  name: string;
  email?: string;
  phone?: string;
}

/** A contact of a customer account holding a crisis role. */
export interface CustomerContact {
  id: string;
  accountId: string;
  name: string;
  role: CustomerContactRole;
  title?: string;
  email?: string;
  phone?: string;
  /** BCP 47 language tag as the CRM states it (in the snapshot: else the country's language). */
  locale?: string;
  /** IANA zone from the CRM's configured time-zone field, validated. */
  timeZone?: string;
  /** ISO 3166-1 alpha-2 country of the contact's mailing address (in the snapshot: else the account's). */
  country?: string;
  state?: string;
}

/** Roles the snapshot keeps: the customer's crisis roles, and our own owner of the account. */
export type SnapshotRole = CustomerContactRole | 'account-owner';

/** An enterprise customer contact (or the account's owner) with its account, as the snapshot keeps it. */
export interface SnapshotContact extends Omit<CustomerContact, 'role'> {
  role: SnapshotRole;
  accountName: string;
  accountAtRisk: boolean;
}

/** Enterprise customers and their crisis contacts, read page by page. */
export interface CustomerCrmPort {
  /** One page of enterprise customer accounts, in a stable order. */
  findEnterpriseAccounts(cursor?: string): Promise<{ accounts: CustomerAccount[]; nextCursor?: string }>;
  /** One page of contacts holding a crisis role, in a stable order (any account). */
  findRoleContacts(cursor?: string): Promise<{ contacts: CustomerContact[]; nextCursor?: string }>;
  /** The users with these ids (account owners); unknown ids are left out. */
  findUsers(ids: string[]): Promise<CrmUser[]>;
}

/** A complete snapshot of enterprise customer contacts. */
export interface ContactSnapshotSummary {
  snapshotId: string;
  /** When the read began (ISO). */
  startedAt: string;
  /** When the snapshot was complete (ISO): how old the fallback is. */
  takenAt: string;
  accounts: number;
  contacts: number;
}

/** Which snapshot contacts to read; every field narrows. */
export interface ContactSnapshotFilter {
  roles?: SnapshotRole[];
  atRiskOnly?: boolean;
  accountIds?: string[];
}

/**
 * Last-known-good snapshots of enterprise customer contacts, so a lockout can still reach customers
 * while Salesforce is the thing that is down. A snapshot counts only once completed; a failed read
 * never replaces the last good one.
 */
export interface ContactSnapshotStore {
  /** Starts (or resumes) a snapshot; idempotent on the id. */
  begin(snapshotId: string, startedAt: string): Promise<void>;
  /** Adds contacts to an open snapshot; re-adding a contact keeps one row. */
  add(snapshotId: string, contacts: SnapshotContact[]): Promise<number>;
  /** Marks the snapshot complete and drops older ones; idempotent. */
  complete(snapshotId: string, takenAt: string, accounts: number): Promise<ContactSnapshotSummary>;
  /** The newest complete snapshot, or null. */
  latest(): Promise<ContactSnapshotSummary | null>;
  /** Contacts of the newest complete snapshot, at-risk accounts first, then by account and contact id. */
  contacts(filter?: ContactSnapshotFilter): Promise<SnapshotContact[]>;
}
