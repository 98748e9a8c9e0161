/**
 * The console's template pages at /console/templates: the list, one template and locale, and the
 * lifecycle's posts (propose, submit, approve), decided by the API's own functions
 * (template-actions.ts: the same roles, validation, accessibility review and approval rules).
 * Shown only when the API has the template registry, as /v1/templates is: the shared store.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { diffTemplateVersions } from '../../activities/templates/template-diff.ts';
import type { TemplateTexts } from '../../activities/templates/template-texts.ts';
import { TEMPLATE_FIELDS } from '../../activities/templates/template-texts.ts';
import { ProblemError } from '../api/problem.ts';
import type { ApiEnv } from '../api/routes/route-kit.ts';
import { approveVersion, foundVersion, proposeVersion, submitVersion } from '../api/routes/template-actions.ts';
import type { TemplateRouteOptions } from '../api/routes/template-actions.ts';
import { proposalSchema, variantParams } from '../api/routes/template-routes.ts';
import type { ConsoleSession } from './sessions.ts';
import { formTokenMatches } from './sessions.ts';
import { TemplatePage } from './template-page.tsx';
import { TemplatesPage, variantHref } from './templates-page.tsx';

type SessionOf = (c: Context<ApiEnv>) => ConsoleSession | undefined;
type Outcome = { notice?: string; problem?: string; proposal?: { texts: TemplateTexts; note: string } };
type RefusalStatus = 400 | 403 | 404 | 409 | 503;

/** What a step did, by the name its redirect carries (never text from the address itself). */
const DONE: Record<string, string> = {
  proposed: 'proposed: a draft, with you as its author',
  submitted: 'submitted: in review',
  approved: 'approved: procedures started from now on pin it',
};
type Done = keyof typeof DONE;

const STALE_FORM = 'This form is stale or was not sent from the console: reload the page and try again.';

/** A form's text, with the browser's CRLF line ends back to the LF the stored texts use. */
const posted = (form: Record<string, unknown>, name: string): string =>
  typeof form[name] === 'string' ? form[name].replace(/\r\n?/g, '\n') : '';

const versionOf = (raw: string | undefined): number | undefined =>
  raw !== undefined && /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : undefined;

