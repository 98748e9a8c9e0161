/**
 * The credential watch on the time-skipping server with the real activities: the real TLS probe
 * against local TLS servers presenting certificates built for the test, and the real provider
 * adapters against the sandbox. Warnings reach the credential owners once per threshold however
 * often the watch runs; a revoked Salesforce token opens one compliance-lockout procedure a day,
 * which runs on the same worker.
 */
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { TemporalLockoutOpener } from '../../../activities/monitors/lockout-opener.ts';
import { getLockoutStatus } from '../../../client/lockout-client.ts';
import { startSandbox } from '../../../sandbox/index.ts';
import type { Sandbox } from '../../../sandbox/index.ts';
import type { credentialWatch } from '../../../workflows/index.ts';
import type { CredentialWatchReport, WatchResult } from '../../../workflows/monitors/credential-watch.ts';
import { credentialId } from '../../../workflows/monitors/watch-policy.ts';
import { eventually } from '../../support/eventually.ts';
import { lockout } from '../../support/lockout-fixture.ts';
import { sandboxDeps, withWorker } from '../../support/monitor-worker.ts';
import { rejection } from '../../support/rejection.ts';
import { selfSignedCertificate } from '../../support/tls-cert.ts';
import { closedPort, startTlsServer } from '../../support/tls-server.ts';
import type { TestTlsServer } from '../../support/tls-server.ts';
import { useHarness } from '../../support/workflow-harness.ts';

const TMP = '/tmp/herald-test-monitors/credential-watch';
const HOUR = 3_600_000;
/** The example directory's credential owner. */
const OWNER = { id: 'platform-team', email: 'platform@example-university.test', phone: '+4930555000041' };

const harness = useHarness();
/**
 * A plain client on the test server: awaiting a result does not unlock time skipping (the SDK's
 * time-skipping client would let the server jump its clock, years at a time, whenever nothing is
 * in flight). The clock moves with real time, and by `env.sleep` where a test says so.
 */
let plainClient: Client | undefined;
const client = (): Client =>
  (plainClient ??= new Client({
    connection: harness().env.connection,
    namespace: harness().env.namespace ?? 'default',
  }));
/** No test here may hang the suite. */
const LIMIT = { timeout: 120_000 };
let sandbox: Sandbox;
const servers: TestTlsServer[] = [];
let watches = 0;

before(async () => {
  await mkdir(TMP, { recursive: true });
  sandbox = await startSandbox({ seed: { count: 10 } });
});
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await sandbox?.close();
  await rm(TMP, { recursive: true, force: true });
});
beforeEach(() => {
  sandbox.log.clear();
  sandbox.faults.clear();
});

interface WatchedCertificate {
  endpoint: string;
  credential: string;
  /** notAfter as the probe reports it. */
  expiresAt: string;
  /** HERALD_WATCH_* for a worker that watches this endpoint and trusts its certificate. */
  env: Record<string, string>;
}

/**
 * A local TLS server whose certificate expires `hours` after `clock` (default the test server's,
 * which the workflow reads; OpenSSL checks validity against the real one), trusted via a CA file.
 */
async function certificateExpiringIn(
  hours: number,
  clock = () => harness().env.currentTimeMs(),
): Promise<WatchedCertificate> {
  const now = Math.floor((await clock()) / 1000) * 1000;
  const notAfter = new Date(now + hours * HOUR);
  const credentials = selfSignedCertificate({ notAfter, commonName: `expires-in-${hours}h.test` });
  const server = await startTlsServer(credentials);
  servers.push(server);
  const caFile = join(TMP, `ca-${server.port}.pem`);
  await writeFile(caFile, credentials.cert);
  return {
    endpoint: server.endpoint,
    credential: credentialId('tls', server.endpoint),
    expiresAt: notAfter.toISOString(),
    env: { HERALD_WATCH_TLS_ENDPOINTS: server.endpoint, HERALD_WATCH_TLS_CA_FILE: caFile },
  };
}

function runWatch(taskQueue: string): Promise<CredentialWatchReport> {
  return client().workflow.execute<typeof credentialWatch>('credentialWatch', {
    taskQueue,
    workflowId: `credential-watch-test-${++watches}`,
    args: [{}],
  });
}

function resultFor(report: CredentialWatchReport, credential: string): WatchResult {
  const result = report.results.find((r) => r.credential === credential);
  assert.ok(result, `${credential} in ${JSON.stringify(report.results.map((r) => r.credential))}`);
  return result;
}

