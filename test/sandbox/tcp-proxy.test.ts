/** The store-outage proxy in front of a TCP echo server: pass, refuse, stall then heal, drop replies. */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createConnection, createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startTcpProxy } from '../../sandbox/tcp-proxy.ts';
import type { TcpProxy } from '../../sandbox/tcp-proxy.ts';

let echo: Server;
/** What the echo server received, in order. */
const received: string[] = [];
const echoSockets = new Set<Socket>();
let proxy: TcpProxy;

before(async () => {
  echo = createServer((socket) => {
    echoSockets.add(socket);
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk.toString());
      socket.write(chunk);
    });
    socket.on('error', () => {});
  });
  echo.listen(0, '127.0.0.1');
  await once(echo, 'listening');
  proxy = await startTcpProxy({ host: '127.0.0.1', port: (echo.address() as AddressInfo).port });
});
after(async () => {
  await proxy.close();
  for (const socket of echoSockets) socket.destroy();
  echo.close();
});

async function connect(): Promise<Socket> {
  const socket = createConnection(proxy.port, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

/** The next chunk the socket receives, or the error that ends it. */
function nextAnswer(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    socket.once('data', (chunk: Buffer) => resolve(chunk.toString()));
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(`error ${err.code ?? err.message}`));
    socket.once('close', () => resolve('closed'));
  });
}

describe('TCP proxy', () => {
  it('passes both ways', async () => {
    proxy.setMode('pass');
    const socket = await connect();
    socket.write('ping');
    assert.equal(await nextAnswer(socket), 'ping');
    socket.destroy();
  });

  it('refuse: resets open connections and every new one', async () => {
    proxy.setMode('pass');
    const open = await connect();
    const answer = nextAnswer(open);
    proxy.setMode('refuse');
    assert.equal(await answer, 'error ECONNRESET');
    const fresh = createConnection(proxy.port, '127.0.0.1');
    assert.match(await nextAnswer(fresh), /^error ECONNRESET|^closed$/);
    proxy.setMode('pass');
  });

  it('stall: holds what is sent, delivers it once healed', async () => {
    proxy.setMode('pass');
    const socket = await connect();
    proxy.setMode('stall');
    const before = received.length;
    const answer = nextAnswer(socket);
    socket.write('held');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(received.length, before, 'nothing reached the server while stalled');
    proxy.setMode('pass');
    assert.equal(await answer, 'held', 'delivered after the stall, not lost');
    socket.destroy();
  });

  it('drop-replies: the server acts, the client hears nothing and is reset', async () => {
    proxy.setMode('pass');
    const socket = await connect();
    proxy.setMode('drop-replies', { holdMs: 50 });
    const answer = nextAnswer(socket);
    socket.write('acted');
    assert.equal(await answer, 'error ECONNRESET', 'no echo, then a reset');
    assert.equal(received.at(-1), 'acted', 'the server got it');
    assert.ok(proxy.counts().reset >= 1);
    proxy.setMode('pass');
  });
});
