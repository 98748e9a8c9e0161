/** The local dev server's start: it never runs beside another server on its port. */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { startDevServer } from '../../workers/local-temporal.ts';

test('a dev server refuses a port something already listens on, naming it (a crashed run’s server is not reused)', async () => {
  const squatter = createServer();
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  const { port } = squatter.address() as AddressInfo;
  try {
    await assert.rejects(startDevServer({ port }), new RegExp(`port ${port} is already in use`));
  } finally {
    await new Promise<void>((resolve) => squatter.close(() => resolve()));
  }
});
