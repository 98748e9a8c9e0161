/**
 * A real browser for accessibility checks: Debian's Chromium driven by playwright-core (no browser
 * download), with axe-core run inside the page. The template review uses it at approval; the
 * console's tests use it for WCAG 2.2 AA.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

/** Starts headless Chromium at `executablePath` (HERALD_CHROMIUM). */
export function launchChromium(executablePath: string): Promise<Browser> {
  // --no-sandbox: CI and containers run as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}

/** axe-core's tags for WCAG 2.2 A and AA: language, contrast of 4.5:1, names of links and images, titles. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

/** One rule axe-core found broken, as axe reports it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

let axeSource: Promise<string> | undefined;
const loadAxe = () => (axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));

/** axe-core's version and its violations of the rules tagged `tags` on the page as it is now. */
export async function runAxe(
  page: Page,
  tags: readonly string[],
): Promise<{ version: string; violations: AxeViolation[] }> {
  await page.addScriptTag({ content: await loadAxe() });
  return page.evaluate<{ version: string; violations: AxeViolation[] }>(
    `axe.run({ runOnly: { type: 'tag', values: ${JSON.stringify(tags)} } }).then((r) => ({ version: axe.version, violations: r.violations }))`,
  );
}
