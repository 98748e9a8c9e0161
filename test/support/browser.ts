/**
 * A real browser for the console's tests: Debian's Chromium (HERALD_CHROMIUM, else the default)
 * through the runtime module the template review uses; axe-core's WCAG 2.2 AA rules.
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium, runAxe, WCAG_TAGS } from '../../client/browser/axe-in-chromium.ts';
import { DEFAULT_CHROMIUM } from '../../workers/config.ts';

/** The Chromium the tests drive. */
export const CHROMIUM = process.env.HERALD_CHROMIUM ?? DEFAULT_CHROMIUM;

export function launchBrowser(): Promise<Browser> {
  return launchChromium(CHROMIUM);
}

/** axe-core's violations on the page as it is now, one line each ('' when none). */
export async function axeViolations(page: Page): Promise<string> {
  const { violations } = await runAxe(page, WCAG_TAGS);
  return violations
    .map((v) => `${v.id} (${v.impact ?? '?'}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)
    .join('\n');
}
