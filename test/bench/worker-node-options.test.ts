/**
 * The benchmarks measure the worker as the image runs it: their worker processes get exactly the
 * Node options of the Dockerfile's `ENV NODE_OPTIONS` (heap, semi-space, GC helper threads).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { WORKER_NODE_OPTIONS } from '../../bench/pipeline-steps.ts';
import { PROJECT_ROOT } from '../support/worker-process.ts';

describe("the benchmarks' worker Node options", () => {
  it("are the image's", async () => {
    const dockerfile = await readFile(join(PROJECT_ROOT, 'Dockerfile'), 'utf8');
    const image = /^ENV NODE_OPTIONS="([^"]*)"$/m.exec(dockerfile);
    assert.ok(image, 'the Dockerfile sets ENV NODE_OPTIONS="…"');
    assert.equal(WORKER_NODE_OPTIONS, image[1]);
  });
});