/** Messages the sandbox accepted for the owner about `credential`. */
function warningsAbout(credential: string): { emails: number; sms: number } {
  return {
    emails: sandbox.log.acceptedEmails().filter((e) => e.to === OWNER.email && e.subject.includes(credential)).length,
    sms: sandbox.log.acceptedSms().filter((m) => m.to === OWNER.phone && m.body.includes(credential)).length,
  };
}

async function expiryWarningsAudited(credential: string) {
  const entries = await harness().store.audit.list(`credential-watch:${credential}`);
  return entries.filter((e) => e.type === 'monitor.expiry-warning');
}

const ledgerKey = (cert: WatchedCertificate, thresholdHours: number, channel: 'email' | 'sms') => ({
  incidentId: `credential-watch:${cert.credential}`,
  milestone: `expiry-warning:${cert.expiresAt}:${thresholdHours}h`,
  recipientId: OWNER.id,
  channel,
});

describe('certificate expiry warnings', () => {
  test('71 h left: the owners get the 72 h warning once, however often the watch runs', LIMIT, async () => {
    const h = harness();
    const cert = await certificateExpiringIn(71);
    const deps = await sandboxDeps(sandbox, h.store, cert.env);
    await withWorker(h, deps, async (taskQueue) => {
      const first = await runWatch(taskQueue);
      const tls = resultFor(first, cert.credential);
      assert.equal(tls.kind, 'tls-certificate');
      assert.equal(tls.status, 'ok', tls.detail);
      assert.equal(tls.outcome, 'warned');
      assert.equal(tls.thresholdHours, 72);
      assert.equal(tls.expiresAt, cert.expiresAt);
      assert.ok(tls.hoursLeft !== undefined && tls.hoursLeft > 70 && tls.hoursLeft <= 71, `${tls.hoursLeft} h left`);
      for (const credential of ['salesforce-token', 'sendgrid-key', 'twilio-credentials']) {
        assert.equal(resultFor(first, credential).outcome, 'ok', `${credential} checked and valid`);
      }
      assert.deepEqual(warningsAbout(cert.credential), { emails: 1, sms: 1 });
      const email = sandbox.log.acceptedEmails().find((e) => e.to === OWNER.email);
      assert.match(email?.subject ?? '', new RegExp(`\\[Herald\\] ${cert.credential} expires in 70 h`));
      assert.match(email?.text ?? '', /Warning: 72 h before expiry \(sent once\)/);
      assert.equal((await h.store.ledger.get(ledgerKey(cert, 72, 'email')))?.state, 'sent');
      assert.equal((await h.store.ledger.get(ledgerKey(cert, 72, 'sms')))?.state, 'sent');

      const second = await runWatch(taskQueue);
      assert.equal(resultFor(second, cert.credential).outcome, 'already-warned');
      assert.deepEqual(warningsAbout(cert.credential), { emails: 1, sms: 1 }, 'no second warning');

      const audited = await expiryWarningsAudited(cert.credential);
      assert.equal(audited.length, 1, 'audited once');
      assert.equal(audited[0]?.data.thresholdHours, 72);
      assert.equal(audited[0]?.data.expiresAt, cert.expiresAt);
      assert.deepEqual(audited[0]?.data.recipients, [OWNER.id]);
      assert.equal(audited[0]?.data.reached, 1);
    });
  });

  test('100 h left: no warning', LIMIT, async () => {
    const h = harness();
    const cert = await certificateExpiringIn(100);
    const deps = await sandboxDeps(sandbox, h.store, cert.env);
    await withWorker(h, deps, async (taskQueue) => {
      const tls = resultFor(await runWatch(taskQueue), cert.credential);
      assert.equal(tls.outcome, 'ok');
      assert.ok(tls.hoursLeft !== undefined && tls.hoursLeft > 99 && tls.hoursLeft <= 100, `${tls.hoursLeft} h left`);
      assert.equal(tls.thresholdHours, undefined);
    });
    assert.deepEqual(warningsAbout(cert.credential), { emails: 0, sms: 0 });
    assert.deepEqual(await expiryWarningsAudited(cert.credential), []);
  });

  test('23 h left: the 24 h warning only', LIMIT, async () => {
    const h = harness();
    const cert = await certificateExpiringIn(23);
    const deps = await sandboxDeps(sandbox, h.store, cert.env);
    await withWorker(h, deps, async (taskQueue) => {
      const tls = resultFor(await runWatch(taskQueue), cert.credential);
      assert.equal(tls.outcome, 'warned');
      assert.equal(tls.thresholdHours, 24);
    });
    assert.deepEqual(warningsAbout(cert.credential), { emails: 1, sms: 1 });
    assert.equal((await h.store.ledger.get(ledgerKey(cert, 24, 'email')))?.state, 'sent');
    assert.equal(await h.store.ledger.get(ledgerKey(cert, 72, 'email')), null, 'not the 72 h one as well');
    assert.deepEqual(
      (await expiryWarningsAudited(cert.credential)).map((e) => e.data.thresholdHours),
      [24],
    );
  });

  test('warned at 72 h, then 48 h later at 24 h: one message per threshold', LIMIT, async () => {
    const h = harness();
    const cert = await certificateExpiringIn(71.5);
    const deps = await sandboxDeps(sandbox, h.store, cert.env);
    await withWorker(h, deps, async (taskQueue) => {
      assert.equal(resultFor(await runWatch(taskQueue), cert.credential).thresholdHours, 72);
      await h.env.sleep('48 hours'); // the test server's clock; the certificate is the same
      const later = resultFor(await runWatch(taskQueue), cert.credential);
      assert.equal(later.outcome, 'warned');
      assert.equal(later.thresholdHours, 24);
      assert.equal(resultFor(await runWatch(taskQueue), cert.credential).outcome, 'already-warned');
    });
    assert.deepEqual(warningsAbout(cert.credential), { emails: 2, sms: 2 });
    assert.deepEqual(
      (await expiryWarningsAudited(cert.credential)).map((e) => e.data.thresholdHours),
      [72, 24],
    );
  });

  test('a configured known expiry is warned like a certificate', LIMIT, async () => {
    const h = harness();
    const now = Math.floor((await h.env.currentTimeMs()) / 1000) * 1000;
    const expiresAt = new Date(now + 50 * HOUR).toISOString();
    const credential = `saml-idp-cert-${++watches}`;
    const deps = await sandboxDeps(sandbox, h.store, { HERALD_WATCH_KNOWN_EXPIRIES: `${credential}=${expiresAt}` });
    await withWorker(h, deps, async (taskQueue) => {
      const known = resultFor(await runWatch(taskQueue), credential);
      assert.equal(known.kind, 'known-expiry');
      assert.equal(known.expiresAt, expiresAt);
      assert.equal(known.cause, 'certificate-chain-failure');
      assert.equal(known.outcome, 'warned');
      assert.equal(known.thresholdHours, 72);
    });
    assert.deepEqual(warningsAbout(credential), { emails: 1, sms: 1 });
  });

  test('an endpoint that cannot be reached gives no verdict: nothing sent, nothing opened', LIMIT, async () => {
    const h = harness();
    const endpoint = `127.0.0.1:${await closedPort()}`;
    const deps = await sandboxDeps(sandbox, h.store, { HERALD_WATCH_TLS_ENDPOINTS: endpoint });
    await withWorker(h, deps, async (taskQueue) => {
      const tls = resultFor(await runWatch(taskQueue), credentialId('tls', endpoint));
      assert.equal(tls.status, 'unreachable');
      assert.equal(tls.outcome, 'unreachable');
      assert.match(tls.detail, /ECONNREFUSED/);
      assert.equal(tls.lockoutWorkflowId, undefined);
    });
    assert.deepEqual(sandbox.log.acceptedEmails(), []);
  });
});