export function templateConsoleRoutes(app: OpenAPIHono<ApiEnv>, sessionOf: SessionOf): void {
  const templatesOf = (c: Context<ApiEnv>): TemplateRouteOptions | undefined => c.get('options').templates;

  app.get('/console/templates', async (c) => {
    const session = sessionOf(c);
    if (!session) return c.redirect('/console/sign-in', 303);
    const templates = templatesOf(c);
    const versions = templates ? await templates.registry.list() : undefined;
    return c.html(
      <TemplatesPage caller={session.caller} formToken={session.formToken} {...(versions ? { versions } : {})} />,
    );
  });

  /** The page of one template and locale, with what the last step did or why it was refused. */
  const render = async (
    c: Context<ApiEnv>,
    session: ConsoleSession,
    templates: TemplateRouteOptions,
    templateId: string,
    locale: string,
    outcome: Outcome = {},
    status: 200 | RefusalStatus = 200,
  ) => {
    const versions = (await templates.registry.list(templateId)).filter((v) => v.locale === locale);
    if (versions.length === 0) return c.text(`No template ${templateId} in ${locale}.`, 404);
    const q = c.req.query();
    const chosen = versionOf(q.version);
    const selected = versions.find((v) => v.version === chosen) ?? versions.at(-1)!;
    const [from, to] = [versionOf(q.from), versionOf(q.to)];
    const diff =
      from !== undefined && to !== undefined
        ? {
            from,
            to,
            text: diffTemplateVersions(
              await foundVersion(templates.registry, templateId, locale, from),
              await foundVersion(templates.registry, templateId, locale, to),
            ),
          }
        : undefined;
    const approved = versions.find((v) => v.state === 'approved') ?? selected;
    return c.html(
      <TemplatePage
        caller={session.caller}
        formToken={session.formToken}
        templateId={templateId}
        locale={locale}
        versions={versions}
        selected={selected}
        {...(diff ? { diff } : {})}
        proposal={outcome.proposal ?? { texts: approved.texts, note: '' }}
        {...(outcome.notice ? { notice: outcome.notice } : {})}
        {...(outcome.problem ? { problem: outcome.problem } : {})}
      />,
      status,
    );
  };

  /** Signed in, a known shape of template id and locale, and the registry: else the answer to give. */
  const guard = (c: Context<ApiEnv>) => {
    const session = sessionOf(c);
    if (!session) return { answer: c.redirect('/console/sign-in', 303) };
    const params = variantParams.safeParse({ templateId: c.req.param('templateId'), locale: c.req.param('locale') });
    if (!params.success) return { answer: c.text('No such template.', 404) };
    const templates = templatesOf(c);
    if (!templates) return { answer: c.redirect('/console/templates', 303) };
    return { session, templates, ...params.data };
  };

  app.get('/console/templates/:templateId/:locale', async (c) => {
    const g = guard(c);
    if ('answer' in g) return g.answer;
    const done = DONE[c.req.query('done') ?? ''];
    const version = versionOf(c.req.query('version'));
    try {
      const outcome = done && version ? { notice: `v${version} ${done}.` } : {};
      return await render(c, g.session, g.templates, g.templateId, g.locale, outcome);
    } catch (error) {
      if (error instanceof ProblemError && error.status === 404) return c.text(error.message, 404);
      throw error;
    }
  });

  /** Runs one lifecycle step from a posted form; a refusal is shown on the page, naming its reason. */
  const step = (
    path: string,
    perform: (
      templates: TemplateRouteOptions,
      session: ConsoleSession,
      p: { templateId: string; locale: string; version: number | undefined },
      form: Record<string, unknown>,
    ) => Promise<{ version: number; done: Done }>,
  ) =>
    app.post(path, async (c) => {
      const g = guard(c);
      if ('answer' in g) return g.answer;
      const form = await c.req.parseBody();
      if (!formTokenMatches(g.session, form.formToken)) return c.text(STALE_FORM, 403);
      const p = { templateId: g.templateId, locale: g.locale, version: versionOf(c.req.param('version')) };
      try {
        const { version, done } = await perform(g.templates, g.session, p, form);
        const to = `${variantHref(p.templateId, p.locale)}?version=${version}&done=${encodeURIComponent(done)}`;
        return c.redirect(to, 303);
      } catch (error) {
        if (!(error instanceof ProblemError)) throw error;
        const proposal = path.endsWith('/propose') ? { proposal: proposalOf(form) } : {};
        const problem = `Refused: ${error.message}`;
        return render(c, g.session, g.templates, p.templateId, p.locale, { problem, ...proposal }, error.status);
      }
    });

  step('/console/templates/:templateId/:locale/propose', async (templates, session, p, form) => {
    const parsed = proposalSchema.safeParse(bodyOf(form));
    if (!parsed.success) {
      const why = parsed.error.issues.map((i) => `${String(i.path.at(-1) ?? 'the form')}: ${i.message}`).join('; ');
      throw new ProblemError(400, 'Template invalid', why);
    }
    const draft = await proposeVersion(templates, session.caller, { ...p, ...parsed.data });
    return { version: draft.version, done: 'proposed' };
  });

  step('/console/templates/:templateId/:locale/:version/submit', async (templates, session, p) => {
    const v = await submitVersion(templates, session.caller, p.templateId, p.locale, versionOrRefuse(p.version));
    return { version: v.version, done: 'submitted' };
  });

  step('/console/templates/:templateId/:locale/:version/approve', async (templates, session, p) => {
    const v = await approveVersion(templates, session.caller, p.templateId, p.locale, versionOrRefuse(p.version));
    return { version: v.version, done: 'approved' };
  });
}

function versionOrRefuse(version: number | undefined): number {
  if (version === undefined) throw new ProblemError(404, 'No such template', 'no such version');
  return version;
}

/** The propose form as the API's body: the five parts, and the note when there is one. */
function bodyOf(form: Record<string, unknown>): { texts: TemplateTexts; note?: string } {
  const { texts, note } = proposalOf(form);
  return { texts, ...(note.trim() ? { note: note.trim() } : {}) };
}

function proposalOf(form: Record<string, unknown>): { texts: TemplateTexts; note: string } {
  const texts = Object.fromEntries(TEMPLATE_FIELDS.map((f) => [f, posted(form, f)])) as unknown as TemplateTexts;
  return { texts, note: posted(form, 'note') };
}
