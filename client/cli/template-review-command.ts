/**
 * `herald templates review <id>`: the accessibility review that approval runs (axe-core in
 * Chromium over the email rendered with the sample parameters, the plain text, the SMS budget),
 * over a stored version or a template file, on its own — for an author before proposing, or to
 * see why a version was refused. It reads the store at most and changes nothing.
 */
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { parseTemplateFile } from '../../activities/templates/template-file.ts';
import type { TemplateReview } from '../../activities/templates/template-lifecycle.ts';
import { templateHash } from '../../activities/templates/template-texts.ts';
import {
  isTemplateId,
  SMS_BUDGET,
  TEMPLATE_IDS,
  validateTemplate,
} from '../../activities/templates/validate-template.ts';
import { ChromiumTemplateReviewer, ReviewUnavailable } from '../templates/template-reviewer.ts';
import type { ReviewedTexts } from '../templates/template-reviewer.ts';
import type { CliContext } from './context.ts';
import { CommandExit, EXIT } from './exit-codes.ts';
import { versionNumber } from './version-number.ts';
import { withStore } from './with-store.ts';

/** What is reviewed, and how the report names it. */
type Reviewed = ReviewedTexts & { label: string };

interface ReviewOptions {
  locale?: string;
  version?: number;
  file?: string;
  json?: boolean;
}

const badInput = (message: string) => new CommandExit(EXIT.usage, message);

/** The file's texts, when it is a template file for `templateId` (and `locale`, when given). */
async function fromFile(templateId: string, path: string, locale: string | undefined): Promise<Reviewed> {
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (error) {
    throw badInput(`cannot read ${path}: ${(error as Error).message}`);
  }
  let file;
  try {
    file = parseTemplateFile(content, path);
  } catch (error) {
    throw badInput(`${(error as Error).message} (a file as herald templates export writes it)`);
  }
  if (file.templateId !== templateId) throw badInput(`${path} is a file of ${file.templateId}, not ${templateId}`);
  if (locale !== undefined && file.locale !== locale)
    throw badInput(`${path} is the ${file.locale} variant, not ${locale}`);
  return { ...file, sha256: templateHash(file.texts), label: `${templateId} ${file.locale} from ${path}` };
}

/** The stored version (the newest unless `version`). */
async function fromStore(ctx: CliContext, templateId: string, locale: string, version?: number): Promise<Reviewed> {
  const found = await withStore(ctx, (store) => store.templates.get(templateId, locale, version));
  if (!found) throw badInput(`no template ${templateId} ${locale}${version ? ` v${version}` : ''} in the store`);
  return { ...found, label: `${templateId} ${locale} v${found.version} (${found.state})` };
}

/** The report: the verdict, each axe rule with its elements, the plain-text and SMS checks. */
export function reviewReport(label: string, review: TemplateReview): string {
  const { axe, findings } = review;
  const lines = [
    `${label}, sha256 ${review.sha256}`,
    `accessibility review: ${review.passed ? 'passed' : 'FAILED'} (axe-core ${axe.version} in Chromium, lang ${review.locale})`,
    axe.violations.length === 0
      ? 'email: no axe-core rule broken (WCAG 2.2 A and AA, best practices)'
      : `email: ${axe.violations.length} axe-core rule${axe.violations.length === 1 ? '' : 's'} broken`,
  ];
  for (const v of axe.violations) {
    lines.push(`  - ${v.id} (${v.impact ?? 'unrated'}): ${v.help}`);
    for (const target of v.targets ?? []) lines.push(`      at ${target}`);
  }
  const text = findings.filter((f) => f.startsWith('text:'));
  lines.push(
    text.length === 0 ? 'plain text: not empty' : `plain text: FAILED\n${text.map((f) => `  - ${f}`).join('\n')}`,
  );
  const sms = findings.filter((f) => f.startsWith('sms:'));
  const measured = review.sms
    ? `${review.sms.chars} characters, ${review.sms.segments} segment${review.sms.segments === 1 ? '' : 's'} (${review.sms.encoding})`
    : 'not measured';
  lines.push(
    sms.length === 0
      ? `SMS: fits (${SMS_BUDGET}): ${measured}`
      : `SMS: FAILED (${SMS_BUDGET}): ${measured}\n${sms.map((f) => `  - ${f}`).join('\n')}`,
  );
  return lines.join('\n');
}

export function templateReviewCommand(ctx: CliContext): Command {
  return new Command('review')
    .description(
      'run the accessibility review approval runs over a stored version or a template file; changes nothing (exit 0 passed, 1 failed, 2 bad input)',
    )
    .argument('<templateId>', 'the template, e.g. deadline-missed')
    .option('--locale <locale>', 'the variant (stored versions: default en; a file: must match its own)')
    .addOption(new Option('--version <n>', 'this stored version (default: the newest)').argParser(versionNumber))
    .addOption(
      new Option('--file <path>', 'a template file (as export writes it) instead of a stored version').conflicts(
        'version',
      ),
    )
    .option('--json', 'print the review as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ herald templates review deadline-missed --locale de\n  $ herald templates review deadline-missed --file templates/deadline-missed/en.icu',
    )
    .action(async (templateId: string, o: ReviewOptions) => {
      if (!isTemplateId(templateId)) {
        throw badInput(`no template ${templateId} (the templates are: ${TEMPLATE_IDS.join(', ')})`);
      }
      const subject = o.file
        ? await fromFile(templateId, o.file, o.locale)
        : await fromStore(ctx, templateId, o.locale ?? 'en', o.version);
      // Texts that would be refused at proposal cannot be rendered for review; the SMS budget is the review's.
      const invalid = validateTemplate(templateId, subject.locale, subject.texts).problems.filter(
        (p) => !p.startsWith('sms:'),
      );
      if (invalid.length > 0) {
        throw badInput(`${subject.label} does not validate, so it cannot be reviewed:\n  - ${invalid.join('\n  - ')}`);
      }
      let review: TemplateReview;
      try {
        [review] = (await new ChromiumTemplateReviewer(ctx.config.HERALD_CHROMIUM).review(
          [subject],
          () => new Date(),
        )) as [TemplateReview];
      } catch (error) {
        if (error instanceof ReviewUnavailable) throw new CommandExit(EXIT.error, error.message);
        throw error;
      }
      if (o.json) ctx.out.json({ templateId, locale: subject.locale, review });
      else ctx.out.line(reviewReport(subject.label, review));
      if (!review.passed) {
        const broken = [
          ...review.axe.violations.map((v) => v.id),
          ...review.findings.filter((f) => !f.startsWith('email:')),
        ];
        throw new CommandExit(
          EXIT.reviewFailed,
          `${subject.label} fails the accessibility review: ${broken.join('; ')}`,
        );
      }
    });
}
