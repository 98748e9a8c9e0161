/**
 * The operations console at /console, served by the API process with the API's tokens and roles:
 * server-rendered pages whose every action is a plain form post (no JavaScript needed), decided by
 * the same code as the API's actions (performAction). Forms carry the session's form token; the
 * session cookie is HttpOnly and SameSite=Strict.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { getNoticeDraft } from '../data-leak-client.ts';
import { businessIdSchema } from '../../workflows/domain/incident.ts';
import { ActionRejectedError } from '../procedure-client.ts';
import { ProblemError, RequestInvalid } from '../api/problem.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import type { ApiEnv } from '../api/routes/route-kit.ts';
import { identifyToken, rateLimited } from '../api/routes/route-kit.ts';
import { performAction, PROCEDURES } from '../api/routes/procedure-routes.ts';
import type { ProcedureApi } from '../api/routes/procedure-routes.ts';
import type { NoticeDraftText } from '../../workflows/data-leak/messages.ts';
import { bodyFromForm, formFieldsOf } from './action-fields.ts';
import type { FormValues } from './action-fields.ts';
import { IncidentPage } from './incident-page.tsx';
import type { ActionProblem, ActionView, AuditView, IncidentStatus, ReportLink } from './incident-page.tsx';
import { IncidentsPage } from './incidents-page.tsx';
import type { ConsoleSession, ConsoleSessions } from './sessions.ts';
import { formTokenMatches } from './sessions.ts';
import { SignedInPage, SignInPage } from './sign-in-page.tsx';
import type { SsoSignIns } from './sso-sign-in.ts';
import type { ApiCaller } from '../api/tokens.ts';
import { listProcedures } from './procedure-list.ts';
import { templateConsoleRoutes } from './template-console-routes.tsx';
import type { ListFilter } from './procedure-list.ts';

const COOKIE = 'herald_console';
/** Binds a single sign-on to the browser that started it (sso-sign-in.ts). */
const SSO_COOKIE = 'herald_console_sso';
const SSO_COOKIE_OPTIONS = { httpOnly: true, sameSite: 'Lax', path: '/console/sign-in' } as const;

export interface ConsoleOptions {
  sessions: ConsoleSessions;
  /** Temporal UI's address, for each procedure's link (e.g. http://localhost:8233). */
  temporalUiUrl: string;
  /**
   * The worker's store, when the API shares it: each procedure's audit trail with the chain's
   * verification, its stored reports, and the previous notice version for the diff. Absent: none.
   */
  store?: Pick<HeraldStore, 'audit' | 'documents'>;
  /** How often the list and a procedure's page refresh their status part (default 20 s). */
  liveEveryMs?: number;
  /** Single sign-on through the identity provider (authorization code + PKCE); absent: tokens only. */
  sso?: SsoSignIns;
  /** The console's public base address, for the provider's redirect back; absent: the request's. */
  publicUrl?: string;
}

const KIND_WORDS: Record<string, string> = { 'data-leaks': 'Data leak', lockouts: 'Compliance lockout' };

