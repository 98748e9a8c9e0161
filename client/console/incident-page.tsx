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
import type { FormField, FormValues } from './action-fields.ts';
import { Page, ScrollRegion } from './layout.tsx';
import { LiveScript, LiveStatus, utc, When } from './live-updates.tsx';

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
  prefill: FormValues;
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

/** A field's hint and error paragraphs, and the ids that describe its control. */
function FieldNotes(props: { id: string; field: FormField; error?: string }) {
  const { id, field, error } = props;
  return (
    <>
      {field.hint && (
        <p class="hint" id={`${id}-hint`}>
          {field.hint}
        </p>
      )}
      {error && (
        <p class="error-text" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

const describedBy = (id: string, field: FormField, error?: string) =>
  [field.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** Several of a list: a checkbox per option, in a fieldset that names the field. */
function SeveralField(props: { id: string; field: FormField; value?: string | string[]; error?: string }) {
  const { id, field } = props;
  const chosen = Array.isArray(props.value) ? props.value : props.value ? [props.value] : [];
  return (
    <fieldset class="several" aria-describedby={describedBy(id, field, props.error)}>
      <legend>{`${field.label}${field.required ? '' : ' (optional)'}`}</legend>
      <FieldNotes id={id} field={field} {...(props.error ? { error: props.error } : {})} />
      {(field.options ?? []).map((o) => (
        <label class="choice">
          <input type="checkbox" name={field.name} value={o} checked={chosen.includes(o)} /> {o}
        </label>
      ))}
    </fieldset>
  );
}

function Field(props: { action: string; field: FormField; value?: string | string[]; error?: string }) {
  const { field } = props;
  const id = `${props.action}-${field.name.replace('.', '-')}`;
  if (field.kind === 'several') return <SeveralField id={id} {...props} />;
  const value = Array.isArray(props.value) ? props.value.at(-1) : props.value;
  const common = {
    id,
    name: field.name,
    required: field.required,
    'aria-invalid': props.error ? 'true' : undefined,
    'aria-describedby': describedBy(id, field, props.error),
  };
  return (
    <div>
      <label for={id}>
        {field.label}
        {field.required ? '' : ' (optional)'}
      </label>
      <FieldNotes id={id} field={field} {...(props.error ? { error: props.error } : {})} />
      {field.kind === 'long-text' ? (
        <textarea {...common}>{value ?? ''}</textarea>
      ) : field.kind === 'choice' || field.kind === 'yes-no' ? (
        <select {...common}>
          {!field.required && <option value="">—</option>}
          {(field.options ?? ['yes', 'no']).map((o) => (
            <option value={o} selected={o === value}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type={field.kind === 'number' ? 'number' : 'text'} value={value ?? ''} />
      )}
    </div>
  );
}

/** The form's fields in order, a nested object's fields together in a fieldset named after it. */
function Fields(props: { action: ActionView; problem: ActionProblem | undefined }) {
  const { action, problem } = props;
  const fields = action.fields ?? [];
  const field = (f: FormField) => (
    <Field action={action.name} field={f} value={action.prefill[f.name]} error={problem?.fields[f.name]} />
  );
  const groups = [...new Set(fields.map((f) => f.group))];
  return (
    <>
      {groups.map((g) =>
        g === undefined ? (
          fields.filter((f) => f.group === undefined).map(field)
        ) : (
          <fieldset class="group">
            <legend>{g}</legend>
            {fields.filter((f) => f.group === g).map(field)}
          </fieldset>
        ),
      )}
    </>
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
          {problem?.fields[''] && <p class="error-text">{problem.fields['']}</p>}
          <Fields action={action} problem={problem} />
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
      <LiveStatus everyMs={props.liveEveryMs}>
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
      </LiveStatus>

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
      <LiveScript />
    </Page>
  );
}
