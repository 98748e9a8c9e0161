/**
 * The provider answer table, row by row: each case is an error as the vendor SDK builds it (Twilio's
 * RestException, SendGrid's ResponseError, jsforce's error shapes, the chat webhook's answer) and
 * the row and failure type it must come out as. A last test fails when a row has no case.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classes } from '@sendgrid/helpers';
import { ApplicationFailure } from '@temporalio/common';
import twilio from 'twilio';
import { ANSWER_TABLE } from '../../../activities/providers/answer-table.ts';
import type { ProviderName } from '../../../activities/providers/answer-table.ts';
import {
  ChatWebhookHttpError,
  classifyDeliveryReport,
  describeProviderError,
  toActivityError,
} from '../../../activities/providers/errors.ts';
import type { ProviderFailureDetails, ProviderFailureType } from '../../../activities/providers/errors.ts';

const twilioError = (status: number, code?: number, message = 'refused'): unknown =>
  new twilio.RestException({ statusCode: status, body: code === undefined ? '' : { code, message, status } });

/** @sendgrid/helpers types ResponseError as a plain Error; it is built from the axios-style response. */
const SendgridResponseError = classes.ResponseError as unknown as new (response: {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  data: unknown;
}) => Error;

const sendgridError = (status: number, errors: { message: string; field?: string | null }[] = []): unknown =>
  new SendgridResponseError({ status, statusText: 'error', headers: {}, data: { errors } });

/** jsforce: REST errors carry errorCode and name; OAuth errors only the name. */
const salesforceError = (code: string, oauth = false): unknown =>
  Object.assign(new Error(`${code}: refused`), oauth ? { name: code } : { name: code, errorCode: code });

const chatError = (status: number, body: string): unknown => new ChatWebhookHttpError(status, body, {});

interface Case {
  rule: string;
  provider: ProviderName;
  error: unknown;
  /** The failure type thrown, or `transient` for an error rethrown unchanged. */
  type: ProviderFailureType | 'transient';
}

