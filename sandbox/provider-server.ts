/**
 * The part every sandbox provider shares: log the request, apply any injected fault, run the
 * provider's handler and send its reply. Providers only describe replies; they never touch sockets.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault, Faults } from './faults.ts';
import { delay, destroySocket, parseBody, readBody, sendEmpty, sendJson, sendText } from './http.ts';
import type { Handler } from './http.ts';
import type { Provider, RequestLog } from './request-log.ts';

/** What a provider answers: a JSON `body`, a `text` body of its own type, or neither (empty). */
export interface Reply {
  status: number;
  body?: unknown;
  /** A non-JSON body, e.g. Bulk API CSV; wins over `body`. */
  text?: { contentType: string; content: string };
  headers?: Record<string, string>;
}

/** One request as a provider handler sees it. */
export interface ProviderRequest {
  req: IncomingMessage;
  method: string;
  url: URL;
  /** Parsed body: JSON, form fields, raw text, or undefined. */
  body: unknown;
}

/** A provider stand-in, described as pure request → reply logic plus its fault shapes. */
export interface ProviderSpec {
  provider: Provider;
  /** Whether injected faults apply to this request when the fault has no `match` of its own. */
  faultable(method: string, path: string): boolean;
  /** The provider's answer for a short-circuit fault (status, rate-limit, session-expired). */
  faultReply(fault: Fault, request: ProviderRequest): Reply;
  handle(request: ProviderRequest): Promise<Reply>;
}

interface Context {
  log: RequestLog;
  faults: Faults;
  /** Aborted when the sandbox closes, so slow faults do not hold it open. */
  shutdown: AbortSignal;
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return; // the client gave up (timeout); nothing to answer
  if (reply.text !== undefined) sendText(res, reply.status, reply.text.content, reply.text.contentType, reply.headers);
  else if (reply.body === undefined) sendEmpty(res, reply.status, reply.headers);
  else sendJson(res, reply.status, reply.body, reply.headers);
}

/** Wraps a provider spec into an HTTP handler with logging and fault injection. */
export function providerHandler(spec: ProviderSpec, ctx: Context): Handler {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const path = url.pathname + url.search;
    const raw = await readBody(req);
    const body = parseBody(req, raw);
    const entry = ctx.log.start({ provider: spec.provider, method, path, body, at: new Date().toISOString() });
    try {
      res.on('finish', () => {
        entry.status = res.statusCode;
      });
      const request: ProviderRequest = { req, method, url, body };

      const fault = ctx.faults.take(spec.provider, method, url.pathname, spec.faultable(method, url.pathname));
      if (fault) entry.fault = fault.kind;
      if (fault?.kind === 'slow') {
        await delay(fault.delayMs, ctx.shutdown);
      } else if (fault && fault.kind !== 'accept-then-fail' && fault.kind !== 'accept-then-timeout') {
        send(res, spec.faultReply(fault, request));
        return;
      }

      const reply = await spec.handle(request);
      if (fault?.kind === 'accept-then-fail' && reply.status < 400) {
        if (fault.mode === 'destroy-socket') destroySocket(res);
        else send(res, spec.faultReply({ kind: 'status', status: 500 }, request));
        return;
      }
      if (fault?.kind === 'accept-then-timeout' && reply.status < 400) {
        // Accepted and logged; the client hears nothing until it gives up, then the socket drops.
        await delay(fault.holdMs, ctx.shutdown);
        destroySocket(res);
        return;
      }
      send(res, reply);
    } finally {
      ctx.log.end();
    }
  };
}
