/**
 * The accessibility review of template versions in a real browser: each version's email, rendered
 * with the sample parameters (activities/templates/review-template.ts), is opened in Chromium and
 * judged by axe-core. One Chromium serves every version of one review run (a launch costs ~1 s).
 */
import type { Browser } from 'playwright-core';
import { reviewOf, reviewSubject } from '../../activities/templates/review-template.ts';
import type { TemplateReview, TemplateVersion } from '../../activities/templates/template-lifecycle.ts';
import { launchChromium, runAxe, WCAG_TAGS } from '../browser/axe-in-chromium.ts';
import type { AxeViolation } from '../browser/axe-in-chromium.ts';

/** WCAG 2.2 A and AA, and axe's best practices (a first-level heading, no empty heading). */
export const EMAIL_AXE_TAGS: readonly string[] = [...WCAG_TAGS, 'best-practice'];

/** What a review judges: the texts of one template and locale (a stored version, or a file's). */
export type ReviewedTexts = Pick<TemplateVersion, 'templateId' | 'locale' | 'texts' | 'sha256'>;

/** Reviews versions; throws ReviewUnavailable when it cannot run at all. */
export interface TemplateReviewer {
  review(versions: readonly ReviewedTexts[], now: () => Date): Promise<TemplateReview[]>;
}

/** The review could not run (no browser): nothing was judged. */
export class ReviewUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewUnavailable';
  }
}

/** Reviews in Debian's Chromium at `executablePath`. */
export class ChromiumTemplateReviewer implements TemplateReviewer {
  readonly #executablePath: string;

  constructor(executablePath: string) {
    this.#executablePath = executablePath;
  }

  async review(versions: readonly ReviewedTexts[], now: () => Date): Promise<TemplateReview[]> {
    const subjects = versions.map(reviewSubject);
    let browser: Browser;
    try {
      browser = await launchChromium(this.#executablePath);
    } catch (error) {
      throw new ReviewUnavailable(
        `the accessibility review needs Chromium, which did not start from ${this.#executablePath} ` +
          `(${firstLine(error)}); install it, set HERALD_CHROMIUM, or set HERALD_TEMPLATE_REVIEW=off to approve without the review`,
      );
    }
    try {
      const context = await browser.newContext({ javaScriptEnabled: true });
      // One page for every version: setContent replaces the whole document each time, and a new
      // page per version (a new renderer, a cold axe-core) cost four times as much.
      const page = await context.newPage();
      // The email is the page: nothing is fetched, nothing leaves the machine.
      await page.route('**/*', (route) => route.abort());
      const reviews: TemplateReview[] = [];
      for (const [i, version] of versions.entries()) {
        const subject = subjects[i]!;
        await page.setContent(subject.html, { waitUntil: 'load' });
        const axe = await runAxe(page, EMAIL_AXE_TAGS);
        const violations = axe.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.length,
          targets: v.nodes.map(targetOf),
        }));
        reviews.push(reviewOf(version, subject, { version: axe.version, violations }, now().toISOString()));
      }
      return reviews;
    } finally {
      await browser.close();
    }
  }
}

/** axe's selector of one element: one per frame (several when nested in shadow roots), joined. */
function targetOf(node: AxeViolation['nodes'][number]): string {
  return node.target.flat().map(String).join(' ');
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