const CASES: Case[] = [
  // Twilio, per recipient: an outcome for that person.
  { rule: 'twilio-21211', provider: 'Twilio', error: twilioError(400, 21211), type: 'InvalidRecipient' },
  { rule: 'twilio-21408', provider: 'Twilio', error: twilioError(400, 21408), type: 'InvalidRecipient' },
  { rule: 'twilio-21610', provider: 'Twilio', error: twilioError(400, 21610), type: 'InvalidRecipient' },
  { rule: 'twilio-21612', provider: 'Twilio', error: twilioError(400, 21612), type: 'InvalidRecipient' },
  { rule: 'twilio-21614', provider: 'Twilio', error: twilioError(400, 21614), type: 'InvalidRecipient' },
  { rule: 'twilio-21635', provider: 'Twilio', error: twilioError(400, 21635), type: 'InvalidRecipient' },
  { rule: 'twilio-other-21xxx', provider: 'Twilio', error: twilioError(400, 21265), type: 'InvalidRecipient' },
  { rule: 'twilio-other-30xxx', provider: 'Twilio', error: twilioError(400, 30410), type: 'InvalidRecipient' },
  // Twilio, our message or our account.
  { rule: 'twilio-21617', provider: 'Twilio', error: twilioError(400, 21617), type: 'ProviderRejected' },
  { rule: 'twilio-21602', provider: 'Twilio', error: twilioError(400, 21602), type: 'ProviderRejected' },
  { rule: 'twilio-21603', provider: 'Twilio', error: twilioError(400, 21603), type: 'ConfigurationError' },
  { rule: 'twilio-21212', provider: 'Twilio', error: twilioError(400, 21212), type: 'ConfigurationError' },
  { rule: 'twilio-21606', provider: 'Twilio', error: twilioError(400, 21606), type: 'ConfigurationError' },
  { rule: 'twilio-21608', provider: 'Twilio', error: twilioError(400, 21608), type: 'ConfigurationError' },
  { rule: 'twilio-21660', provider: 'Twilio', error: twilioError(400, 21660), type: 'ConfigurationError' },
  { rule: 'twilio-21701', provider: 'Twilio', error: twilioError(400, 21701), type: 'ConfigurationError' },
  { rule: 'twilio-21705', provider: 'Twilio', error: twilioError(400, 21705), type: 'ConfigurationError' },
  { rule: 'twilio-messaging-service', provider: 'Twilio', error: twilioError(400, 21703), type: 'ConfigurationError' },
  { rule: 'twilio-20003', provider: 'Twilio', error: twilioError(401, 20003), type: 'ProviderAuth' },
  { rule: 'twilio-20403', provider: 'Twilio', error: twilioError(403, 20403), type: 'ProviderAuth' },
  { rule: 'twilio-70051', provider: 'Twilio', error: twilioError(403, 70051), type: 'InvalidScope' },
  { rule: 'twilio-auth-status', provider: 'Twilio', error: twilioError(401), type: 'ProviderAuth' },
  { rule: 'twilio-20429', provider: 'Twilio', error: twilioError(429, 20429), type: 'RateLimited' },
  { rule: 'twilio-429', provider: 'Twilio', error: twilioError(429), type: 'RateLimited' },
  { rule: 'twilio-20404', provider: 'Twilio', error: twilioError(404, 20404), type: 'ConfigurationError' },
  { rule: 'twilio-20001', provider: 'Twilio', error: twilioError(400, 20001), type: 'ProviderRejected' },
  { rule: 'twilio-other-4xx', provider: 'Twilio', error: twilioError(405, 20004), type: 'ProviderRejected' },
  { rule: 'twilio-408', provider: 'Twilio', error: twilioError(408), type: 'transient' },
  { rule: 'twilio-5xx', provider: 'Twilio', error: twilioError(503, 20500), type: 'transient' },

  // SendGrid.
  {
    rule: 'sendgrid-recipient-field',
    provider: 'SendGrid',
    error: sendgridError(400, [
      { message: 'Does not contain a valid address.', field: 'personalizations.0.to.0.email' },
    ]),
    type: 'InvalidRecipient',
  },
  {
    rule: 'sendgrid-from-field',
    provider: 'SendGrid',
    error: sendgridError(400, [{ message: 'The from email does not contain a valid address.', field: 'from.email' }]),
    type: 'ConfigurationError',
  },
  {
    rule: 'sendgrid-credits',
    provider: 'SendGrid',
    error: sendgridError(401, [{ message: 'Maximum credits exceeded', field: null }]),
    type: 'ConfigurationError',
  },
  {
    rule: 'sendgrid-sender-identity',
    provider: 'SendGrid',
    error: sendgridError(403, [
      {
        message:
          'The from address does not match a verified Sender Identity. Mail cannot be sent until this error is resolved.',
        field: 'from',
      },
    ]),
    type: 'ConfigurationError',
  },
  {
    rule: 'sendgrid-scope',
    provider: 'SendGrid',
    error: sendgridError(403, [{ message: 'access forbidden', field: null }]),
    type: 'InvalidScope',
  },
  {
    rule: 'sendgrid-scope',
    provider: 'SendGrid',
    error: sendgridError(401, [{ message: 'Authenticated user is not authorized to send mail', field: null }]),
    type: 'InvalidScope',
  },
  {
    rule: 'sendgrid-auth',
    provider: 'SendGrid',
    error: sendgridError(401, [
      { message: 'The provided authorization grant is invalid, expired, or revoked', field: null },
    ]),
    type: 'ProviderAuth',
  },
  { rule: 'sendgrid-413', provider: 'SendGrid', error: sendgridError(413), type: 'ProviderRejected' },
  { rule: 'sendgrid-429', provider: 'SendGrid', error: sendgridError(429), type: 'RateLimited' },
  { rule: 'sendgrid-451', provider: 'SendGrid', error: sendgridError(451), type: 'ConfigurationError' },
  { rule: 'sendgrid-408', provider: 'SendGrid', error: sendgridError(408), type: 'transient' },
  {
    rule: 'sendgrid-other-4xx',
    provider: 'SendGrid',
    error: sendgridError(400, [{ message: 'The subject is required.', field: 'subject' }]),
    type: 'ProviderRejected',
  },
  { rule: 'sendgrid-5xx', provider: 'SendGrid', error: sendgridError(503), type: 'transient' },

  // Salesforce.
  {
    rule: 'salesforce-REQUEST_LIMIT_EXCEEDED',
    provider: 'Salesforce',
    error: salesforceError('REQUEST_LIMIT_EXCEEDED'),
    type: 'RateLimited',
  },
  {
    rule: 'salesforce-REFRESH_LIMIT',
    provider: 'Salesforce',
    error: new Error('Unable to refresh session due to: [REFRESH_LIMIT] gave up after 3 logins in 60000 ms'),
    type: 'ProviderAuth',
  },
  {
    rule: 'salesforce-INVALID_SESSION_ID',
    provider: 'Salesforce',
    error: salesforceError('INVALID_SESSION_ID'),
    type: 'ProviderAuth',
  },
  {
    rule: 'salesforce-invalid_grant',
    provider: 'Salesforce',
    error: new Error('Unable to refresh session due to: [invalid_grant] authentication failure'),
    type: 'ProviderAuth',
  },
  {
    rule: 'salesforce-invalid_grant',
    provider: 'Salesforce',
    error: salesforceError('invalid_grant', true),
    type: 'ProviderAuth',
  },
  {
    rule: 'salesforce-invalid_client_id',
    provider: 'Salesforce',
    error: salesforceError('invalid_client_id', true),
    type: 'ProviderAuth',
  },
  {
    rule: 'salesforce-invalid_client',
    provider: 'Salesforce',
    error: salesforceError('invalid_client', true),
    type: 'ProviderAuth',
  },
  {
    rule: 'salesforce-unsupported_grant_type',
    provider: 'Salesforce',
    error: salesforceError('unsupported_grant_type', true),
    type: 'ConfigurationError',
  },
  {
    rule: 'salesforce-INSUFFICIENT_ACCESS',
    provider: 'Salesforce',
    error: salesforceError('INSUFFICIENT_ACCESS'),
    type: 'InvalidScope',
  },
  {
    rule: 'salesforce-INSUFFICIENT_ACCESS_OR_READONLY',
    provider: 'Salesforce',
    error: salesforceError('INSUFFICIENT_ACCESS_OR_READONLY'),
    type: 'InvalidScope',
  },
  {
    rule: 'salesforce-API_DISABLED_FOR_ORG',
    provider: 'Salesforce',
    error: salesforceError('API_DISABLED_FOR_ORG'),
    type: 'InvalidScope',
  },
  {
    rule: 'salesforce-API_CURRENTLY_DISABLED',
    provider: 'Salesforce',
    error: salesforceError('API_CURRENTLY_DISABLED'),
    type: 'InvalidScope',
  },
  {
    rule: 'salesforce-INVALID_FIELD',
    provider: 'Salesforce',
    error: salesforceError('INVALID_FIELD'),
    type: 'ConfigurationError',
  },
  {
    rule: 'salesforce-INVALID_TYPE',
    provider: 'Salesforce',
    error: salesforceError('INVALID_TYPE'),
    type: 'ConfigurationError',
  },
  {
    rule: 'salesforce-MALFORMED_QUERY',
    provider: 'Salesforce',
    error: salesforceError('MALFORMED_QUERY'),
    type: 'ProviderRejected',
  },
  {
    rule: 'salesforce-INVALID_QUERY_FILTER_OPERATOR',
    provider: 'Salesforce',
    error: salesforceError('INVALID_QUERY_FILTER_OPERATOR'),
    type: 'ProviderRejected',
  },
  {
    rule: 'salesforce-INVALID_QUERY_LOCATOR',
    provider: 'Salesforce',
    error: salesforceError('INVALID_QUERY_LOCATOR'),
    type: 'ProviderRejected',
  },
  {
    rule: 'salesforce-NOT_FOUND',
    provider: 'Salesforce',
    error: salesforceError('NOT_FOUND'),
    type: 'ProviderRejected',
  },
  {
    rule: 'salesforce-JOB_NOT_COMPLETE',
    provider: 'Salesforce',
    error: salesforceError('JOB_NOT_COMPLETE'),
    type: 'ProviderRejected',
  },
  {
    rule: 'salesforce-BULK_QUERY_JOB_FAILED',
    provider: 'Salesforce',
    error: salesforceError('BULK_QUERY_JOB_FAILED'),
    type: 'ProviderRejected',
  },
  {
    rule: 'salesforce-SERVER_UNAVAILABLE',
    provider: 'Salesforce',
    error: salesforceError('SERVER_UNAVAILABLE'),
    type: 'transient',
  },
  {
    rule: 'salesforce-UNKNOWN_EXCEPTION',
    provider: 'Salesforce',
    error: salesforceError('UNKNOWN_EXCEPTION'),
    type: 'transient',
  },

  // Chat webhook.
  { rule: 'chat-429', provider: 'ChatWebhook', error: chatError(429, 'rate_limited'), type: 'RateLimited' },
  {
    rule: 'chat-action-prohibited',
    provider: 'ChatWebhook',
    error: chatError(403, 'action_prohibited'),
    type: 'InvalidScope',
  },
  {
    rule: 'chat-410',
    provider: 'ChatWebhook',
    error: chatError(410, 'channel_is_archived'),
    type: 'ConfigurationError',
  },
  { rule: 'chat-revoked', provider: 'ChatWebhook', error: chatError(404, 'no_service'), type: 'ProviderAuth' },
  { rule: 'chat-revoked', provider: 'ChatWebhook', error: chatError(403, 'invalid_token'), type: 'ProviderAuth' },
  { rule: 'chat-408', provider: 'ChatWebhook', error: chatError(408, 'timeout'), type: 'transient' },
  {
    rule: 'chat-other-4xx',
    provider: 'ChatWebhook',
    error: chatError(400, 'invalid_payload'),
    type: 'ProviderRejected',
  },
  { rule: 'chat-5xx', provider: 'ChatWebhook', error: chatError(500, 'internal_error'), type: 'transient' },
];

