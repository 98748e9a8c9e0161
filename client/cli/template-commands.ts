/**
 * `herald templates …`: Herald's message templates. Reading (list, show, diff, export) opens the
 * store (DATABASE_URL, else HERALD_DATA_DIR while the worker is stopped); changing (propose,
 * submit, approve, import) goes through the HTTP API as the token's person (docs/templates.md).
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { Command } from 'commander';
import { diffTemplateVersions } from '../../activities/templates/template-diff.ts';
import { formatTemplateFile, parseTemplateFile, templateFilePath } from '../../activities/templates/template-file.ts';
import type { TemplateVersion } from '../../activities/templates/template-lifecycle.ts';
import { templateHash } from '../../activities/templates/template-texts.ts';
import { SEED_ACTOR } from '../../activities/store/template-registry.ts';
import { ApiTemplates } from './api-templates.ts';
import type { CliContext } from './context.ts';
import { CommandExit, EXIT } from './exit-codes.ts';
import { templateReviewCommand } from './template-review-command.ts';
import { versionNumber } from './version-number.ts';
import { withStore } from './with-store.ts';

const line = (v: TemplateVersion): string =>
  [
    `${v.templateId} ${v.locale} v${v.version}`.padEnd(34),
    v.state.padEnd(10),
    `by ${v.author}`,
    v.approver ? `approved by ${v.approver} (${v.approverRole ?? 'seed'})` : '',
    v.review ? `review ${v.review.passed ? 'passed' : 'FAILED'}` : '',
  ]
    .filter(Boolean)
    .join('  ');

/** The version's accessibility review as `show` prints it: the verdict, then each finding. */
function reviewLines(v: TemplateVersion): string {
  const r = v.review;
  if (r === undefined) {
    return v.author === SEED_ACTOR
      ? 'review: none (a shipped text, recorded at seeding; the test suite reviews every shipped text)'
      : 'review: none yet (it runs at approval)';
  }
  const sms = r.sms ? `; SMS ${r.sms.chars} characters, ${r.sms.segments} segments (${r.sms.encoding})` : '';
  const head = `review: ${r.passed ? 'passed' : 'FAILED'} at ${r.at} (axe-core ${r.axe.version} in Chromium, lang ${r.locale}${sms})`;
  return [head, ...r.findings.map((f) => `  - ${f}`)].join('\n');
}

async function version(ctx: CliContext, templateId: string, locale: string, v?: number): Promise<TemplateVersion> {
  const found = await withStore(ctx, (store) => store.templates.get(templateId, locale, v));
  if (!found) throw new CommandExit(EXIT.notFound, `no template ${templateId} ${locale}${v ? ` v${v}` : ''}`);
  return found;
}

/** Every `.icu` file below `dir`. */
async function templateFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => {
    throw new CommandExit(EXIT.notFound, `no directory ${dir}`);
  });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.icu'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export function templateCommands(ctx: CliContext): Command {
  const templates = new Command('templates').description(
    'message templates: versions, diffs, proposals and approvals (docs/templates.md)',
  );

  templates
    .command('list', { isDefault: true })
    .description('every version of every template, oldest first')
    .argument('[templateId]', 'only this template')
    .option('--json', 'print JSON')
    .action(async (templateId: string | undefined, o: { json?: boolean }) => {
      const all = await withStore(ctx, (store) => store.templates.list(templateId));
      if (o.json) ctx.out.json(all);
      else for (const v of all) ctx.out.line(line(v));
    });

  templates
    .command('show <templateId> <locale>')
    .description('one version (the newest unless --version) with its texts')
    .option('--version <n>', 'this version', versionNumber)
    .option('--json', 'print JSON')
    .action(async (templateId: string, locale: string, o: { version?: number; json?: boolean }) => {
      const v = await version(ctx, templateId, locale, o.version);
      if (o.json) ctx.out.json(v);
      else ctx.out.line(`${line(v)}\n${reviewLines(v)}\n${formatTemplateFile({ ...v })}`);
    });

  templates
    .command('diff <templateId> <locale> <from> <to>')
    .description('a unified diff between two versions')
    .action(async (templateId: string, locale: string, from: string, to: string) => {
      const [a, b] = [
        await version(ctx, templateId, locale, versionNumber(from)),
        await version(ctx, templateId, locale, versionNumber(to)),
      ];
      ctx.out.line(diffTemplateVersions(a, b) || `v${a.version} and v${b.version} have the same texts`);
    });

  templates
    .command('export <dir>')
    .description('write the approved version of every template and locale as files, for review in a pull request')
    .action(async (dir: string) => {
      const approved = (await withStore(ctx, (store) => store.templates.list())).filter((v) => v.state === 'approved');
      for (const v of approved) {
        const path = join(dir, templateFilePath(v.templateId, v.locale));
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, formatTemplateFile(v));
      }
      ctx.out.line(`${approved.length} templates written to ${dir}`);
    });

  templates
    .command('import <dir>')
    .description('propose every file below <dir> whose texts differ from the approved version (through the API)')
    .option('--submit', 'also put each proposal into review')
    .option('--note <text>', 'why (kept with each proposal)')
    .action(async (dir: string, o: { submit?: boolean; note?: string }) => {
      const api = ApiTemplates.of(ctx);
      const files = await Promise.all(
        (await templateFiles(dir)).map(async (path) =>
          parseTemplateFile(await readFile(path, 'utf8'), relative(dir, path)),
        ),
      );
      const approved = await withStore(ctx, (store) => store.templates.list());
      const current = (id: string, locale: string) =>
        approved.find((v) => v.templateId === id && v.locale === locale && v.state === 'approved');
      let proposed = 0;
      for (const file of files) {
        if (current(file.templateId, file.locale)?.sha256 === templateHash(file.texts)) continue;
        const draft = await api.propose(file.templateId, file.locale, file.texts, o.note);
        const done = o.submit ? await api.submit(draft.templateId, draft.locale, draft.version) : draft;
        ctx.out.line(line(done));
        proposed++;
      }
      ctx.out.line(`${proposed} of ${files.length} files proposed (the others match the approved version)`);
    });

  templates
    .command('propose <templateId> <locale> <file>')
    .description('propose a new version from a file (as written by export) through the API; you are its author')
    .option('--submit', 'also put it into review')
    .option('--note <text>', 'why (kept with the proposal)')
    .action(async (templateId: string, locale: string, path: string, o: { submit?: boolean; note?: string }) => {
      const api = ApiTemplates.of(ctx);
      const file = parseTemplateFile(await readFile(path, 'utf8'), path);
      const draft = await api.propose(templateId, locale, file.texts, o.note);
      ctx.out.line(line(o.submit ? await api.submit(templateId, locale, draft.version) : draft));
    });

  templates
    .command('submit <templateId> <locale> <version>')
    .description('put a draft into review (through the API)')
    .action(async (templateId: string, locale: string, v: string) => {
      ctx.out.line(line(await ApiTemplates.of(ctx).submit(templateId, locale, versionNumber(v))));
    });

  templates
    .command('approve <templateId> <locale> <version>')
    .description(
      'approve a version in review (through the API): compliance or legal, never its author; the API runs the accessibility review first',
    )
    .action(async (templateId: string, locale: string, v: string) => {
      ctx.out.line(line(await ApiTemplates.of(ctx).approve(templateId, locale, versionNumber(v))));
    });

  templates.addCommand(templateReviewCommand(ctx));

  return templates;
}
