/**
 * Twilio Programmable Messaging stand-in: create and list Messages under /2010-04-01/Accounts/{Sid},
 * and fetch the account itself.
 */
import { randomBytes } from 'node:crypto';
import type { Fault } from './faults.ts';
import { basicCredentials } from './http.ts';
import type { Permissions } from './permissions.ts';
import type { ProviderRequest, ProviderSpec, Reply } from './provider-server.ts';
import { TWILIO_REFUSALS } from './refusals.ts';
import type { Refusals } from './refusals.ts';
import type { AcceptedSms, RequestLog } from './request-log.ts';
import type { Revocations } from './revocations.ts';

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
  /** The sandbox's sender number, for convenience; any From is accepted. */
  fromNumber: string;
}

/** E.164 with at least 8 digits, as Twilio's "is this a mobile number at all" check. */
const E164 = /^\+[1-9]\d{7,14}$/;
const API = '/2010-04-01';

interface StoredSms {
  sid: string;
  accountSid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  created: Date;
}

const twilioError = (status: number, code: number, message: string): Reply => ({
  status,
  body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
});

/** Twilio writes dates in RFC 2822 with a numeric zone. */
function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

function resource(m: StoredSms, listed: boolean): Record<string, unknown> {
  const created = rfc2822(m.created);
  return {
    account_sid: m.accountSid,
    api_version: '2010-04-01',
    body: m.body,
    date_created: created,
    // The sandbox "sends" at once: listings show the message as sent.
    date_sent: listed ? created : null,
    date_updated: created,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: m.from,
    messaging_service_sid: m.messagingServiceSid,
    num_media: '0',
    num_segments: String(Math.max(1, Math.ceil(m.body.length / 160))),
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status: listed ? 'sent' : m.from === null ? 'accepted' : 'queued',
    subresource_uris: { media: `${API}/Accounts/${m.accountSid}/Messages/${m.sid}/Media.json` },
    to: m.to,
    uri: `${API}/Accounts/${m.accountSid}/Messages/${m.sid}.json`,
  };
}

/** The account resource as Twilio answers a fetch. */
function accountResource(sid: string): Record<string, unknown> {
  const created = rfc2822(new Date('2020-01-01T00:00:00Z'));
  return {
    auth_token: '[redacted]',
    date_created: created,
    date_updated: created,
    friendly_name: 'Herald sandbox account',
    owner_account_sid: sid,
    sid,
    status: 'active',
    subresource_uris: { messages: `${API}/Accounts/${sid}/Messages.json` },
    type: 'Full',
    uri: `${API}/Accounts/${sid}.json`,
  };
}