export function consoleRoutes(app: OpenAPIHono<ApiEnv>, options: ConsoleOptions): void {
  const { sessions } = options;
  const sessionOf = (c: Context<ApiEnv>) => sessions.find(getCookie(c, COOKIE));

  const startSession = (c: Context<ApiEnv>, caller: ApiCaller) => {
    const session = sessions.open(caller);
    setCookie(c, COOKIE, session.id, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: new URL(c.req.url).protocol === 'https:',
      path: '/console',
    });
  };
  const limitedByAddress = (c: Context<ApiEnv>) =>
    rateLimited(c, `console-sign-in:${c.req.header('x-forwarded-for') ?? 'local'}`);
  const sso = options.sso;

  app.get('/console/sign-in', (c) => c.html(<SignInPage sso={sso !== undefined} />));

  app.post('/console/sign-in', async (c) => {
    const limited = limitedByAddress(c);
    if (limited) return limited;
    const form = await c.req.parseBody();
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    const auth = await identifyToken(c.get('options'), token);
    if (!auth.ok) {
      const why = token === '' ? 'Enter your token.' : `That token was not accepted: ${auth.detail}.`;
      return c.html(<SignInPage problem={why} sso={sso !== undefined} />, auth.status === 503 ? 503 : 401);
    }
    startSession(c, auth.caller);
    return c.redirect('/console', 303);
  });

  // Single sign-on: off to the identity provider, and back with a code for an access token.
  const callbackUrl = (c: Context<ApiEnv>) =>
    `${options.publicUrl ?? new URL(c.req.url).origin}/console/sign-in/callback`;
  app.get('/console/sign-in/sso', (c) => {
    if (!sso) return c.text('Single sign-on is not configured: sign in with a token.', 404);
    const limited = limitedByAddress(c);
    if (limited) return limited;
    const back = callbackUrl(c);
    const { location, browser } = sso.begin(back);
    // Lax: the provider's redirect back is a top-level navigation from its site.
    setCookie(c, SSO_COOKIE, browser, { ...SSO_COOKIE_OPTIONS, secure: back.startsWith('https:'), maxAge: 600 });
    return c.redirect(location, 303);
  });

  app.get('/console/sign-in/callback', async (c) => {
    if (!sso) return c.text('Single sign-on is not configured: sign in with a token.', 404);
    const limited = limitedByAddress(c);
    if (limited) return limited;
    const outcome = await sso.finish(c.req.query(), getCookie(c, SSO_COOKIE));
    deleteCookie(c, SSO_COOKIE, SSO_COOKIE_OPTIONS);
    if (!outcome.ok) return c.html(<SignInPage sso ssoProblem={`Not signed in: ${outcome.problem}.`} />, 401);
    const auth = await identifyToken(c.get('options'), outcome.accessToken);
    if (!auth.ok) {
      const problem = `Your identity provider signed you in, but Herald did not accept its token: ${auth.detail}.`;
      return c.html(<SignInPage sso ssoProblem={problem} />, auth.status === 503 ? 503 : 403);
    }
    startSession(c, auth.caller);
    return c.html(<SignedInPage caller={auth.caller} />);
  });

  app.post('/console/sign-out', async (c) => {
    const session = sessionOf(c);
    const form = await c.req.parseBody();
    if (session && formTokenMatches(session, form.formToken)) sessions.close(session.id);
    deleteCookie(c, COOKIE, { path: '/console' });
    return c.redirect('/console/sign-in', 303);
  });

  app.get('/console', async (c) => {
    const session = sessionOf(c);
    if (!session) return c.redirect('/console/sign-in', 303);
    const q = c.req.query();
    const filter: ListFilter = {
      ...(q.phase ? { phase: q.phase } : {}),
      ...(q.severity ? { severity: q.severity } : {}),
      ...(q.needs === 'me' ? { needs: session.caller.role } : {}),
    };
    const rows = await listProcedures(c.get('options').client, filter);
    return c.html(
      <IncidentsPage
        caller={session.caller}
        formToken={session.formToken}
        filter={filter}
        rows={rows}
        now={new Date()}
        liveEveryMs={options.liveEveryMs ?? 20_000}
      />,
    );
  });

  // Business ids only: anything else names no procedure (and never reaches a header or a query).
  const knownIdShape: MiddlewareHandler<ApiEnv> = async (c, next) => {
    if (!businessIdSchema.safeParse(c.req.param('id')).success) return c.text('No such procedure.', 404);
    await next();
    return undefined;
  };
  templateConsoleRoutes(app, sessionOf);

  for (const p of PROCEDURES) {
    app.use(`/console/${p.path}/:id`, knownIdShape);
    app.use(`/console/${p.path}/:id/*`, knownIdShape);
    const render = async (
      c: Context<ApiEnv>,
      session: ConsoleSession,
      id: string,
      outcome: { notice?: string; problem?: ActionProblem; form?: Record<string, unknown> } = {},
      httpStatus: 200 | 403 | 409 | 422 = 200,
    ) => {
      const { client } = c.get('options');
      const handle = p.handle(client, id);
      const status = (await p.status(handle)) as IncidentStatus;
      const draft = p.path === 'data-leaks' ? await getNoticeDraft(handle) : null;
      const store = options.store;
      const audit = store ? await auditView(store.audit, id, handle.workflowId, status) : undefined;
      const previous =
        store && draft && draft.version > 1
          ? await store.documents.get(id, 'authority-notice', draft.version - 1)
          : null;
      const reports = store ? await storedReports(store.documents, id) : [];
      const ui = `${options.temporalUiUrl}/namespaces/${encodeURIComponent(client.options.namespace)}/workflows/${encodeURIComponent(handle.workflowId)}`;
      return c.html(
        <IncidentPage
          caller={session.caller}
          formToken={session.formToken}
          path={p.path}
          id={id}
          kindWords={KIND_WORDS[p.path] ?? p.path}
          status={status}
          draft={draft}
          actions={actionViews(p, session, draft, outcome)}
          temporalUiUrl={ui}
          now={new Date()}
          {...(audit ? { audit } : {})}
          {...(previous ? { previousText: previous.body } : {})}
          reports={reports}
          liveEveryMs={options.liveEveryMs ?? 20_000}
          {...(outcome.notice ? { notice: outcome.notice } : {})}
          {...(outcome.problem ? { problem: outcome.problem } : {})}
        />,
        httpStatus,
      );
    };

    app.get(`/console/${p.path}/:id`, async (c) => {
      const session = sessionOf(c);
      if (!session) return c.redirect('/console/sign-in', 303);
      const done = c.req.query('done');
      return render(c, session, c.req.param('id'), done ? { notice: `${done}: accepted by the procedure.` } : {});
    });

    app.get(`/console/${p.path}/:id/reports/:kind`, async (c) => {
      const session = sessionOf(c);
      if (!session) return c.redirect('/console/sign-in', 303);
      const kind = REPORT_KINDS.find((k) => k === c.req.param('kind'));
      const doc = kind && options.store ? await options.store.documents.latest(c.req.param('id'), kind) : null;
      if (!doc) return c.text(`No stored ${c.req.param('kind')} for ${c.req.param('id')}.`, 404);
      // Markdown as stored, as a download: never rendered into the console's own pages.
      return c.body(doc.body, 200, {
        'Content-Type': 'text/markdown; charset=utf-8',
        'Content-Disposition': `attachment; filename="${doc.incidentId}-${doc.kind}-v${doc.version}.md"`,
        'X-Content-Type-Options': 'nosniff',
      });
    });

    app.post(`/console/${p.path}/:id/actions/:action`, async (c) => {
      const session = sessionOf(c);
      if (!session) return c.redirect('/console/sign-in', 303);
      const id = c.req.param('id');
      const name = c.req.param('action');
      const form = await c.req.parseBody({ all: true });
      if (!formTokenMatches(session, form.formToken)) {
        return c.text('This form is stale or was not sent from the console: reload the page and try again.', 403);
      }
      const spec = p.actions[name];
      const fields = spec ? formFieldsOf(spec.fields) : null;
      try {
        await performAction(c.get('options'), session.caller, p, id, name, fields ? bodyFromForm(fields, form) : {});
      } catch (err) {
        const problem = actionProblem(name, err);
        if (!problem) throw err;
        return render(c, session, id, { problem: problem.problem, form }, problem.status);
      }
      return c.redirect(`/console/${p.path}/${encodeURIComponent(id)}?done=${encodeURIComponent(name)}`, 303);
    });
  }
}

