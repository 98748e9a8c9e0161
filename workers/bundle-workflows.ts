/**
 * `npm run bundle-workflows [-- <file>]`: bundles the workflow code once, ahead of time, so a
 * worker started with HERALD_WORKFLOW_BUNDLE=<file> loads it instead of running webpack at start
 * (seconds of CPU and ~250 MB of peak memory per worker). Build it from the same sources the
 * worker runs: the image does this in its build.
 *
 * The bundle carries the failure converter that encodes failure messages and stack traces: a
 * failure raised in workflow code is converted inside the bundle, and a bundle without it would
 * write those messages to Temporal in clear text even when payloads are encrypted. Without payload
 * keys the encoded attributes are plain JSON, which the SDK's clients decode whatever their own
 * converter's setting.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../client/codec/data-converter.ts';
import { WORKFLOWS_PATH } from './create-worker.ts';

/** The bundle as the image builds it: the workflows with the failure converter. */
export function bundleForImage(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: new DefaultLogger('WARN'),
  });
}

/** Writes the bundle to `file` and returns its size in bytes. */
export async function writeWorkflowBundle(file: string): Promise<number> {
  const { code } = await bundleForImage();
  await mkdir(dirname(resolve(file)), { recursive: true });
  await writeFile(file, code);
  return Buffer.byteLength(code);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? '.herald/workflow-bundle.js';
  const bytes = await writeWorkflowBundle(file);
  console.log(`workflow bundle written to ${file} (${(bytes / 2 ** 20).toFixed(1)} MiB)`);
}
