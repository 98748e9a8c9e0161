/**
 * How each cell's fault is put in place and lifted, and how long it lasts in procedure time. The
 * faults are the sandbox's and the store's own (revocations, withdrawn scopes, refusals, fault
 * queues, chaos bursts, the store proxy); nothing in Herald is stubbed.
 */
import { isMessageSend } from '../../sandbox/chaos.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import type { Cell, MatrixFault } from './cells.ts';
import type { StoreUnderFault } from './store-faults.ts';

const MINUTE = 60_000;

/** Who the cell refuses, and the timing it injects with. */
export interface FaultWorld {
  sandbox: Sandbox;
  /** Only store cells have one. */
  store?: StoreUnderFault;
  /** The directory's on-call level 0. */
  onCall: { email: string; phone: string };
  /** An affected person the data-leak cells refuse as well (the mass notification). */
  student?: { email?: string; phone?: string };
  providerTimeoutMs: number;
}

export interface FaultPlan {
  /** What is done, in words, for the report. */
  description: string;
  /** Procedure time the fault lasts before it is lifted. */
  stretchMs: number;
  inject(): Promise<void>;
  /** Lifts the fault (a refusal is for good: lifting it changes nothing). */
  lift(): Promise<void>;
  /** What else must pass before the procedure can see the fault gone, in real time. */
  afterLift?: () => Promise<void>;
}

/** How long each fault lasts in procedure time: permanent faults outlast the 15- and 60-minute clocks. */
const STRETCH_MS: Record<MatrixFault, number> = {
  'credentials-revoked': 120 * MINUTE,
  'scope-missing': 120 * MINUTE,
  'recipient-refused': 120 * MINUTE,
  'rate-limit-burst': 60 * MINUTE,
  'server-errors': 120 * MINUTE,
  // Every attempt costs a real provider time-out: a shorter stretch, still past the first deadline.
  timeout: 30 * MINUTE,
  'accepted-then-timeout': 120 * MINUTE,
};

/** Two of every three requests rate-limited, reset after a second. */
const BURST = { every: 3, length: 2, retryAfterSeconds: 1 } as const;
/** Accepted-then-timed-out sends: the first few, so the retries after them are served. */
const ACCEPTED_THEN_TIMED_OUT = 3;

type SandboxProvider = 'salesforce' | 'sendgrid' | 'twilio' | 'chat';

const done = async (): Promise<void> => {};
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** createSalesforceConnection's default re-login window (3 logins per 60 s), and a second more. */
const SALESFORCE_REFRESH_WINDOW_MS = 61_000;

/** The fault of `cell` in `world`. Throws for a cell that does not apply. */
export function faultPlan(cell: Cell, world: FaultWorld): FaultPlan {
  if (cell.notApplicable !== undefined) throw new Error(`${cell.id} does not apply: ${cell.notApplicable}`);
  const stretchMs = STRETCH_MS[cell.fault];
  if (cell.provider === 'store') {
    // Lost answers on every statement would be an outage: a short stretch of them. A stalled store
    // holds every activity until its time-out, in real time: a shorter stretch too.
    const storeStretchMs =
      cell.fault === 'accepted-then-timeout' ? 5 * MINUTE : cell.fault === 'timeout' ? 10 * MINUTE : stretchMs;
    return { ...storePlan(cell.fault, world), stretchMs: storeStretchMs };
  }
  const plan = sandboxPlan(cell, cell.provider, world);
  if (cell.provider !== 'chat') return { ...plan, stretchMs };
  // The chat webhook is the last fallback: with email refused the chain reaches it. Refused, not
  // failing: a 5xx outage would cost real time in every retry and hide the chat fault behind it.
  const { sandbox } = world;
  return {
    description: `${plan.description}, with the SendGrid key revoked so the fallback reaches the chat webhook`,
    stretchMs,
    async inject() {
      sandbox.revoke('sendgrid');
      await plan.inject();
    },
    async lift() {
      await plan.lift();
      sandbox.restore('sendgrid');
    },
  };
}

