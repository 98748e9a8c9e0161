import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { toActivityError } from '../../../activities/providers/errors.ts';
import { buildContactQueries, escapeSoqlString } from '../../../activities/providers/salesforce-soql.ts';
import { countrySpellings, toCountryCode } from '../../../activities/providers/countries.ts';

const NOW = Date.parse('2025-01-01T00:00:00Z');

describe('toActivityError', () => {
  it('passes ApplicationFailures and unknown errors through unchanged', () => {
    const failure = ApplicationFailure.nonRetryable('x', 'InvalidRecipient');
    assert.equal(toActivityError('SendGrid', failure), failure);
    const socket = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    for (const provider of ['SendGrid', 'Twilio', 'Salesforce'] as const)
      assert.equal(toActivityError(provider, socket), socket);
  });

  it('clamps provider delays and reads Retry-After dates', () => {
    const sendgrid429 = (reset: number): unknown => ({
      code: 429,
      response: { headers: { 'x-ratelimit-reset': String(reset) }, body: {} },
    });
    const past = toActivityError('SendGrid', sendgrid429(NOW / 1000 - 100), { now: () => NOW }) as ApplicationFailure;
    assert.equal(past.nextRetryDelay, 1_000, 'a reset in the past still waits a second');
    const far = toActivityError('SendGrid', sendgrid429(NOW / 1000 + 86_400), { now: () => NOW }) as ApplicationFailure;
    assert.equal(far.nextRetryDelay, 15 * 60_000);
    const twilio = toActivityError(
      'Twilio',
      { status: 429, code: 20429 },
      { now: () => NOW, headers: { 'Retry-After': new Date(NOW + 20_000).toUTCString() } },
    ) as ApplicationFailure;
    assert.equal(twilio.nextRetryDelay, 20_000);
  });

  it('treats other 4xx as non-retryable ProviderRejected, 408 as transient', () => {
    const rejected = toActivityError('Twilio', { status: 400, code: 21602 }) as ApplicationFailure;
    assert.equal(rejected.type, 'ProviderRejected');
    assert.equal(rejected.nonRetryable, true);
    const timeout = { status: 408 };
    assert.equal(toActivityError('Twilio', timeout), timeout);
  });
});

describe('SOQL building', () => {
  it('escapes backslash before quote', () => {
    assert.equal(escapeSoqlString("a\\' OR Id != '"), "a\\\\\\' OR Id != \\'");
  });

  it('builds from the whitelist only and re-validates the scope', () => {
    const [q] = buildContactQueries(
      { kind: 'filter', conditions: [{ field: 'Campus__c', op: 'in', value: ['Dublin', "O'Hare"] }] },
      { expandCountryNames: false },
    );
    assert.equal(
      q,
      "SELECT Id, FirstName, LastName, Email, MobilePhone, MailingCountry, MailingState, Preferred_Language__c FROM Contact WHERE Campus__c IN ('Dublin', 'O\\'Hare') ORDER BY Id",
    );
    assert.throws(() =>
      buildContactQueries({ kind: 'filter', conditions: [{ field: 'Name) OR (Id', op: 'eq', value: 'x' }] } as never, {
        expandCountryNames: false,
      }),
    );
  });
});

describe('countries', () => {
  it('normalises names and codes to ISO alpha-2', () => {
    assert.equal(toCountryCode('Deutschland'), 'DE');
    assert.equal(toCountryCode(' united kingdom '), 'GB');
    assert.equal(toCountryCode('UK'), 'GB');
    assert.equal(toCountryCode('España'), 'ES');
    assert.equal(toCountryCode('Espana'), 'ES');
    assert.equal(toCountryCode('fr'), 'FR');
    assert.equal(toCountryCode('Atlantis'), undefined);
    assert.equal(toCountryCode(null), undefined);
    assert.ok(countrySpellings('DE').includes('Deutschland'));
    assert.deepEqual(countrySpellings('Atlantis'), ['Atlantis']);
  });
});
