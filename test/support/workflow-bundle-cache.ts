/**
 * The workflow bundle, built once per version of the workflow code and shared by every test
 * process: webpack costs about 5 s of CPU per bundle, and the suite starts dozens of workers.
 * The key hashes every file under workflows/ (the bundle's only sources: what it imports from
 * elsewhere is types), how the image bundles and the converter it adds, and the lockfile (the SDK
 * and libraries bundled with them), so a changed workflow is always bundled afresh. HERALD_TEST_BUNDLE_CACHE=off bundles every time.
 *
 * Two kinds: as a worker without payload keys bundles at start (the default), and as the image
 * builds it (`asImage`: `npm run bundle-workflows`'s, for processes started with HERALD_WORKFLOW_BUNDLE).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleForImage } from '../../workers/bundle-workflows.ts';
import { WORKFLOWS_PATH } from '../../workers/create-worker.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CACHE_DIR = join(tmpdir(), `herald-workflow-bundles-${process.getuid?.() ?? 'user'}`);

/** A bundle and the file holding its code (for HERALD_WORKFLOW_BUNDLE of a worker process). */
export interface CachedBundle extends WorkflowBundleWithSourceMap {
  codePath: string;
}

/** Files besides workflows/ that change what a bundle holds. */
const BUNDLE_INPUTS = ['workers/bundle-workflows.ts', 'client/codec/failure-converter.ts', 'package-lock.json'];

/** Hash of everything a bundle is made from. */
export function workflowSourceKey(root = ROOT): string {
  const hash = createHash('sha256');
  const files = [...listFiles(join(root, 'workflows')).sort(), ...BUNDLE_INPUTS.map((file) => join(root, file))];
  for (const file of files) hash.update(file.slice(root.length)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 32);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The cached bundle for today's sources, bundled and stored first if there is none. */
export async function cachedWorkflowBundle(options: { asImage?: boolean } = {}): Promise<CachedBundle> {
  const codePath = join(CACHE_DIR, `${workflowSourceKey()}${options.asImage ? '-image' : ''}.js`);
  const mapPath = `${codePath}.map`;
  if (process.env.HERALD_TEST_BUNDLE_CACHE !== 'off' && existsSync(codePath) && existsSync(mapPath)) {
    const [code, sourceMap] = await Promise.all([readFile(codePath, 'utf8'), readFile(mapPath, 'utf8')]);
    return { code, sourceMap, codePath };
  }
  const { code, sourceMap } = options.asImage
    ? await bundleForImage()
    : await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: new DefaultLogger('WARN') });
  await mkdir(CACHE_DIR, { recursive: true });
  // Map first, code last, each renamed into place whole: a reader that sees the code sees both.
  await writeWhole(mapPath, sourceMap);
  await writeWhole(codePath, code);
  return { code, sourceMap, codePath };
}

async function writeWhole(file: string, text: string): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, text);
  await rename(partial, file);
}