function sandboxPlan(cell: Cell, provider: SandboxProvider, world: FaultWorld): Omit<FaultPlan, 'stretchMs'> {
  const { sandbox } = world;
  const clearFaults = async (): Promise<void> => {
    sandbox.faults.clear();
  };
  switch (cell.fault) {
    case 'credentials-revoked':
      return {
        description: `${provider} credentials revoked`,
        inject: async () => sandbox.revoke(provider),
        lift: async () => sandbox.restore(provider),
        // The Salesforce adapter stops re-logging in for a minute of real time after three refused
        // logins; skipped procedure time would squeeze every re-check into that minute.
        ...(provider === 'salesforce' ? { afterLift: () => delay(SALESFORCE_REFRESH_WINDOW_MS) } : {}),
      };
    case 'scope-missing': {
      const gap = cell.procedure === 'data-leak' ? 'INSUFFICIENT_ACCESS' : 'API_DISABLED_FOR_ORG';
      return {
        description: `${provider} scope withdrawn${provider === 'salesforce' ? ` (${gap})` : ''}`,
        inject: async () => sandbox.withdrawScope(provider, gap),
        lift: async () => sandbox.grantScope(provider),
      };
    }
    case 'recipient-refused':
      return recipientPlan(cell, provider, world);
    case 'rate-limit-burst':
      return {
        description: `${provider}: 2 of every 3 requests answered with its rate-limit reply`,
        inject: async () =>
          sandbox.faults.chaos(provider, {
            seed: 12,
            rateLimitBurst: BURST,
            includeLookups: provider === 'salesforce',
          }),
        lift: clearFaults,
      };
    case 'server-errors':
      return {
        description: `${provider} answering 503 to everything`,
        inject: async () => sandbox.faults.inject(provider, { kind: 'status', status: 503 }, { times: Infinity }),
        lift: clearFaults,
      };
    case 'timeout':
      return {
        description: `${provider} answering after the adapters' time-out, every time`,
        inject: async () =>
          sandbox.faults.inject(provider, { kind: 'slow', delayMs: world.providerTimeoutMs * 2 }, { times: Infinity }),
        lift: clearFaults,
      };
    case 'accepted-then-timeout':
      return {
        description: `${provider}: the first ${ACCEPTED_THEN_TIMED_OUT} sends accepted, then never answered in time`,
        inject: async () =>
          sandbox.faults.inject(
            provider,
            { kind: 'accept-then-timeout', holdMs: world.providerTimeoutMs + 500 },
            { times: ACCEPTED_THEN_TIMED_OUT, match: (method, path) => isMessageSend(provider, method, path) },
          ),
        lift: clearFaults,
      };
  }
}

/** The on-call person (and, in the data-leak cells, one affected person) refused on this channel, for good. */
function recipientPlan(cell: Cell, provider: SandboxProvider, world: FaultWorld): Omit<FaultPlan, 'stretchMs'> {
  const { sandbox, onCall, student } = world;
  if (provider === 'sendgrid') {
    const addresses = [onCall.email, ...(student?.email ? [student.email] : [])];
    return {
      description: `SendGrid refusing ${addresses.length === 1 ? 'the on-call address' : 'the on-call and one student address'} (400 personalizations field)`,
      inject: async () => addresses.forEach((a) => sandbox.refuseAddress(a)),
      lift: done,
    };
  }
  if (provider !== 'twilio') throw new Error(`${cell.id}: no recipient refusal at ${provider}`);
  // Both procedures together cover a per-number code and a per-region one.
  const code = cell.procedure === 'data-leak' ? 21614 : 21408;
  const numbers = [onCall.phone, ...(student?.phone ? [student.phone] : [])];
  return {
    description: `Twilio refusing ${numbers.length === 1 ? 'the on-call number' : 'the on-call and one student number'} with ${code}`,
    inject: async () => numbers.forEach((n) => sandbox.refuseNumber(n, code)),
    lift: done,
  };
}

function storePlan(fault: MatrixFault, world: FaultWorld): Omit<FaultPlan, 'stretchMs'> {
  const { store } = world;
  if (store === undefined) throw new Error('a store cell needs the store under fault');
  const proxy = (mode: 'refuse' | 'stall' | 'drop-replies', description: string) => ({
    description,
    inject: async () => store.setProxy(mode),
    lift: async () => store.setProxy('pass'),
  });
  switch (fault) {
    case 'credentials-revoked':
      return {
        description: "the store role's login revoked (28000) and its sessions ended",
        inject: () => store.revokeLogin(),
        lift: () => store.restoreLogin(),
      };
    case 'scope-missing':
      return {
        description: "the store role's table privileges revoked (42501)",
        inject: () => store.revokePrivileges(),
        lift: () => store.grantPrivileges(),
      };
    case 'rate-limit-burst':
      return {
        description: 'the store role limited to one connection (53300 beyond it)',
        inject: () => store.limitConnections(),
        lift: () => store.unlimitConnections(),
      };
    case 'server-errors':
      return proxy('refuse', 'the store down: every connection reset');
    case 'timeout':
      return proxy('stall', 'the store unreachable: connections hang, nothing answers');
    case 'accepted-then-timeout':
      return proxy('drop-replies', 'the store executes statements, the answers are lost and the connections reset');
    case 'recipient-refused':
      throw new Error('the store has no recipients');
  }
}
