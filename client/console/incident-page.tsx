/**
 * One procedure: where it stands (deadlines and legal clocks soonest first, acknowledgement,
 * escalation, deliveries, blocked services), the authority-notice text legal reviews, and a form
 * for each action the signed-in role may take. The server decides every action (the API's rules).
 */
import { diffLines } from 'diff';
import type { ApiCaller } from '../api/tokens.ts';
import type { BlockedService } from '../../workflows/domain/blocked.ts';
import type { DeliveryCounts, LegalClock, MilestoneStatus } from '../../workflows/domain/status.ts';
import type { NoticeDraftText } from '../../workflows/data-leak/messages.ts';
import type { FormField } from './action-fields.ts';
import { Page, ScrollRegion } from './layout.tsx';
import { countdown } from './procedure-list.ts';

/** What the page reads of either procedure's status. */
export interface IncidentStatus {
  severity: string;
  phase: string;
  detectedAt: string;
  milestones: MilestoneStatus<string>[];
  legalClocks?: LegalClock[];
  acknowledgement: { by: ApiCaller; at: string } | null;
  escalationLevel: number;
  deliveries: { email: DeliveryCounts; sms: DeliveryCounts };
  blocked?: BlockedService[];
  closedReason?: string;
  authorityNotice?: { pendingApprovals: string[] };
  auditHead?: { seq: number; hash: string };
}

/** The procedure's audit entries and the chain's verification. */
export interface AuditView {
  entries: { seq: number; at: string; type: string; actor: string }[];
  verification: { ok: boolean; entries: number; problem?: string };
}

export interface ActionView {
  name: string;
  /** Null: not a plain form; the CLI and API take it. */
  fields: FormField[] | null;
  prefill: Record<string, string>;
}

/** A refused or invalid action: which form, which fields, and why. */
export interface ActionProblem {
  action: string;
  fields: Record<string, string>;
  message: string;
}

export interface IncidentPageProps {
  caller: ApiCaller;
  formToken: string;
  path: string;
  id: string;
  kindWords: string;
  status: IncidentStatus;
  draft: NoticeDraftText | null;
  actions: ActionView[];
  temporalUiUrl: string;
  now: Date;
  notice?: string;
  problem?: ActionProblem;
  audit?: AuditView;
  /** The previous notice version's text, for the diff legal reviews. */
  previousText?: string;
  reports: ReportLink[];
  /** How often the status part refreshes itself where JavaScript runs. */
  liveEveryMs: number;
}

/** A stored report the page links to for download. */
export interface ReportLink {
  kind: string;
  version: number;
  sha256: string;
  createdAt: string;
}

interface Deadline {
  title: string;
  kind: string;
  dueAt: string | null;
  state: string;
  source: string;
}

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

function When(props: { iso: string; now: Date }) {
  return (
    <time datetime={props.iso}>
      {utc(props.iso)}
      <span class="hint countdown">{` (${countdown(new Date(props.iso), props.now)})`}</span>
      <span class="local" />
    </time>
  );
}

function deadlines(s: IncidentStatus): Deadline[] {
  const rows: Deadline[] = [
    ...s.milestones.map((m) => ({
      title: m.title,
      kind: 'milestone',
      dueAt: m.dueAt,
      state: m.state,
      source: m.source,
    })),
    ...(s.legalClocks ?? []).map((c) => ({
      title: c.title,
      kind: `legal clock, ${c.regime}, id ${c.id}`,
      dueAt: c.dueAt,
      state: c.state ?? 'shown',
      source: c.source,
    })),
  ];
  return rows.sort((a, b) => (a.dueAt ? Date.parse(a.dueAt) : Infinity) - (b.dueAt ? Date.parse(b.dueAt) : Infinity));
}

