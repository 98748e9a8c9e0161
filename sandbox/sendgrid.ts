/**
 * SendGrid v3 stand-in: `POST /v3/mail/send`, the Email Activity API (`GET /v3/messages`) and the
 * key's scopes (`GET /v3/scopes`).
 */
import { randomBytes } from 'node:crypto';
import type { Fault } from './faults.ts';
import { bearerToken } from './http.ts';
import type { Permissions } from './permissions.ts';
import type { ProviderRequest, ProviderSpec, Reply } from './provider-server.ts';
import type { Refusals } from './refusals.ts';
import type { AcceptedEmail, RequestLog } from './request-log.ts';
import type { Revocations } from './revocations.ts';

const DOCS = 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html';
const MAX_PERSONALIZATIONS = 1000;
/** Deliberately simple: one @, no spaces, a dot in the domain. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A message as the Email Activity API lists it. */
interface StoredMessage {
  msg_id: string;
  from_email: string;
  to_email: string;
  subject: string;
  status: 'delivered';
  opens_count: number;
  clicks_count: number;
  last_event_time: string;
  unique_args: Record<string, string>;
}

interface Address {
  email?: unknown;
  name?: unknown;
}

interface Attachment {
  content?: unknown;
  filename?: unknown;
  type?: unknown;
}

interface Personalization {
  to?: Address[];
  subject?: unknown;
  custom_args?: Record<string, unknown>;
  substitutions?: Record<string, unknown>;
}

const fail = (status: number, message: string, field: string | null, help: string | null = null): Reply => ({
  status,
  body: { errors: [{ message, field, help }] },
});

function stringArgs(args: unknown): Record<string, string> {
  if (typeof args !== 'object' || args === null) return {};
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, String(v)]));
}

/** Replaces each substitution key (a literal token) with its value, as SendGrid does for content. */
function substitutions(subs: unknown): (text: string) => string {
  const pairs = Object.entries(stringArgs(subs));
  return (text) => pairs.reduce((out, [token, value]) => out.split(token).join(value), text);
}

/**
 * Validates a v3 mail/send body; returns the error reply, or undefined when acceptable. `refused`
 * addresses get the same answer as a malformed one.
 */
function validate(body: Record<string, unknown>, refused: (address: string) => boolean): Reply | undefined {
  const personalizations = body.personalizations as Personalization[] | undefined;
  if (!Array.isArray(personalizations) || personalizations.length === 0) {
    return fail(
      400,
      'The personalizations field is required and must have at least one personalization.',
      'personalizations',
      `${DOCS}#message.personalizations`,
    );
  }
  if (personalizations.length > MAX_PERSONALIZATIONS) {
    return fail(
      400,
      `The personalizations field must have no more than ${MAX_PERSONALIZATIONS} personalizations.`,
      'personalizations',
      `${DOCS}#message.personalizations`,
    );
  }
  for (const [i, p] of personalizations.entries()) {
    if (!Array.isArray(p.to) || p.to.length === 0) {
      return fail(
        400,
        'The to array is required for all personalization objects, and must have at least one email object with a valid email address.',
        `personalizations.${i}.to`,
        `${DOCS}#message.personalizations.to`,
      );
    }
    for (const [j, to] of p.to.entries()) {
      if (typeof to.email !== 'string' || !EMAIL.test(to.email) || refused(to.email)) {
        return fail(
          400,
          'Does not contain a valid address.',
          `personalizations.${i}.to.${j}.email`,
          `${DOCS}#message.personalizations.to`,
        );
      }
    }
    if (typeof (p.subject ?? body.subject) !== 'string' || String(p.subject ?? body.subject).length === 0) {
      return fail(
        400,
        'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.',
        'subject',
        `${DOCS}#message.subject`,
      );
    }
  }
  const from = body.from as Address | undefined;
  if (typeof from?.email !== 'string' || !EMAIL.test(from.email)) {
    return fail(
      400,
      'The from object must be provided for every email send. It is an object that requires an email parameter, but may also contain a name parameter.',
      'from',
      `${DOCS}#message.from`,
    );
  }
  const content = body.content as { type?: unknown; value?: unknown }[] | undefined;
  if (
    !Array.isArray(content) ||
    content.length === 0 ||
    content.some((c) => typeof c.value !== 'string' || c.value.length === 0)
  ) {
    return fail(
      400,
      'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block.',
      'content',
      `${DOCS}#message.content`,
    );
  }
  const types = content.map((c) => c.type);
  if (types.includes('text/html') && types.indexOf('text/plain') > types.indexOf('text/html')) {
    return fail(
      400,
      'If present, text/plain and text/html may only be provided in this order: text/plain, text/html.',
      'content',
      `${DOCS}#message.content`,
    );
  }
  const attachments = body.attachments as Attachment[] | undefined;
  if (attachments !== undefined) {
    const bad = Array.isArray(attachments)
      ? attachments.findIndex(
          (a) =>
            typeof a.filename !== 'string' ||
            a.filename.length === 0 ||
            typeof a.content !== 'string' ||
            !/^[A-Za-z0-9+/]+={0,2}$/.test(a.content),
        )
      : 0;
    if (bad >= 0) {
      return fail(
        400,
        'Each attachment needs a filename and base64-encoded content.',
        `attachments.${bad}`,
        `${DOCS}#message.attachments`,
      );
    }
  }
  return undefined;
}

/**
 * Parses the Email Activity query subset the adapter uses: clauses joined by AND, each
 * `unique_args['k']="v"`, `to_email="v"` or `msg_id="v"`. Returns null when unsupported.
 */