/** Delivery reports: Twilio status callback ErrorCodes, SendGrid Event Webhook events. */
const REPORT_CASES: { rule: string; provider: 'Twilio' | 'SendGrid'; code: string; kind: string }[] = [
  ...['30003', '30004', '30005', '30006', '30007', '30008', '21610'].map((code) => ({
    rule: `twilio-report-${code}`,
    provider: 'Twilio' as const,
    code,
    kind: 'recipient',
  })),
  ...['bounce', 'blocked', 'dropped'].map((code) => ({
    rule: `sendgrid-report-${code}`,
    provider: 'SendGrid' as const,
    code,
    kind: 'recipient',
  })),
  { rule: 'sendgrid-report-deferred', provider: 'SendGrid', code: 'deferred', kind: 'transient' },
];

describe('the provider answer table', () => {
  for (const c of CASES) {
    it(`${c.rule}: ${c.type}`, () => {
      assert.equal(describeProviderError(c.provider, c.error)?.row.id, c.rule, 'the row that describes it');
      const thrown = toActivityError(c.provider, c.error);
      if (c.type === 'transient') {
        assert.equal(thrown, c.error, 'rethrown unchanged: Temporal retries it');
        return;
      }
      assert.ok(thrown instanceof ApplicationFailure, String(thrown));
      assert.equal(thrown.type, c.type);
      assert.equal(thrown.nonRetryable, c.type !== 'RateLimited', 'only rate limits are retried');
      const details = thrown.details?.[0] as ProviderFailureDetails | undefined;
      assert.equal(details?.rule, c.rule);
      assert.equal(details?.provider, c.provider);
      assert.match(thrown.message, new RegExp(`^${c.provider} \\(${details?.kind ?? ''}\\): `));
    });
  }

  for (const c of REPORT_CASES) {
    it(`${c.rule}: delivery report ${c.code} → ${c.kind}`, () => {
      assert.equal(classifyDeliveryReport(c.provider, c.code), c.kind);
    });
  }

  it('has a case for every row', () => {
    const covered = new Set([...CASES, ...REPORT_CASES].map((c) => c.rule));
    const ids = ANSWER_TABLE.map((row) => row.id);
    assert.equal(new Set(ids).size, ids.length, 'row ids are unique');
    assert.deepEqual(
      ids.filter((id) => !covered.has(id)),
      [],
      'rows without a case',
    );
  });

  it('never repeats the provider text (it can hold the number or address)', () => {
    const thrown = toActivityError('Twilio', twilioError(400, 21211, "Invalid 'To' Phone Number: +4915100000001"));
    assert.ok(thrown instanceof ApplicationFailure);
    assert.doesNotMatch(thrown.message, /\+49/);
    const duplicate = toActivityError(
      'SendGrid',
      sendgridError(400, [
        { message: 'We found the first duplicate instance of [anna@student.test]', field: 'personalizations.3.to' },
      ]),
    );
    assert.ok(duplicate instanceof ApplicationFailure);
    assert.doesNotMatch(duplicate.message, /anna@/);
    assert.match(duplicate.message, /field personalizations\.3\.to/);
  });

  it('leaves errors that are no provider answer to Temporal (sockets, our own time-outs)', () => {
    const socket = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    for (const provider of ['SendGrid', 'Twilio', 'Salesforce', 'ChatWebhook'] as const) {
      assert.equal(toActivityError(provider, socket), socket);
    }
    const login = new Error('Unable to refresh session due to: connect ECONNREFUSED');
    assert.equal(toActivityError('Salesforce', login), login, 'a login that could not reach Salesforce');
  });
});