function Field(props: { action: string; field: FormField; value?: string; error?: string }) {
  const { field } = props;
  const id = `${props.action}-${field.name}`;
  const described = [field.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = {
    id,
    name: field.name,
    required: field.required,
    'aria-invalid': props.error ? 'true' : undefined,
    'aria-describedby': described || undefined,
  };
  return (
    <div>
      <label for={id}>
        {field.name}
        {field.required ? '' : ' (optional)'}
      </label>
      {field.hint && (
        <p class="hint" id={`${id}-hint`}>
          {field.hint}
        </p>
      )}
      {props.error && (
        <p class="error-text" id={`${id}-error`}>
          {props.error}
        </p>
      )}
      {field.kind === 'long-text' ? (
        <textarea {...common}>{props.value ?? ''}</textarea>
      ) : field.kind === 'choice' || field.kind === 'yes-no' ? (
        <select {...common}>
          {!field.required && <option value="">—</option>}
          {(field.options ?? ['yes', 'no']).map((o) => (
            <option value={o} selected={o === props.value}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type={field.kind === 'number' ? 'number' : 'text'} value={props.value ?? ''} />
      )}
    </div>
  );
}

function ActionForm(props: { page: IncidentPageProps; action: ActionView }) {
  const { page, action } = props;
  const problem = page.problem?.action === action.name ? page.problem : undefined;
  const headingId = `action-${action.name}`;
  return (
    <section class="action" aria-labelledby={headingId}>
      <h3 id={headingId}>{action.name}</h3>
      {action.fields === null ? (
        <p class="hint">{`Take this action with \`herald\` or the API (POST /v1/${page.path}/${page.id}/actions/${action.name}).`}</p>
      ) : (
        <form method="post" action={`/console/${page.path}/${encodeURIComponent(page.id)}/actions/${action.name}`}>
          <input type="hidden" name="formToken" value={page.formToken} />
          {action.fields.map((f) => (
            <Field action={action.name} field={f} value={action.prefill[f.name]} error={problem?.fields[f.name]} />
          ))}
          <p>
            <button type="submit">{action.name}</button>
          </p>
        </form>
      )}
    </section>
  );
}

/** What changed since the previous version, line by line: removals struck through, additions marked. */
function NoticeDiff(props: { before: string; after: string; version: number }) {
  const parts = diffLines(props.before, props.after);
  return (
    <>
      <h3>{`Changes from v${props.version - 1} to v${props.version}`}</h3>
      <pre class="diff" aria-label={`Changes from version ${props.version - 1}`}>
        {parts.map((part) =>
          part.added ? <ins>{part.value}</ins> : part.removed ? <del>{part.value}</del> : <span>{part.value}</span>,
        )}
      </pre>
    </>
  );
}

function AuditSection(props: { audit: AuditView }) {
  const { verification, entries } = props.audit;
  return (
    <>
      <h2>Audit trail</h2>
      <p class={verification.ok ? 'state-met' : 'state-missed'}>
        {verification.ok
          ? `The chain verifies: ${verification.entries} entries, none edited or missing, and this procedure's recorded head is in it.`
          : `The chain is BROKEN: ${verification.problem ?? 'unknown problem'}`}
      </p>
      <ScrollRegion label="Audit trail">
        <table>
          <caption>{`${entries.length} entries for this procedure, oldest first`}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When (UTC)</th>
              <th scope="col">What</th>
              <th scope="col">Who</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr>
                <td>{String(e.seq)}</td>
                <td>{utc(e.at)}</td>
                <td>{e.type}</td>
                <td>{e.actor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}

/**
 * Progressive enhancement, constant text: times in the viewer's zone, and live updates of the
 * status part every `liveEveryMs` (paused by the button, while the tab is hidden, and while a form is
 * being filled in), announced politely when something changed.
 */
const PAGE_SCRIPT = `(() => {
  const localTimes = () => {
    for (const t of document.querySelectorAll('time[datetime] .local')) {
      const at = new Date(t.parentElement.getAttribute('datetime'));
      t.textContent = ' — your time: ' + at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    }
  };
  localTimes();
  const live = document.getElementById('live-status');
  const toggle = document.getElementById('live-toggle');
  const said = document.getElementById('live-said');
  if (!live || !toggle || !window.fetch || !window.DOMParser) return;
  toggle.parentElement.hidden = false;
  let paused = false;
  let editing = false;
  document.addEventListener('input', () => { editing = true; });
  toggle.addEventListener('click', () => {
    paused = !paused;
    toggle.setAttribute('aria-pressed', String(paused));
    toggle.textContent = paused ? 'Resume live updates' : 'Pause live updates';
  });
  // What changed, leaving out the countdowns and the local times (they change by themselves).
  const facts = (el) => {
    const copy = el.cloneNode(true);
    for (const e of copy.querySelectorAll('.countdown, .local')) e.remove();
    return copy.textContent;
  };
  setInterval(async () => {
    if (paused || editing || document.hidden) return;
    try {
      const res = await fetch(location.pathname, { credentials: 'same-origin' });
      if (!res.ok) return;
      const next = new DOMParser().parseFromString(await res.text(), 'text/html').getElementById('live-status');
      if (!next) return;
      const changed = facts(next) !== facts(live);
      live.innerHTML = next.innerHTML;
      localTimes();
      if (changed) said.textContent = 'Updated at ' + new Date().toLocaleTimeString();
    } catch {}
  }, Number(live.dataset.every) || 20000);
})();`;

export function IncidentPage(props: IncidentPageProps) {
  const s = props.status;
  const problemText = props.problem ? `${props.problem.action} refused: ${props.problem.message}` : undefined;
  return (
    <Page
      title={`${props.id} (${s.phase})`}
      caller={props.caller}
      formToken={props.formToken}
      {...(props.notice ? { notice: props.notice } : {})}
      {...(problemText ? { problem: problemText } : {})}
    >
      <h1>{`${props.kindWords} ${props.id}`}</h1>
      <p class="live-controls" hidden>
        <button type="button" class="secondary" id="live-toggle" aria-pressed="false">
          Pause live updates
        </button>{' '}
        <span id="live-said" role="status" aria-live="polite" />
      </p>
      <div id="live-status" data-every={String(props.liveEveryMs)}>
        <dl class="facts">
          <dt>Phase</dt>
          <dd>{s.closedReason ? `${s.phase}: ${s.closedReason}` : s.phase}</dd>
          <dt>Severity</dt>
          <dd>{s.severity}</dd>
          <dt>Detected</dt>
          <dd>
            <When iso={s.detectedAt} now={props.now} />
          </dd>
          <dt>Acknowledged</dt>
          <dd>{s.acknowledgement ? `by ${s.acknowledgement.by.id} at ${utc(s.acknowledgement.at)}` : 'not yet'}</dd>
          <dt>Escalation level</dt>
          <dd>{String(s.escalationLevel)}</dd>
          <dt>In Temporal UI</dt>
          <dd>
            <a href={props.temporalUiUrl}>open the workflow</a>
          </dd>
        </dl>

        <h2>Deadlines and legal clocks</h2>
        <ScrollRegion label="Deadlines and legal clocks">
          <table>
            <caption>Soonest first; times in UTC, and in your time zone where the page can tell it</caption>
            <thead>
              <tr>
                <th scope="col">Duty</th>
                <th scope="col">Due</th>
                <th scope="col">State</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {deadlines(s).map((d) => (
                <tr>
                  <th scope="row">
                    {d.title}
                    <span class="hint">{` (${d.kind})`}</span>
                  </th>
                  <td>{d.dueAt ? <When iso={d.dueAt} now={props.now} /> : 'no due time'}</td>
                  <td class={`state-${d.state}`}>{d.state}</td>
                  <td>{d.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>

        <h2>Blocked services</h2>
        {(s.blocked ?? []).length === 0 ? (
          <p>None: every service answers.</p>
        ) : (
          <ul>
            {(s.blocked ?? []).map((b) => (
              <li>
                <strong>{b.service}</strong>
                {` ${b.permanent ? 'blocked' : 'failing'} since ${utc(b.since)} (${b.failureType}): ${b.cause}. Waiting: ${b.steps.join(', ') || 'nothing'}.`}
              </li>
            ))}
          </ul>
        )}

        <h2>Deliveries</h2>
        <ScrollRegion label="Deliveries">
          <table>
            <caption>Messages by channel</caption>
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col">Accepted</th>
                <th scope="col">Failed</th>
                <th scope="col">Duplicates skipped</th>
              </tr>
            </thead>
            <tbody>
              {(['email', 'sms'] as const).map((c) => (
                <tr>
                  <th scope="row">{c}</th>
                  <td>{String(s.deliveries[c].accepted)}</td>
                  <td>{String(s.deliveries[c].failed)}</td>
                  <td>{String(s.deliveries[c].duplicatesSkipped)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </div>

      {s.authorityNotice && (
        <>
          <h2>Authority notice</h2>
          {s.authorityNotice.pendingApprovals.length > 0 && (
            <p>{`Waiting for: ${s.authorityNotice.pendingApprovals.join('; ')}`}</p>
          )}
          {props.draft ? (
            <>
              <dl class="facts">
                <dt>Version</dt>
                <dd>{String(props.draft.version)}</dd>
                <dt>State</dt>
                <dd>{props.draft.state}</dd>
                <dt>SHA-256</dt>
                <dd>
                  <code>{props.draft.sha256}</code>
                </dd>
              </dl>
              <pre aria-label="The exact notice text">{props.draft.text}</pre>
              {props.previousText !== undefined && (
                <NoticeDiff before={props.previousText} after={props.draft.text} version={props.draft.version} />
              )}
            </>
          ) : (
            <p>No draft yet.</p>
          )}
        </>
      )}

      {props.reports.length > 0 && (
        <>
          <h2>Reports</h2>
          <ul>
            {props.reports.map((r) => (
              <li>
                <a href={`/console/${props.path}/${encodeURIComponent(props.id)}/reports/${r.kind}`}>
                  {`${r.kind} v${r.version} (Markdown, ${utc(r.createdAt)})`}
                </a>
                <span class="hint">{` SHA-256 ${r.sha256}`}</span>
              </li>
            ))}
          </ul>
        </>
      )}

      {props.audit && <AuditSection audit={props.audit} />}

      <h2>Actions</h2>
      {props.actions.length === 0 ? (
        <p>{`Your role (${props.caller.role}) takes no actions on this procedure.`}</p>
      ) : (
        props.actions.map((a) => <ActionForm page={props} action={a} />)
      )}
      {/* A constant script: nothing from a request is in it. */}
      <script dangerouslySetInnerHTML={{ __html: PAGE_SCRIPT }} />
    </Page>
  );
}