/** Parses a DateSent filter value: a date (whole UTC day) or an ISO instant. */
function parseDateFilter(value: string): Date | undefined {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Builds the Twilio provider; accepted messages go to `log` and to the listing store. */
export function twilioSpec(options: {
  credentials: TwilioCredentials;
  log: RequestLog;
  optedOut: ReadonlySet<string>;
  /** When Twilio is revoked, every request is refused (20003). */
  revocations?: Revocations;
  /** While withdrawn, the credentials lack the Messages permission: 403 with 70051. */
  permissions?: Permissions;
  /** Numbers refused at create with a documented code (21211, 21408, 21610, 21612, 21614). */
  refusals?: Refusals;
  /** Told of every accepted SMS and its StatusCallback (delivery callbacks). */
  onAccepted?: (sms: AcceptedSms, statusCallback: string | undefined) => void;
}): ProviderSpec {
  const { credentials } = options;
  const store: StoredSms[] = [];
  // Lookups name the recipient: an index keeps them cheap at 100,000 messages.
  const byRecipient = new Map<string, StoredSms[]>();

  function create(request: ProviderRequest, accountSid: string): Reply {
    const form = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
      string,
      string
    >;
    const { To: to, From: from, MessagingServiceSid: service, Body: body } = form;
    if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
    if (!from && !service) return twilioError(400, 21603, "A 'From' phone number is required.");
    if (!body) return twilioError(400, 21602, 'Message body is required.');
    if (!E164.test(to)) return twilioError(400, 21211, `Invalid 'To' Phone Number: ${to}`);
    if (options.optedOut.has(to)) return twilioError(400, 21610, 'Attempt to send to unsubscribed recipient');
    const refusal = options.refusals?.numberRefusal(to);
    if (refusal !== undefined) return twilioError(400, refusal, TWILIO_REFUSALS[refusal](to));
    const sms: StoredSms = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      accountSid,
      to,
      from: from ?? null,
      messagingServiceSid: service ?? null,
      body,
      created: new Date(),
    };
    store.push(sms);
    byRecipient.set(to, [...(byRecipient.get(to) ?? []), sms]);
    const accepted = { to, from: from ?? service ?? '', body, sid: sms.sid, at: sms.created.toISOString() };
    options.log.recordSms(accepted);
    options.onAccepted?.(accepted, form.StatusCallback);
    return { status: 201, body: resource(sms, false) };
  }

  function list(request: ProviderRequest, accountSid: string): Reply {
    const q = request.url.searchParams;
    const after = q.get('DateSent>') ?? undefined;
    const before = q.get('DateSent<') ?? undefined;
    const afterDate = after === undefined ? undefined : parseDateFilter(after);
    const beforeDate = before === undefined ? undefined : parseDateFilter(before);
    if ((after !== undefined && !afterDate) || (before !== undefined && !beforeDate)) {
      return twilioError(400, 20001, 'Invalid DateSent filter');
    }
    const to = q.get('To');
    const from = q.get('From');
    const pageSize = Math.min(1000, Math.max(1, Number(q.get('PageSize') ?? 50) || 50));
    const page = Math.max(0, Number(q.get('Page') ?? 0) || 0);
    const matching = (to === null ? store : (byRecipient.get(to) ?? []))
      .filter((m) => m.accountSid === accountSid)
      .filter((m) => to === null || m.to === to)
      .filter((m) => from === null || m.from === from)
      .filter((m) => !afterDate || m.created >= afterDate)
      .filter((m) => !beforeDate || m.created < beforeDate)
      .reverse(); // newest first, as Twilio lists
    const slice = matching.slice(page * pageSize, (page + 1) * pageSize);
    const base = `${API}/Accounts/${accountSid}/Messages.json`;
    const pageUri = (n: number): string => {
      const params = new URLSearchParams(q);
      params.set('PageSize', String(pageSize));
      params.set('Page', String(n));
      return `${base}?${params.toString()}`;
    };
    const hasNext = (page + 1) * pageSize < matching.length;
    return {
      status: 200,
      body: {
        messages: slice.map((m) => resource(m, true)),
        uri: pageUri(page),
        first_page_uri: pageUri(0),
        next_page_uri: hasNext ? pageUri(page + 1) : null,
        previous_page_uri: page > 0 ? pageUri(page - 1) : null,
        page,
        page_size: pageSize,
        start: page * pageSize,
        end: page * pageSize + Math.max(0, slice.length - 1),
      },
    };
  }

  return {
    provider: 'twilio',
    faultable: () => true,
    faultReply(fault: Fault): Reply {
      switch (fault.kind) {
        case 'rate-limit': {
          const reply = twilioError(429, 20429, 'Too Many Requests');
          return fault.retryAfterSeconds === undefined
            ? reply
            : { ...reply, headers: { 'retry-after': String(fault.retryAfterSeconds) } };
        }
        case 'session-expired':
          return twilioError(401, 20003, 'Authenticate');
        case 'status':
          return twilioError(
            fault.status,
            fault.status >= 500 ? 20500 : 20001,
            fault.status >= 500 ? 'Internal Server Error' : 'Bad Request',
          );
        default:
          return twilioError(500, 20500, `fault ${fault.kind} does not apply here`);
      }
    },
    async handle(request) {
      const m = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(request.url.pathname);
      const auth = basicCredentials(request.req);
      if (
        options.revocations?.isRevoked('twilio') === true ||
        !auth ||
        auth.user !== credentials.accountSid ||
        auth.password !== credentials.authToken ||
        (m && m[1] !== auth.user)
      ) {
        return twilioError(401, 20003, 'Authenticate');
      }
      if (options.permissions?.isWithdrawn('twilio') === true) return twilioError(403, 70051, 'Authorization Failed');
      const account = /^\/2010-04-01\/Accounts\/([^/]+)\.json$/.exec(request.url.pathname);
      if (account?.[1] && request.method === 'GET') {
        if (account[1] !== auth.user) return twilioError(404, 20404, 'The requested resource was not found');
        return { status: 200, body: accountResource(account[1]) };
      }
      if (!m?.[1]) return twilioError(404, 20404, 'The requested resource was not found');
      if (request.method === 'POST') return create(request, m[1]);
      if (request.method === 'GET') return list(request, m[1]);
      return twilioError(405, 20004, 'Method not allowed');
    },
  };
}
