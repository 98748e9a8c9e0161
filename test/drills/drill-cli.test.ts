/**
 * `bin/herald drill` as a separate process: the reports read back from an embedded store with
 * their trend, and a bad scenario or time scale refused with exit 2 before anything starts.
 */
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { openStore } from '../../activities/store/open-store.ts';
import { buildDrillReport } from '../../workflows/domain/drill-report.ts';
import type { DrillReport } from '../../workflows/domain/drill-report.ts';
import { runCommand } from '../support/run-command.ts';

const heraldBin = fileURLToPath(new URL('../../bin/herald', import.meta.url));
const t0 = Date.parse('2026-10-01T09:00:00Z');
const iso = (policyMinutes: number, start = t0) => new Date(start + (policyMinutes * 60_000) / 720).toISOString();

const refusedSms = { channel: 'sms', provider: 'Twilio', failureType: 'InvalidRecipient', status: 400, code: '21610' };

function reportOf(drillId: string, start: number, ackMinutes: number): DrillReport {
  return buildDrillReport({
    drillId,
    procedure: 'data-leak',
    drill: { scenario: 'none', startedBy: 'olga' },
    timeScale: 1 / 720,
    outcome: {
      detectedAt: iso(0, start),
      phase: 'completed',
      acknowledgement: { by: { id: 'olga' }, at: iso(ackMinutes, start) },
      milestones: [{ id: 'ops-alert', state: 'met', dueAt: iso(15, start), completedAt: iso(1, start) }],
    },
    entries: [{ type: 'operator.acknowledge', actor: 'olga', at: iso(ackMinutes, start), data: {} }],
    finishedAt: iso(100, start),
    // 60 failed attempts, the first two listed here: the report keeps them and says how many more.
    affectedPeopleAttempts: {
      total: 60,
      rows: [
        { ...refusedSms, recipientId: 'STU-1', at: iso(40, start), deliveredBy: 'other-channel' },
        { ...refusedSms, recipientId: 'STU-2', at: iso(41, start), deliveredBy: null },
      ],
    },
  });
}

function herald(args: string[], dataDir: string) {
  return runCommand(heraldBin, args, {
    env: { ...process.env, HERALD_DATA_DIR: dataDir, TEMPORAL_ADDRESS: '127.0.0.1:25199' },
  });
}

test('herald drill report lists the stored reports oldest first with the time-to-acknowledge trend', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'herald-drill-cli-'));
  const store = await openStore({ dataDir });
  const quarter = 91 * 24 * 3_600_000;
  for (const [id, start, ack] of [
    ['drill-b', t0 + quarter, 9],
    ['drill-a', t0, 12],
  ] as const) {
    const body = `${JSON.stringify(reportOf(id, start, ack))}\n`;
    await store.documents.put({
      incidentId: id,
      kind: 'drill-report',
      version: 1,
      sha256: 'x',
      body,
      createdAt: iso(100, start),
    });
  }
  await store.close();

  const text = await herald(['drill', 'report'], dataDir);
  assert.equal(text.code, 0, text.stderr);
  const lines = text.stdout.split('\n');
  assert.match(lines[0] ?? '', /^drill-a data-leak scenario=none ack=12 min escalations=0/);
  assert.ok(
    lines.some((l) => /^drill-b data-leak scenario=none ack=9 min \(-3 min: better\)/.test(l)),
    text.stdout,
  );
  assert.ok(lines.includes('  ops-alert: met, slack 14 min'));
  assert.ok(lines.includes('  answered: olga (acknowledge)'));
  assert.ok(lines.includes("  affected people's failed attempts: 60"), text.stdout);
  assert.ok(
    lines.includes(`    ${iso(40, t0)} STU-1 sms Twilio InvalidRecipient 400 21610: reached on the other channel`),
    text.stdout,
  );
  assert.ok(lines.includes(`    ${iso(41, t0)} STU-2 sms Twilio InvalidRecipient 400 21610: not delivered`));
  assert.ok(lines.includes('    … and 58 more'), text.stdout);

  const json = await herald(['drill', 'report', '--json'], dataDir);
  assert.equal(json.code, 0, json.stderr);
  const trend = JSON.parse(json.stdout) as (DrillReport & { ackChangePolicyMinutes: number | null })[];
  assert.deepEqual(
    trend.map((r) => [r.drillId, r.timeToAcknowledgePolicyMinutes, r.ackChangePolicyMinutes]),
    [
      ['drill-a', 12, null],
      ['drill-b', 9, -3],
    ],
  );
});

test('herald drill data-leak refuses an unknown scenario or a bad time scale with exit 2, starting nothing', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'herald-drill-cli-'));
  const scenario = await herald(['drill', 'data-leak', '--as', 'olga', '--scenario', 'meteor'], dataDir);
  assert.equal(scenario.code, 2, scenario.stderr);
  assert.match(scenario.stderr, /meteor/);
  const scale = await herald(['drill', 'data-leak', '--as', 'olga', '--time-scale', '2'], dataDir);
  assert.equal(scale.code, 2, scale.stderr);
  assert.match(scale.stderr, /fraction in \(0, 1\]/);
});
