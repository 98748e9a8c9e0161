/**
 * Page activities over the real SendGrid and Twilio adapters against the sandbox, on a real store:
 * the dependencies, an audience with numbers and addresses no other test uses, a gate that
 * freezes an attempt where a test says, and polling for what the sandbox and heartbeats show.
 */
import { after, before } from 'node:test';
import type { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities/index.ts';
import type { ActivityDeps } from '../../activities/index.ts';
import type { FanoutSettings } from '../../activities/mass-notification/settings.ts';
import { createSendgridEmail } from '../../activities/providers/sendgrid.ts';
import { createTwilioSms } from '../../activities/providers/twilio.ts';
import { openStore } from '../../activities/store/open-store.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { startSandbox } from '../../sandbox/index.ts';
import type { Sandbox, SandboxOptions } from '../../sandbox/index.ts';
import type { AffectedPerson } from '../../workflows/domain/contacts.ts';
import { testDirectory } from './directory.ts';
import { ListCrm } from './fake-providers.ts';
import { storeDeps } from './store-deps.ts';
import { incident } from './workflow-harness.ts';

/** The adapters' deadline in these tests: short, so a held answer times out quickly. */
export const ADAPTER_TIMEOUT_MS = 400;

/** Activities over the sandbox's SendGrid and Twilio and `store`, with `fanout` and overrides. */
export function sandboxPageDeps(
  sandbox: Sandbox,
  store: HeraldStore,
  fanout: Partial<FanoutSettings>,
  overrides: Partial<ActivityDeps> = {},
): ActivityDeps {
  const { sendgrid, twilio } = sandbox.credentials;
  return {
    crm: new ListCrm([]),
    email: createSendgridEmail({
      apiKey: sendgrid.apiKey,
      baseUrl: sandbox.sendgridUrl,
      from: 'herald@uni.test',
      timeoutMs: ADAPTER_TIMEOUT_MS,
    }),
    sms: createTwilioSms({
      ...twilio,
      from: twilio.fromNumber,
      baseUrl: sandbox.twilioUrl,
      timeoutMs: ADAPTER_TIMEOUT_MS,
    }),
    ...storeDeps(store),
    directory: testDirectory,
    fanout: {
      smsPerSecond: 1000,
      emailRequestsPerSecond: 1000,
      smsConcurrency: 2,
      pageSize: 1000,
      providerTimeoutMs: ADAPTER_TIMEOUT_MS,
      ...fanout,
    },
    ...overrides,
  };
}

/** A sandbox and an in-memory store for the calling test file, closed after it; call at module level. */
export function useSandboxAndStore(
  sandboxOptions: SandboxOptions = { seed: { count: 1 } },
): () => { sandbox: Sandbox; store: HeraldStore } {
  let started: { sandbox: Sandbox; store: HeraldStore } | undefined;
  before(async () => {
    const [sandbox, store] = await Promise.all([startSandbox(sandboxOptions), openStore({})]);
    started = { sandbox, store };
  });
  after(async () => {
    await started?.store.close();
    await started?.sandbox.close();
  });
  return () => {
    if (!started) throw new Error('sandbox and store not started');
    return started;
  };
}

let audiences = 0;

/**
 * `n` people with a phone and an email no other audience of this process has (the sandbox looks
 * SMS up by number, so a shared number could reconcile another test's message); `locales` cycle.
 */
export function uniqueAudience(n: number, locales: readonly string[] = ['de']): AffectedPerson[] {
  const batch = ++audiences;
  return Array.from({ length: n }, (_, i) => ({
    id: `A${batch}-${String(i).padStart(4, '0')}`,
    name: `Student ${batch}-${i}`,
    email: `s${batch}-${i}@page.test`,
    phone: `+49170${String(batch).padStart(3, '0')}${String(i).padStart(4, '0')}`,
    locale: locales[i % locales.length] as string,
  }));
}

/** Snapshots `people` for `incidentId` and returns the page input over all of them. */
export async function pageOf(store: HeraldStore, incidentId: string, people: AffectedPerson[]) {
  await store.recipients.addAll(incidentId, people);
  return { incidentId, incident: incident(incidentId, '2026-01-01T00:00:00Z'), offset: 0, limit: 1000 };
}

/** The page activities of `deps`. */
export function pageActivities(deps: ActivityDeps) {
  const { sendAffectedEmailPage, sendAffectedSmsPage } = createActivities(deps);
  return { sendAffectedEmailPage, sendAffectedSmsPage };
}

/** A point where an attempt stops until the test lets it go on. */
export class Gate {
  #arrive = () => {};
  #leave = () => {};
  /** Resolves once something waits at the gate. */
  readonly reached = new Promise<void>((resolve) => (this.#arrive = resolve));
  readonly #opened = new Promise<void>((resolve) => (this.#leave = resolve));

  /** Called by the frozen party: waits until {@link open}. */
  wait(): Promise<void> {
    this.#arrive();
    return this.#opened;
  }

  open(): void {
    this.#leave();
  }
}

/**
 * Polls `check` every 10 ms until it holds; gives up after a minute, so a test that timed out
 * leaves no poll behind keeping the process alive.
 */
export async function until(check: () => boolean, what = 'the condition'): Promise<void> {
  for (let polls = 0; !check(); polls++) {
    if (polls >= 6_000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Counts an environment's heartbeats and keeps the last details (a retry resumes from them). */
export function watchHeartbeats(env: MockActivityEnvironment): { count: () => number; last: () => unknown } {
  let count = 0;
  let last: unknown;
  env.on('heartbeat', (details: unknown) => {
    count++;
    if (details !== undefined) last = details;
  });
  return { count: () => count, last: () => last };
}

/** SMS requests to Twilio's Messages endpoint the sandbox saw (accepted, refused or held). */
export function smsPosts(sandbox: Sandbox): number {
  return sandbox.log.requests('twilio').filter((r) => r.method === 'POST' && r.path.includes('/Messages.json')).length;
}

/** Message lookups (GET on Twilio's Messages list) the sandbox saw. */
export function smsLookups(sandbox: Sandbox): number {
  return sandbox.log.requests('twilio').filter((r) => r.method === 'GET' && r.path.includes('/Messages.json')).length;
}

/** SendGrid mail/send requests the sandbox saw. */
export function mailSends(sandbox: Sandbox): number {
  return sandbox.log.requests('sendgrid').filter((r) => r.method === 'POST' && r.path.startsWith('/v3/mail/send'))
    .length;
}

/** How many messages each recipient got, from the sandbox's own log. */
export function perRecipient(sandbox: Sandbox): { sms: Map<string, number>; email: Map<string, number> } {
  const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  return {
    sms: count(sandbox.log.acceptedSms().map((s) => s.to)),
    email: count(sandbox.log.acceptedEmails().map((e) => e.to)),
  };
}
