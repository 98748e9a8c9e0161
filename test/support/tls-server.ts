/**
 * A node:tls server on 127.0.0.1 (a free port) presenting a given certificate, for tests that
 * read certificates over a real handshake. It sends nothing and closes every connection on close().
 */
import { createServer } from 'node:tls';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import type { TestCertificate } from './tls-cert.ts';

export interface TestTlsServer {
  /** `127.0.0.1:<port>`. */
  endpoint: string;
  port: number;
  /** Handshakes completed so far. */
  handshakes(): number;
  close(): Promise<void>;
}

/** Starts a TLS server presenting `credentials` on 127.0.0.1, port chosen by the system. */
export async function startTlsServer(credentials: TestCertificate): Promise<TestTlsServer> {
  const sockets = new Set<Socket>();
  let handshakes = 0;
  const server = createServer({ cert: credentials.cert, key: credentials.key }, (socket) => {
    handshakes++;
    socket.on('error', () => {}); // a client hanging up right after the handshake is expected
    socket.end();
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => {}); // a client refusing our certificate is expected too
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `127.0.0.1:${port}`,
    port,
    handshakes: () => handshakes,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