/** Moves the test server's clock past UTC midnight when midnight is near, so two runs share a day. */
async function awayFromMidnight(env: TestWorkflowEnvironment): Promise<void> {
  const now = await env.currentTimeMs();
  const untilMidnight = 86_400_000 - (now % 86_400_000);
  if (untilMidnight < 10 * 60_000) await env.sleep(untilMidnight + 60_000);
}

/** Terminates the lockout procedures a test opened, whatever state it ended in. */
async function terminate(workflowIds: Iterable<string>): Promise<void> {
  for (const id of workflowIds) {
    await client()
      .workflow.getHandle(id)
      .terminate('end of test')
      .catch(() => undefined); // already closed, or never started
  }
}

describe('a failed check opens the lockout procedure', () => {
  test(
    'revoked Salesforce token: one lockout:auto-salesforce-token-<day>, reached by the next run, run by this worker',
    LIMIT,
    async () => {
      const h = harness();
      await awayFromMidnight(h.env);
      const deps = await sandboxDeps(sandbox, h.store);
      const opened = new Set<string>();
      sandbox.revoke('salesforce');
      try {
        await withWorker(h, deps, async (taskQueue) => {
          const first = await runWatch(taskQueue);
          const salesforce = resultFor(first, 'salesforce-token');
          if (salesforce.lockoutWorkflowId) opened.add(salesforce.lockoutWorkflowId);
          assert.equal(salesforce.status, 'failed');
          assert.match(salesforce.detail, /invalid_grant/);
          assert.equal(salesforce.outcome, 'lockout-opened');
          const workflowId = `lockout:auto-salesforce-token-${first.checkedAt.slice(0, 10)}`;
          assert.equal(salesforce.lockoutWorkflowId, workflowId);
          assert.equal(resultFor(first, 'sendgrid-key').outcome, 'ok');
          assert.equal(resultFor(first, 'twilio-credentials').outcome, 'ok');

          const handle = client().workflow.getHandle(workflowId);
          const { runId } = await handle.describe();

          const second = await runWatch(taskQueue);
          assert.equal(second.checkedAt.slice(0, 10), first.checkedAt.slice(0, 10), 'the same UTC day');
          const reached = resultFor(second, 'salesforce-token');
          assert.equal(reached.outcome, 'lockout-reached');
          assert.equal(reached.lockoutWorkflowId, workflowId);

          const described = await handle.describe();
          assert.equal(described.runId, runId, 'still the one procedure the first run started');
          assert.equal(described.type, 'complianceLockout');
          assert.equal(described.taskQueue, taskQueue, "the watch's own task queue");
          assert.equal(described.status.name, 'RUNNING');

          // The procedure runs on this worker: it resolved its customers (the CRM refused it) and alerted ops.
          const status = await eventually(
            () => getLockoutStatus(handle),
            (s) => s.customers !== null && s.milestones.some((m) => m.id === 'technical-alert' && m.state === 'met'),
            'the lockout to resolve its customers and send the technical alert',
          );
          assert.equal(status.lockoutId, `auto-salesforce-token-${first.checkedAt.slice(0, 10)}`);
          assert.equal(status.cause, 'token-expired-or-revoked');
          assert.equal(status.detectedAt, first.checkedAt);
          assert.notEqual(status.customers?.source, 'crm', 'Salesforce is the thing that is down');

          const openings = (await h.store.audit.list(workflowId)).filter((e) => e.type === 'monitor.lockout-opened');
          assert.equal(openings.length, 1, 'the opening audited once');
          assert.equal(openings[0]?.data.credential, 'salesforce-token');
          assert.equal(openings[0]?.data.started, true);
        });
      } finally {
        sandbox.restore('salesforce');
        await terminate(opened);
      }
    },
  );

  test(
    'an expired certificate opens a certificate-chain-failure lockout; nobody is warned about it',
    LIMIT,
    async () => {
      const h = harness();
      await awayFromMidnight(h.env);
      const cert = await certificateExpiringIn(-2, async () => Date.now()); // expired for OpenSSL too
      const deps = await sandboxDeps(sandbox, h.store, cert.env);
      const opened = new Set<string>();
      try {
        await withWorker(h, deps, async (taskQueue) => {
          const report = await runWatch(taskQueue);
          const tls = resultFor(report, cert.credential);
          if (tls.lockoutWorkflowId) opened.add(tls.lockoutWorkflowId);
          assert.equal(tls.status, 'failed');
          assert.match(tls.detail, /certificate does not verify \(CERT_HAS_EXPIRED\)/);
          assert.equal(tls.outcome, 'lockout-opened');
          const lockoutId = `auto-${cert.credential}-${report.checkedAt.slice(0, 10)}`;
          assert.equal(tls.lockoutWorkflowId, `lockout:${lockoutId}`);
          const status = await getLockoutStatus(client().workflow.getHandle(`lockout:${lockoutId}`));
          assert.equal(status.cause, 'certificate-chain-failure');
        });
      } finally {
        await terminate(opened);
      }
      assert.deepEqual(warningsAbout(cert.credential), { emails: 0, sms: 0 });
    },
  );
});

describe('the lockout opener', () => {
  test(
    'refuses an invalid start as non-retryable InvalidInput; a valid one starts once, then is reached',
    LIMIT,
    async () => {
      const h = harness();
      const opener = new TemporalLockoutOpener({ client, taskQueue: 'no-worker-needed' });
      const incident = lockout(`opener-${++watches}`, new Date(await h.env.currentTimeMs()).toISOString());
      const refused = await rejection(opener.openLockout({ incident: { ...incident, severity: 'apocalyptic' } }));
      assert.ok(refused instanceof ApplicationFailure, String(refused));
      assert.equal(refused.type, 'InvalidInput');
      assert.equal(refused.nonRetryable, true);
      assert.match(refused.message, /incident\.severity/);
      try {
        assert.deepEqual(await opener.openLockout({ incident }), {
          workflowId: `lockout:${incident.lockoutId}`,
          started: true,
        });
        assert.deepEqual(await opener.openLockout({ incident }), {
          workflowId: `lockout:${incident.lockoutId}`,
          started: false,
        });
      } finally {
        await terminate([`lockout:${incident.lockoutId}`]);
      }
    },
  );
});
