/**
 * The codec server Temporal UI (and `temporal --codec-endpoint`) calls to show Herald's encrypted
 * payloads decrypted to authorised users: `POST /encode` and `POST /decode` with
 * `{ payloads: [{ metadata: { k: base64 }, data: base64 }] }`, CORS for the UI's origin, and a
 * bearer token or an OIDC access token on every call (codec-auth.ts). Bad requests get a 4xx
 * naming the problem; never a 5xx.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { isLoopbackHost } from '../../workers/config.ts';
import { codecAuthenticator } from './codec-auth.ts';
import type { CodecAuthOptions } from './codec-auth.ts';

export interface CodecServerOptions extends CodecAuthOptions {
  codec: PayloadCodec;
  /** Origins allowed to call from a browser, e.g. Temporal UI's `http://127.0.0.1:8233`. */
  allowedOrigins: readonly string[];
  /** Largest request body; default 4 MiB (two 2 MB payloads). */
  maxBodyBytes?: number;
}

interface WirePayload {
  metadata?: Record<string, string>;
  data?: string;
}

class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function fromWire(p: unknown, i: number): Payload {
  if (typeof p !== 'object' || p === null) throw new BadRequest(400, `payloads.${i}: must be an object`);
  const { metadata = {}, data = '' } = p as WirePayload;
  if (typeof metadata !== 'object' || metadata === null)
    throw new BadRequest(400, `payloads.${i}.metadata: must be an object`);
  const decoded: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(metadata)) {
    if (typeof v !== 'string' || !BASE64.test(v))
      throw new BadRequest(400, `payloads.${i}.metadata.${k}: must be base64`);
    decoded[k] = new Uint8Array(Buffer.from(v, 'base64'));
  }
  if (typeof data !== 'string' || !BASE64.test(data)) throw new BadRequest(400, `payloads.${i}.data: must be base64`);
  return { metadata: decoded, data: new Uint8Array(Buffer.from(data, 'base64')) };
}

function toWire(p: Payload): WirePayload {
  return {
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
    ),
    data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
  };
}

async function readBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BadRequest(413, `request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest(400, 'body must be JSON: {"payloads": [...]}');
  }
}

/** The request handler, for tests and for embedding. */
export function codecServerHandler(options: CodecServerOptions) {
  const limit = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const authenticate = codecAuthenticator(options);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const origin = req.headers.origin;
    if (origin && options.allowedOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Methods', 'POST, GET, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'X-Namespace, Content-Type, Authorization');
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      const path = new URL(req.url ?? '/', 'http://codec').pathname;
      if (req.method === 'OPTIONS') {
        res.writeHead(origin && options.allowedOrigins.includes(origin) ? 204 : 403);
        res.end();
        return;
      }
      if (req.method === 'GET' && path === '/health') return send(200, { ok: true });
      const action = path === '/encode' ? 'encode' : path === '/decode' ? 'decode' : null;
      if (action === null) return send(404, { error: `no such endpoint: ${req.method ?? ''} ${path}` });
      if (req.method !== 'POST') return send(405, { error: `${path} takes POST` });
      const auth = await authenticate(req.headers.authorization);
      if (!auth.ok) {
        if (auth.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
        return send(auth.status, { error: auth.detail });
      }
      const body = await readBody(req, limit);
      const list = (body as { payloads?: unknown }).payloads;
      if (!Array.isArray(list)) throw new BadRequest(400, 'payloads: must be an array');
      const payloads = list.map(fromWire);
      let result: Payload[];
      try {
        result = await options.codec[action](payloads);
      } catch (err) {
        // A payload this server cannot decrypt (unknown key, tampered): the caller's problem, named.
        throw new BadRequest(422, err instanceof Error ? err.message : String(err));
      }
      send(200, { payloads: result.map(toWire) });
    } catch (err) {
      if (err instanceof BadRequest) send(err.status, { error: err.message });
      else send(400, { error: 'bad request' });
    }
  };
}

export interface RunningCodecServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Listens on `host:port` (default 127.0.0.1, a free port). Refuses to start without
 * authentication, except on loopback with `allowUnauthenticated`.
 */
export async function startCodecServer(
  options: CodecServerOptions & { port?: number; host?: string },
): Promise<RunningCodecServer> {
  const host = options.host ?? '127.0.0.1';
  if (options.token === undefined && options.oidc === undefined && !isLoopbackHost(host)) {
    throw new Error(`the codec server refuses to listen on ${host} without a token or OIDC`);
  }
  const handler = codecServerHandler(options);
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
