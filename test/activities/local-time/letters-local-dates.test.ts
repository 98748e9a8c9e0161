/**
 * Letters in each recipient's own zone, end to end over real servers: the Salesforce sandbox holds
 * the students (one field-mapped zone, others by address), the adapter reads them through jsforce,
 * the PGlite store keeps the snapshot, and the email page sends through SendGrid's SDK to the
 * sandbox, whose log shows each letter's date. Staff messages carry their zone and UTC.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../../activities/index.ts';
import { createSalesforceCrm } from '../../../activities/providers/salesforce.ts';
import { openStore } from '../../../activities/store/open-store.ts';
import type { HeraldStore } from '../../../activities/store/open-store.ts';
import { startSandbox } from '../../../sandbox/index.ts';
import type { Sandbox, SeedContact } from '../../../sandbox/index.ts';
import type { AffectedPerson } from '../../../workflows/domain/contacts.ts';
import { sandboxPageDeps } from '../../support/page-sandbox.ts';
import { testDirectory } from '../../support/directory.ts';
import { incident } from '../../support/workflow-harness.ts';

const student = (id: string, fields: Partial<SeedContact>): SeedContact => ({
  Id: id,
  FirstName: 'Sam',
  LastName: id,
  Email: `${id.toLowerCase()}@student.test`,
  MobilePhone: null,
  MailingCountry: null,
  MailingState: null,
  Preferred_Language__c: 'en',
  Time_Zone__c: null,
  Program__c: 'Law',
  Campus__c: 'Dublin',
  Enrollment_Status__c: 'Enrolled',
  ...fields,
});

const STUDENTS = [
  student('003LT0000000001AAA', { MailingCountry: 'United States', MailingState: 'CA' }),
  student('003LT0000000002AAA', { MailingCountry: 'Australia', MailingState: 'New South Wales' }),
  // The mapped field wins over the address.
  student('003LT0000000003AAA', { MailingCountry: 'DE', Time_Zone__c: 'Asia/Tokyo', Preferred_Language__c: 'de' }),
  // Not a zone: ignored, the address decides.
  student('003LT0000000004AAA', {
    MailingCountry: 'Germany',
    Time_Zone__c: 'Mars/Olympus',
    Preferred_Language__c: 'de',
  }),
  // Nothing known: the organisation's zone.
  student('003LT0000000005AAA', { MailingCountry: null }),
];

// 05:00 UTC on 1 March 2026: still 28 February in Los Angeles, already afternoon in Sydney.
const DETECTED_AT = '2026-03-01T05:00:00Z';

let sandbox: Sandbox;
let store: HeraldStore;
before(async () => {
  sandbox = await startSandbox({
    students: STUDENTS,
    ports: { salesforce: 25201, sendgrid: 25202, twilio: 25203, chat: 25204 },
  });
  store = await openStore({});
});
after(async () => {
  await store?.close();
  await sandbox?.close();
});

async function readPeople(): Promise<AffectedPerson[]> {
  const crm = createSalesforceCrm({
    loginUrl: sandbox.salesforceUrl,
    ...sandbox.credentials.salesforce,
    timeZoneField: 'Time_Zone__c',
  });
  const page = await crm.findAffectedPeople({ kind: 'records', recordIds: STUDENTS.map((s) => s.Id) });
  return page.people;
}

test('the CRM adapter reads the mapped zone field; a value that is no zone is left out', async () => {
  const people = await readPeople();
  const zoneOf = (id: string) => people.find((p) => p.id === id)?.timeZone;
  assert.equal(zoneOf('003LT0000000003AAA'), 'Asia/Tokyo');
  assert.equal(zoneOf('003LT0000000004AAA'), undefined);
  assert.equal(zoneOf('003LT0000000001AAA'), undefined, 'no field value: derived later, not stored');
  const soql = sandbox.log.requests('salesforce').find((r) => r.path.includes('/query?q='))?.path ?? '';
  assert.match(decodeURIComponent(soql), /Preferred_Language__c, Time_Zone__c FROM Contact/);
});

test('letters to Los Angeles and Sydney for the same incident show their own local dates', async () => {
  const people = await readPeople();
  await store.recipients.addAll('LT-1', people);
  const directory = { ...testDirectory, organisation: { name: 'Example University', timeZone: 'Europe/Dublin' } };
  const deps = sandboxPageDeps(sandbox, store, {}, { directory });
  const activities = createActivities(deps);
  const page = { incidentId: 'LT-1', incident: incident('LT-1', DETECTED_AT), offset: 0, limit: 1000 };
  const result = await new MockActivityEnvironment().run<
    [typeof page],
    { accepted: number },
    typeof activities.sendAffectedEmailPage
  >(activities.sendAffectedEmailPage, page);
  assert.equal(result.accepted, 5);

  const letter = (id: string) =>
    sandbox.log.acceptedEmails().find((e) => e.to === `${id.toLowerCase()}@student.test`)?.text ?? '';
  assert.match(letter('003LT0000000001AAA'), /became aware of it on February 28, 2026\./, 'Los Angeles, US form');
  assert.match(letter('003LT0000000002AAA'), /became aware of it on 1 March 2026\./, 'Sydney, Australian form');
  assert.match(letter('003LT0000000003AAA'), /1\. März 2026/, 'Tokyo from the CRM field');
  assert.match(letter('003LT0000000004AAA'), /1\. März 2026/, 'Berlin from the address');
  assert.match(letter('003LT0000000005AAA'), /became aware of it on 1 March 2026\./, "the organisation's zone");
  // Each letter has its HTML part too, in the reader's language, the name put in escaped.
  const email = (id: string) => sandbox.log.acceptedEmails().find((e) => e.to === `${id.toLowerCase()}@student.test`);
  const german = email('003LT0000000003AAA');
  assert.match(german?.html ?? '', /^<!DOCTYPE html>\n<html lang="de" dir="ltr">/);
  assert.match(german?.html ?? '', /1\. März 2026/);
  assert.match(german?.html ?? '', /Sam 003LT0000000003AAA/);
  assert.doesNotMatch(german?.html ?? '', /herald_recipient_name/);
  assert.match(email('003LT0000000001AAA')?.html ?? '', /<html lang="en"/);
  // The snapshot keeps the stated zone for later pages and follow-ups.
  const [stored] = (await store.recipients.page('LT-1', 0, 10)).filter((p) => p.id === '003LT0000000003AAA');
  assert.equal(stored?.timeZone, 'Asia/Tokyo');
});

test("staff messages show times in the staff member's zone and in UTC", async () => {
  const directory = {
    ...testDirectory,
    organisation: { name: 'Example University', timeZone: 'America/New_York' },
    onCall: [
      [
        { id: 'oncall-la', name: 'Lou', email: 'lou@uni.test', timeZone: 'America/Los_Angeles' },
        { id: 'oncall-org', name: 'Ora', email: 'ora@uni.test' },
      ],
    ],
  };
  const deps = sandboxPageDeps(sandbox, store, {}, { directory });
  const activities = createActivities(deps);
  const summary: { reached: number } = await new MockActivityEnvironment().run(activities.notifyGroup, {
    incidentId: 'LT-2',
    ledgerMilestone: 'ops-alert:L0',
    group: 'on-call' as const,
    template: 'ops-alert' as const,
    incident: incident('LT-2', DETECTED_AT),
    params: {},
  });
  assert.equal(summary.reached, 2);
  const mail = (to: string) => sandbox.log.acceptedEmails().find((e) => e.to === to)?.text ?? '';
  assert.match(
    mail('lou@uni.test'),
    /Awareness \(detected at\): 2026-02-28 21:00 America\/Los_Angeles \(2026-03-01 05:00 UTC\)/,
  );
  assert.match(mail('ora@uni.test'), /Awareness \(detected at\): 2026-03-01 00:00 America\/New_York \(05:00 UTC\)/);
});