function parseActivityQuery(query: string): ((m: StoredMessage) => boolean) | null {
  const predicates: ((m: StoredMessage) => boolean)[] = [];
  const clause = /^\s*(?:unique_args\['([^']+)'\]|(to_email|msg_id))\s*=\s*"([^"]*)"\s*(?:AND\b|$)/i;
  let rest = query;
  while (rest.trim().length > 0) {
    const m = clause.exec(rest);
    if (!m) return null;
    const [, argName, column, value] = m;
    if (argName !== undefined) predicates.push((msg) => msg.unique_args[argName] === value);
    else if (column?.toLowerCase() === 'to_email')
      predicates.push((msg) => msg.to_email.toLowerCase() === value?.toLowerCase());
    else predicates.push((msg) => msg.msg_id === value);
    rest = rest.slice(m[0].length);
  }
  return predicates.length === 0 ? null : (msg) => predicates.every((p) => p(msg));
}

/** Builds the SendGrid provider; accepted messages go to `log` and to the activity store. */
export function sendgridSpec(options: {
  apiKey: string;
  log: RequestLog;
  revocations?: Revocations;
  /** While withdrawn, the key lacks mail.send and messages.read: 403 "access forbidden". */
  permissions?: Permissions;
  /** Addresses refused at request time, as malformed ones are. */
  refusals?: Refusals;
  /** Told of every accepted request's recipients (delivery callbacks). */
  onAccepted?: (rows: AcceptedEmail[]) => void;
}): ProviderSpec {
  const messages: StoredMessage[] = [];
  const unauthorized = fail(401, 'The provided authorization grant is invalid, expired, or revoked', null);

  function mailSend(request: ProviderRequest): Reply {
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return fail(400, 'Bad Request', null);
    }
    const mail = body as Record<string, unknown>;
    const invalid = validate(mail, (address) => options.refusals?.isAddressRefused(address) === true);
    if (invalid) return invalid;
    const messageId = randomBytes(16).toString('base64url').slice(0, 22);
    const at = new Date().toISOString();
    const content = mail.content as { type?: unknown; value: string }[];
    const text = (content.find((c) => c.type === 'text/plain') ?? content[0])?.value ?? '';
    const html = content.find((c) => c.type === 'text/html')?.value;
    const attachments = (Array.isArray(mail.attachments) ? (mail.attachments as Attachment[]) : []).map((a) => ({
      filename: typeof a.filename === 'string' ? a.filename : '',
      type: typeof a.type === 'string' ? a.type : 'application/octet-stream',
      content: Buffer.from(typeof a.content === 'string' ? a.content : '', 'base64').toString('utf8'),
    }));
    const rows: AcceptedEmail[] = [];
    for (const [i, p] of (mail.personalizations as Personalization[]).entries()) {
      const customArgs = { ...stringArgs(mail.custom_args), ...stringArgs(p.custom_args) };
      const substitute = substitutions(p.substitutions);
      const subject = substitute(String(p.subject ?? mail.subject));
      const personalText = substitute(text);
      for (const to of p.to as Address[]) {
        const email = String(to.email);
        rows.push({
          to: email,
          subject,
          text: personalText,
          ...(html === undefined ? {} : { html: substitute(html) }),
          customArgs,
          attachments,
          messageId,
          at,
        });
        messages.push({
          msg_id: `${messageId}.filterdrecv-sandbox-${i}.0`,
          from_email: String((mail.from as Address).email),
          to_email: email,
          subject,
          status: 'delivered',
          opens_count: 0,
          clicks_count: 0,
          last_event_time: at.replace(/\.\d{3}Z$/, 'Z'),
          unique_args: customArgs,
        });
      }
    }
    options.log.recordEmails(rows);
    options.onAccepted?.(rows);
    return { status: 202, headers: { 'x-message-id': messageId } };
  }

  function activity(request: ProviderRequest): Reply {
    const query = request.url.searchParams.get('query') ?? '';
    const predicate = parseActivityQuery(query);
    if (!predicate) return fail(400, 'invalid query', 'query');
    const limit = Math.min(1000, Math.max(1, Number(request.url.searchParams.get('limit') ?? 10) || 10));
    const found = messages.filter(predicate).slice(-limit).reverse();
    return { status: 200, body: { messages: found.map(({ unique_args: _ignored, ...m }) => m) } };
  }

  return {
    provider: 'sendgrid',
    faultable: () => true,
    faultReply(fault: Fault): Reply {
      switch (fault.kind) {
        case 'rate-limit': {
          const reset = Math.floor(Date.now() / 1000) + (fault.retryAfterSeconds ?? 2);
          return {
            ...fail(429, 'too many requests', null),
            headers: { 'x-ratelimit-limit': '600', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
          };
        }
        case 'session-expired':
          return unauthorized;
        case 'status':
          return fail(fault.status, fault.status >= 500 ? 'Internal Server Error' : 'Error', null);
        default:
          return fail(500, `fault ${fault.kind} does not apply here`, null);
      }
    },
    async handle(request) {
      if (bearerToken(request.req) !== options.apiKey || options.revocations?.isRevoked('sendgrid') === true) {
        return unauthorized;
      }
      const path = request.url.pathname;
      const scoped = options.permissions?.isWithdrawn('sendgrid') !== true;
      if (path === '/v3/scopes' && request.method === 'GET') {
        return { status: 200, body: { scopes: scoped ? ['mail.send', 'messages.read'] : ['user.profile.read'] } };
      }
      if (!scoped) return fail(403, 'access forbidden', null);
      if (path === '/v3/mail/send' && request.method === 'POST') return mailSend(request);
      if (path === '/v3/messages' && request.method === 'GET') return activity(request);
      return fail(404, 'Not Found', null);
    },
  };
}
