/**
 * A TCP proxy on 127.0.0.1 in front of a server (a PostgreSQL socket, any TCP service) that fails
 * on demand, for store outages:
 * - `pass`: forwards both ways;
 * - `refuse`: resets every open connection and each new one at once (the server is down);
 * - `stall`: forwards nothing either way until the mode changes, then carries on (a network
 *   partition: clients time out, or wait, and a healed link delivers what was held);
 * - `drop-replies`: the server gets what clients send and acts on it, clients hear nothing back,
 *   and each connection is reset `holdMs` after its first lost reply (accepted, then timed out).
 */
import { createConnection, createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

export const PROXY_MODES = ['pass', 'refuse', 'stall', 'drop-replies'] as const;
export type ProxyMode = (typeof PROXY_MODES)[number];

/** Where the proxy forwards to: a unix socket path, or a host and port. */
export type ProxyTarget = { path: string } | { host: string; port: number };

export interface TcpProxy {
  /** The port the proxy listens on (127.0.0.1). */
  port: number;
  mode(): ProxyMode;
  /** Switches the mode for open and new connections. */
  setMode(mode: ProxyMode, options?: { holdMs?: number }): void;
  /** Connections accepted so far, and those reset by a fault. */
  counts(): { accepted: number; reset: number };
  close(): Promise<void>;
}

interface Link {
  client: Socket;
  upstream: Socket | undefined;
  dropTimer: NodeJS.Timeout | undefined;
}

/** Starts the proxy (port 0 picks a free port). */
export async function startTcpProxy(target: ProxyTarget, port = 0): Promise<TcpProxy> {
  let mode: ProxyMode = 'pass';
  let holdMs = 1_500;
  const links = new Set<Link>();
  const counts = { accepted: 0, reset: 0 };

  const reset = (link: Link): void => {
    if (link.dropTimer) clearTimeout(link.dropTimer);
    if (!link.client.destroyed) counts.reset++;
    // A socket already ending (its client hung up) is closed, not reset: resetting one with its
    // shutdown in flight leaves the handle open on Node 24, and the process never exits.
    const ending = link.client.destroyed || link.client.readableEnded || link.client.writableEnded;
    if (ending) link.client.destroy();
    else link.client.resetAndDestroy();
    link.upstream?.destroy();
    links.delete(link);
  };

  const connectUpstream = (link: Link): void => {
    const upstream = 'path' in target ? createConnection(target.path) : createConnection(target.port, target.host);
    link.upstream = upstream;
    upstream.on('error', () => reset(link));
    upstream.on('close', () => link.client.destroy());
    link.client.on('data', (chunk: Buffer) => {
      if (!upstream.destroyed) upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (mode !== 'drop-replies') {
        link.client.write(chunk);
        return;
      }
      // The server acted; the client will never know. It hears a reset once its wait is long enough.
      link.dropTimer ??= setTimeout(() => reset(link), holdMs);
    });
  };

  /** Applies the current mode to one link: pauses both sides while stalled, resumes otherwise. */
  const apply = (link: Link): void => {
    if (mode === 'refuse') {
      reset(link);
      return;
    }
    const stalled = mode === 'stall';
    if (!stalled && link.upstream === undefined) connectUpstream(link);
    for (const socket of [link.client, link.upstream]) {
      if (socket === undefined) continue;
      if (stalled) socket.pause();
      else socket.resume();
    }
  };

  const server: Server = createServer((client) => {
    counts.accepted++;
    const link: Link = { client, upstream: undefined, dropTimer: undefined };
    links.add(link);
    client.on('error', () => reset(link));
    client.on('close', () => {
      if (link.dropTimer) clearTimeout(link.dropTimer);
      link.upstream?.destroy();
      links.delete(link);
    });
    apply(link);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    port: (server.address() as AddressInfo).port,
    mode: () => mode,
    setMode(next, options = {}) {
      mode = next;
      holdMs = options.holdMs ?? holdMs;
      for (const link of [...links]) apply(link);
    },
    counts: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const link of [...links]) {
          link.client.destroy();
          link.upstream?.destroy();
        }
        links.clear();
        server.close(() => resolve());
      }),
  };
}
