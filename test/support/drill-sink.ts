/**
 * The drill tests' check on the sandbox's request log: every accepted email and SMS went to a
 * staff member of the example directory or to its drill sink, and none to an outside recipient.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { directorySchema, staffContactsOf } from '../../activities/directory.ts';
import { sortDrillTraffic } from '../../sandbox/drill-traffic.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import { EXAMPLE_DIRECTORY_FILE } from './sandbox-worker.ts';

export const exampleDirectory = directorySchema.parse(JSON.parse(readFileSync(EXAMPLE_DIRECTORY_FILE, 'utf8')));

/** Outside recipients' addresses and numbers (any case). */
export interface Outsiders {
  emails: readonly (string | null)[];
  phones: readonly (string | null)[];
}

/** Asserts the log holds messages to staff and the sink only; returns the sink's and staff's. */
export function assertOnlyStaffOrSink(sandbox: Sandbox, outsiders: Outsiders) {
  const sink = exampleDirectory.drillSink;
  assert.ok(sink?.email && sink.phone, 'the example directory has a drill sink');
  const traffic = sortDrillTraffic(sandbox.log, staffContactsOf(exampleDirectory), sink);
  assert.deepEqual(
    traffic.outsideEmails.map((e) => e.to),
    [],
    'every email went to staff or the sink',
  );
  assert.deepEqual(
    traffic.outsideSms.map((m) => m.to),
    [],
    'every SMS went to staff or the sink',
  );
  const outsideEmails = new Set(outsiders.emails.flatMap((e) => (e ? [e.toLowerCase()] : [])));
  const outsidePhones = new Set(outsiders.phones.flatMap((p) => (p ? [p] : [])));
  for (const e of sandbox.log.acceptedEmails()) {
    assert.ok(!outsideEmails.has(e.to.toLowerCase()), `no email to the outsider ${e.to}`);
  }
  for (const m of sandbox.log.acceptedSms()) assert.ok(!outsidePhones.has(m.to), `no sms to the outsider ${m.to}`);
  return { sink, sinkEmails: traffic.sinkEmails, staffEmails: traffic.staffEmails, sinkSms: traffic.sinkSms };
}
