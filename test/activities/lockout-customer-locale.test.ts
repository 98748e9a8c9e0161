/**
 * Customer notices in each contact's language and zone, over real parts: the Salesforce sandbox
 * holds German, French, Swiss and US customers (seedCustomers with places), the real adapter reads
 * them through jsforce into the PGlite snapshot, and SendGrid's SDK sends to the sandbox, whose log
 * shows each notice. The ledger keys stay per contact; the audit entry says when English stood in.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities/index.ts';
import type { CustomerDeliverySummary, NotifyLockoutCustomersInput } from '../../activities/index.ts';
import { DELIVERY_KEY_ARG } from '../../activities/providers/sendgrid.ts';
import { openStore } from '../../activities/store/open-store.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { seedCustomers, startSandbox } from '../../sandbox/index.ts';
import type { Sandbox, SeedCustomerContact } from '../../sandbox/index.ts';
import type { TemplateUse } from '../../workflows/domain/template-pins.ts';
import { withCustomerContacts } from '../support/customer-deps.ts';
import { testDirectory } from '../support/directory.ts';
import { lockout } from '../support/lockout-fixture.ts';
import { sandboxPageDeps } from '../support/page-sandbox.ts';
import { sandboxCrm } from '../support/sandbox-crm.ts';

// 05:00 UTC on 1 March 2026: 06:00 in Berlin, 09:00 on Réunion, 21:00 the day before in Los Angeles.
const DETECTED_AT = '2026-03-01T05:00:00Z';
const LOCKOUT = lockout('LO-L1', DETECTED_AT);
const SCOPE = { surfaces: LOCKOUT.surfaces, regions: LOCKOUT.regions, euPersonalDataInterrupted: false };
const ORGANISATION_ZONE = 'America/New_York';

let sandbox: Sandbox;
let store: HeraldStore;
let activities: ReturnType<typeof createActivities>;

before(async () => {
  const customers = seedCustomers({ places: true });
  // One account with no address at all: its contacts read English in the organisation's zone.
  const nowhere = customers.accounts[10];
  assert.ok(nowhere && nowhere.Type === 'Enterprise' && nowhere.BillingCountry === 'United States');
  nowhere.BillingCountry = null;
  nowhere.BillingState = null;
  sandbox = await startSandbox({ customers });
  store = await openStore({});
  const directory = { ...testDirectory, organisation: { name: 'Shop', timeZone: ORGANISATION_ZONE } };
  const withCustomers = await withCustomerContacts(sandbox, store, { timeZoneField: 'Time_Zone__c' });
  activities = createActivities(withCustomers(sandboxPageDeps(sandbox, store, {}, { directory })));
});
after(async () => {
  await store?.close();
  await sandbox?.close();
});

const accountAt = (i: number) => sandbox.customers.accounts[i]!;
const contactOf = (i: number, role: SeedCustomerContact['Crisis_Role__c']) =>
  sandbox.customers.contacts.find((c) => c.AccountId === accountAt(i).Id && c.Crisis_Role__c === role)!;

/** The one email of `milestone` to `contactId`, found by its ledger key (addresses repeat in the seed). */
function emailTo(milestone: string, contactId: string) {
  const key = `lockout:LO-L1/${milestone}/${contactId}/email`;
  const found = sandbox.log.acceptedEmails().filter((e) => e.customArgs[DELIVERY_KEY_ARG] === key);
  assert.equal(found.length, 1, `one ${milestone} email to ${contactId}`);
  return found[0]!;
}

/** The template the audit entry of that email names. */
async function templateOf(milestone: string, contactId: string): Promise<TemplateUse> {
  const entryId = `delivery:lockout:LO-L1/${milestone}/${contactId}/email:sent`;
  const entry = (await store.audit.list('lockout:LO-L1')).find((e) => e.entryId === entryId);
  assert.ok(entry, entryId);
  return entry.data.template as TemplateUse;
}

async function notify(
  input: Omit<NotifyLockoutCustomersInput, 'incident' | 'scope'>,
): Promise<CustomerDeliverySummary> {
  return new MockActivityEnvironment().run(activities.notifyLockoutCustomers, {
    ...input,
    incident: LOCKOUT,
    scope: SCOPE,
  });
}

