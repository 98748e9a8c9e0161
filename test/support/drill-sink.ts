/**
 * The drill tests' check on the sandbox's request log: every accepted email and SMS went to a
 * staff member of the example directory or to its drill sink, and none to an outside recipient.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { directorySchema, staffContactsOf } from '../../activities/directory.ts';
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
  const staff = staffContactsOf(exampleDirectory);
  const staffEmails = new Set(staff.flatMap((c) => (c.email ? [c.email.toLowerCase()] : [])));
  const staffPhones = new Set(staff.flatMap((c) => (c.phone ? [c.phone] : [])));
  const [local, domain] = sink.email.split('@') as [string, string];
  const toSink = (to: string) => to.toLowerCase().startsWith(`${local}+`) && to.toLowerCase().endsWith(`@${domain}`);
  const outsideEmails = new Set(outsiders.emails.flatMap((e) => (e ? [e.toLowerCase()] : [])));
  const outsidePhones = new Set(outsiders.phones.flatMap((p) => (p ? [p] : [])));
  const emails = sandbox.log.acceptedEmails();
  for (const e of emails) {
    assert.ok(staffEmails.has(e.to.toLowerCase()) || toSink(e.to), `email to ${e.to} is staff or the sink`);
    assert.ok(!outsideEmails.has(e.to.toLowerCase()), `no email to the outsider ${e.to}`);
  }
  const sms = sandbox.log.acceptedSms();
  for (const m of sms) {
    assert.ok(staffPhones.has(m.to) || m.to === sink.phone, `sms to ${m.to} is staff or the sink`);
    assert.ok(!outsidePhones.has(m.to), `no sms to the outsider ${m.to}`);
  }
  return {
    sink,
    sinkEmails: emails.filter((e) => toSink(e.to)),
    staffEmails: emails.filter((e) => staffEmails.has(e.to.toLowerCase())),
    sinkSms: sms.filter((m) => m.to === sink.phone),
  };
}