/** The procedure's audit entries, and the whole chain verified against the head its history holds. */
async function auditView(
  audit: HeraldStore['audit'],
  id: string,
  workflowId: string,
  status: IncidentStatus,
): Promise<AuditView> {
  const head = status.auditHead;
  const [entries, verification] = await Promise.all([
    audit.list(id),
    audit.verify(head ? [{ ...head, at: '', where: `workflow ${workflowId}` }] : []),
  ]);
  return { entries: entries.map(({ seq, at, type, actor }) => ({ seq, at, type, actor })), verification };
}

const REPORT_KINDS = ['compliance-report', 'post-incident-report'] as const;

/** The newest stored report of each kind, for download. */
async function storedReports(documents: HeraldStore['documents'], id: string): Promise<ReportLink[]> {
  const found = await Promise.all(REPORT_KINDS.map((kind) => documents.latest(id, kind)));
  return found.flatMap((d) =>
    d ? [{ kind: d.kind, version: d.version, sha256: d.sha256, createdAt: d.createdAt }] : [],
  );
}

/** The actions the caller's role may take, each with its form (prefilled from the draft and the last post). */
function actionViews(
  p: ProcedureApi,
  session: ConsoleSession,
  draft: NoticeDraftText | null,
  outcome: { problem?: ActionProblem; form?: Record<string, unknown> },
): ActionView[] {
  return Object.entries(p.actions)
    .filter(([, spec]) => spec.roles.includes(session.caller.role))
    .map(([name, spec]) => {
      const prefill: FormValues = {};
      if (draft && (name === 'approve' || name === 'reject')) prefill.version = String(draft.version);
      if (draft && name === 'approve') prefill.sha256 = draft.sha256;
      if (outcome.problem?.action === name && outcome.form) {
        for (const [k, v] of Object.entries(outcome.form)) {
          const values = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
          if (k !== 'formToken' && values.length > 0) prefill[k] = Array.isArray(v) ? values : (values[0] as string);
        }
      }
      return { name, fields: formFieldsOf(spec.fields), prefill };
    });
}

/** A refusal to show on the page, naming the fields; undefined for errors the API's handler answers. */
function actionProblem(action: string, err: unknown): { problem: ActionProblem; status: 403 | 409 | 422 } | undefined {
  if (err instanceof RequestInvalid) {
    const issues = err.zodError.issues;
    const fields: Record<string, string> = {};
    // A group's field by its dotted name, as its control is named; a rule over the whole form under ''.
    for (const i of issues) fields[i.path.slice(0, 2).join('.')] ??= i.message;
    const message = issues.map((i) => `${i.path.join('.') || 'the form'}: ${i.message}`).join('; ');
    return { problem: { action, fields, message }, status: 422 };
  }
  if (err instanceof ActionRejectedError) return { problem: { action, fields: {}, message: err.message }, status: 409 };
  if (err instanceof ProblemError && err.status === 403) {
    return { problem: { action, fields: {}, message: err.message }, status: 403 };
  }
  return undefined;
}
