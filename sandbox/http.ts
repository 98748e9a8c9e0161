/**
 * Shared HTTP plumbing for the sandbox servers: body parsing, replies, listening and closing.
 * One copy, used by the Salesforce, SendGrid and Twilio stand-ins.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Largest request body the sandbox reads; real providers refuse far less than this. */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** Reads the whole request body. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body; `undefined` when empty, throws SyntaxError when malformed. */
export function parseJson(raw: string): unknown {
  return raw.length === 0 ? undefined : JSON.parse(raw);
}

/** Parses an application/x-www-form-urlencoded body; repeated keys keep the last value. */
export function parseForm(raw: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(raw));
}

/** Parses a body by its content type: JSON, form, or the raw text. */
export function parseBody(req: IncomingMessage, raw: string): unknown {
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded')) return parseForm(raw);
  if (type.includes('json')) {
    try {
      return parseJson(raw);
    } catch {
      return raw;
    }
  }
  return raw.length === 0 ? undefined : raw;
}

/** Answers with a JSON body. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Answers with a text body of the given content type (Bulk API CSV results). */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Answers with no body (202, 204). */
export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-length': '0', ...headers });
  res.end();
}

/** Drops the connection without an answer: the client sees a socket error. */
export function destroySocket(res: ServerResponse): void {
  res.socket?.destroy();
}

/** Bearer token from the Authorization header, if any. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return m?.[1]?.trim();
}

/** User and password from a Basic Authorization header, if any. */
export function basicCredentials(req: IncomingMessage): { user: string; password: string } | undefined {
  const m = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** A request handler that may be async; errors become a 500 so one bug cannot hang a test. */
export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** A listening sandbox server. */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Starts `handler` on 127.0.0.1 (port 0 picks a free port). */
export async function listen(handler: Handler, port = 0): Promise<RunningServer> {
  const server: Server = createServer((req, res) => {
    handler(req, res).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) return;
      sendJson(res, 500, { message: `sandbox error: ${err instanceof Error ? err.message : String(err)}` });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive sockets from SDK agents would otherwise hold close() open.
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Waits `ms`, unless `signal` aborts first (sandbox shutdown). */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
