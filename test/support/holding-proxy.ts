/**
 * A TCP proxy on 127.0.0.1 that can hold traffic: while held, bytes are kept, not forwarded, so the
 * far side looks slow (a Temporal frontend that does not answer) without anything failing. Released,
 * everything held flows on in order.
 */
import { createServer, connect } from 'node:net';
import type { Socket } from 'node:net';

export interface HoldingProxy {
  port: number;
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

export async function startHoldingProxy(port: number, target: { host: string; port: number }): Promise<HoldingProxy> {
  let held = false;
  const queued: [Socket, Buffer][] = [];
  const sockets = new Set<Socket>();
  const forward = (to: Socket) => (chunk: Buffer) => {
    if (held) queued.push([to, chunk]);
    else to.write(chunk);
  };
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.on('data', forward(upstream));
    upstream.on('data', forward(client));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port,
    hold: () => {
      held = true;
    },
    release: () => {
      held = false;
      for (const [to, chunk] of queued.splice(0)) to.write(chunk);
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