test('customer notices in each contact’s language, dates in their zone and date form', async () => {
  const resolved: { source: string } = await new MockActivityEnvironment().run(activities.resolveLockoutCustomers, {
    lockoutId: 'LO-L1',
  });
  assert.equal(resolved.source, 'crm');
  const summary = await notify({
    ledgerMilestone: 'customer-notice',
    roles: ['business-owner', 'security'],
    template: 'customer-notice',
    params: { cadence: 'hour' },
  });
  assert.ok(summary.reached > 0);

  // Germany: the business owner states "de"; the security contact states nothing and reads the country's language.
  for (const role of ['Business Owner', 'Security'] as const) {
    const got = emailTo('customer-notice', contactOf(0, role).Id);
    assert.match(got.subject, new RegExp(`^Servicehinweis für ${accountAt(0).Name}:`));
    assert.match(got.text, /seit 01\.03\.2026 06:00 Europe\/Berlin \(05:00 UTC\) blockiert/);
    assert.match(got.html ?? '', /<html lang="de"/);
    const template = await templateOf('customer-notice', contactOf(0, role).Id);
    assert.equal(template.locale, 'de');
    assert.equal(template.fellBackToEnglish, false);
  }

  // France: the business owner's stated zone (the CRM field) wins over the address; the other, Paris by address.
  const french = emailTo('customer-notice', contactOf(1, 'Business Owner').Id);
  assert.match(french.subject, new RegExp(`^Avis de service pour ${accountAt(1).Name} :`));
  assert.match(french.text, /Depuis le 01\/03\/2026 09:00 Indian\/Reunion \(05:00 UTC\),/);
  const parisian = emailTo('customer-notice', contactOf(1, 'Security').Id);
  assert.match(parisian.text, /Depuis le 01\/03\/2026 06:00 Europe\/Paris \(05:00 UTC\),/);
  assert.equal((await templateOf('customer-notice', contactOf(1, 'Business Owner').Id)).locale, 'fr');

  // Switzerland, a contact who reads Italian: no Italian texts, so English, and the audit entry says so.
  const italian = contactOf(3, 'Business Owner');
  const fallback = emailTo('customer-notice', italian.Id);
  assert.match(fallback.subject, /^Service notice for /);
  assert.match(fallback.text, /2026-03-01 06:00 Europe\/Zurich \(05:00 UTC\)/);
  const used = await templateOf('customer-notice', italian.Id);
  assert.deepEqual([used.locale, used.requestedLocale, used.fellBackToEnglish], ['en', 'it', true]);
  // Its colleague reads the country's language (German), no fallback.
  assert.match(emailTo('customer-notice', contactOf(3, 'Security').Id).subject, /^Servicehinweis für /);

  // California: US English, Los Angeles time (still 28 February there).
  const californian = emailTo('customer-notice', contactOf(6, 'Business Owner').Id);
  assert.match(californian.text, /Since 2026-02-28 21:00 America\/Los_Angeles \(2026-03-01 05:00 UTC\),/);
  assert.equal((await templateOf('customer-notice', contactOf(6, 'Business Owner').Id)).fellBackToEnglish, false);

  // No address, no language: English in the organisation's zone, and no fallback to report.
  const unplaced = contactOf(10, 'Security');
  assert.match(emailTo('customer-notice', unplaced.Id).text, /2026-03-01 00:00 America\/New_York \(05:00 UTC\)/);
  const plain = await templateOf('customer-notice', unplaced.Id);
  assert.deepEqual([plain.locale, plain.requestedLocale, plain.fellBackToEnglish], ['en', undefined, false]);
});

test('procurement notices and the all-clear follow the contact too; a resend sends nothing twice', async () => {
  const atRisk = sandbox.customers.accounts.filter((a) => a.At_Risk__c).map((a) => a.Id);
  assert.ok(atRisk.includes(accountAt(1).Id), 'the French account is at risk');
  const input = {
    ledgerMilestone: 'procurement-notice',
    roles: ['procurement' as const, 'security' as const],
    accountIds: atRisk,
    template: 'procurement-notice' as const,
    params: {},
    attachVendorAssessment: true,
  };
  const first = await notify(input);
  const procurement = emailTo('procurement-notice', contactOf(1, 'Procurement').Id);
  assert.match(procurement.subject, /^Mise à jour de l'évaluation fournisseur pour /);
  assert.match(procurement.text, /01\/03\/2026 06:00 Europe\/Paris \(05:00 UTC\)/);
  assert.equal(procurement.attachments[0]?.filename, 'vendor-assessment-v2026.4.md');

  // The same occasion again: the ledger's keys (incident, milestone, contact, channel) are unchanged.
  const before = sandbox.log.acceptedEmails().length;
  const again = await notify(input);
  assert.equal(sandbox.log.acceptedEmails().length, before, 'nobody notified twice');
  assert.equal(again.reached, first.reached);

  await notify({
    ledgerMilestone: 'customer-resolution',
    roles: ['business-owner'],
    accountIds: [accountAt(0).Id],
    template: 'customer-resolution',
    params: { resolvedAt: '2026-03-01T23:30:00Z', rootCause: 'Audit-log retention job fixed.' },
  });
  const resolution = emailTo('customer-resolution', contactOf(0, 'Business Owner').Id);
  // Past midnight in Berlin: the UTC date is given too, in the German form.
  assert.match(resolution.text, /02\.03\.2026 00:30 Europe\/Berlin \(01\.03\.2026 23:30 UTC\)/);
});

// SALESFORCE_TIME_ZONE_FIELD itself is checked at configuration (test/workers/local-time-config.test.ts).
test('a time-zone field that is no field API name is refused by the adapter before any query', () => {
  const before = sandbox.log.requests('salesforce').length;
  assert.throws(() => sandboxCrm(sandbox, { timeZoneField: 'Id FROM User --' }), /is not a Salesforce field API name/);
  assert.equal(sandbox.log.requests('salesforce').length, before, 'nothing sent');
});

test('a time-zone field the org does not have fails the customer read with an error naming it', async () => {
  const crm = sandboxCrm(sandbox, { timeZoneField: 'Timezone__c' });
  await assert.rejects(crm.findRoleContacts(), (err: unknown) => {
    assert.ok(err instanceof ApplicationFailure);
    assert.equal(err.type, 'ConfigurationError');
    assert.equal(err.nonRetryable, true);
    assert.match(err.message, /INVALID_FIELD.*check the configured time-zone field Timezone__c/);
    return true;
  });
});
