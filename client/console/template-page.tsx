/**
 * One template in one locale: its versions (state, author, approver, the accessibility review), the
 * chosen version's parts, a diff between two versions, and the lifecycle's forms — propose (the
 * approved texts prefilled), submit, approve. Which forms show follows the caller's role; the
 * server decides every post with the API's own code.
 */
import type { TemplateVersion } from '../../activities/templates/template-lifecycle.ts';
import { APPROVER_ROLES } from '../../activities/templates/template-lifecycle.ts';
import type { TemplateTexts } from '../../activities/templates/template-texts.ts';
import { TEMPLATE_FIELDS } from '../../activities/templates/template-texts.ts';
import { PROPOSE_ROLES } from '../api/routes/template-actions.ts';
import type { ApiCaller } from '../api/tokens.ts';
import { ColumnHeads, Page, ScrollRegion } from './layout.tsx';
import { variantHref } from './templates-page.tsx';

export interface TemplatePageProps {
  caller: ApiCaller;
  formToken: string;
  templateId: string;
  locale: string;
  /** Oldest first. */
  versions: readonly TemplateVersion[];
  /** The version whose parts are shown. */
  selected: TemplateVersion;
  /** The unified diff between two versions (template-diff.ts), when asked for. */
  diff?: { from: number; to: number; text: string };
  /** The propose form's values: the approved texts, or what was posted and refused. */
  proposal: { texts: TemplateTexts; note: string };
  notice?: string;
  problem?: string;
}

const PART_WORDS: Record<keyof TemplateTexts, string> = {
  subject: 'Subject',
  text: 'Email text',
  smsHead: 'SMS start (kept whole)',
  smsBody: 'SMS middle (shortened when too long)',
  smsTail: 'SMS end (kept whole when it fits)',
};
const ONE_LINE = new Set<keyof TemplateTexts>(['subject', 'smsHead', 'smsTail']);

function ReviewWords(props: { version: TemplateVersion }) {
  const review = props.version.review;
  if (review === undefined) return <>{props.version.version === 1 ? 'none (shipped text)' : 'not yet'}</>;
  if (review.sha256 !== props.version.sha256) return <>of other texts</>;
  if (review.passed) return <span class="state-met">passed</span>;
  return (
    <>
      <span class="state-missed">failed</span>
      <ul>
        {review.findings.map((f) => (
          <li>{f}</li>
        ))}
      </ul>
    </>
  );
}

function VersionsTable(props: TemplatePageProps) {
  const here = variantHref(props.templateId, props.locale);
  return (
    <ScrollRegion label="Versions">
      <table>
        <caption>{`${props.versions.length} versions, oldest first`}</caption>
        <ColumnHeads names={['Version', 'State', 'Author', 'Note', 'Approver', 'Accessibility review']} />
        <tbody>
          {props.versions.map((v) => (
            <tr>
              <th scope="row">
                {v.version === props.selected.version ? (
                  <span aria-current="true">{`v${v.version} (shown)`}</span>
                ) : (
                  <a href={`${here}?version=${v.version}`}>{`v${v.version}`}</a>
                )}
              </th>
              <td>{v.state}</td>
              <td>{v.author}</td>
              <td>{v.note ?? '—'}</td>
              <td>{v.approver ? `${v.approver} (${v.approverRole ?? '?'})` : '—'}</td>
              <td>
                <ReviewWords version={v} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** A post to one of the version's lifecycle steps, with the session's form token. */
function StepForm(props: { action: string; formToken: string; label: string; children?: unknown }) {
  return (
    <form method="post" action={props.action}>
      <input type="hidden" name="formToken" value={props.formToken} />
      {props.children}
      <button type="submit">{props.label}</button>
    </form>
  );
}

function SelectedVersion(props: TemplatePageProps) {
  const v = props.selected;
  const step = `${variantHref(props.templateId, props.locale)}/${v.version}`;
  const { caller } = props;
  const isAuthor = caller.id === v.author;
  return (
    <section aria-labelledby="shown-version">
      <h2 id="shown-version">{`Version ${v.version}: ${v.state}`}</h2>
      <dl class="facts">
        <dt>Author</dt>
        <dd>{v.author}</dd>
        <dt>Created</dt>
        <dd>{v.createdAt}</dd>
        {v.submittedAt && (
          <>
            <dt>Submitted</dt>
            <dd>{v.submittedAt}</dd>
          </>
        )}
        {v.approver && (
          <>
            <dt>Approved by</dt>
            <dd>{`${v.approver} (${v.approverRole ?? '?'}) at ${v.approvedAt ?? '?'}`}</dd>
          </>
        )}
        <dt>SHA-256</dt>
        <dd>
          <code>{v.sha256}</code>
        </dd>
      </dl>
      {TEMPLATE_FIELDS.map((f) => (
        <>
          <h3>{PART_WORDS[f]}</h3>
          <pre>{v.texts[f] === '' ? '(empty)' : v.texts[f]}</pre>
        </>
      ))}
      {v.state === 'draft' && PROPOSE_ROLES.includes(caller.role) && (
        <StepForm action={`${step}/submit`} formToken={props.formToken} label={`Submit v${v.version} for review`} />
      )}
      {v.state === 'in-review' && APPROVER_ROLES.includes(caller.role) && !isAuthor && (
        <StepForm action={`${step}/approve`} formToken={props.formToken} label={`Approve v${v.version}`}>
          <p class="hint">The accessibility review runs first (axe-core in Chromium); approval waits for it.</p>
        </StepForm>
      )}
      {v.state === 'in-review' && isAuthor && (
        <p class="hint">You proposed this version: another person with the compliance or legal role approves it.</p>
      )}
    </section>
  );
}

function VersionChoice(props: { name: string; label: string; versions: readonly TemplateVersion[]; value?: number }) {
  return (
    <div>
      <label for={`diff-${props.name}`}>{props.label}</label>
      <select id={`diff-${props.name}`} name={props.name}>
        {props.versions.map((v) => (
          <option value={String(v.version)} selected={v.version === props.value}>
            {`v${v.version} (${v.state})`}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The unified diff, additions and removals marked (not by colour alone: the CSS adds + and −). */
function DiffSection(props: TemplatePageProps) {
  const approved = props.versions.find((v) => v.state === 'approved');
  const from = props.diff?.from ?? approved?.version ?? props.versions[0]?.version;
  const to = props.diff?.to ?? props.selected.version;
  const lines = props.diff ? props.diff.text.split('\n') : [];
  return (
    <section aria-labelledby="diff-heading">
      <h2 id="diff-heading">Compare versions</h2>
      <form method="get" action={variantHref(props.templateId, props.locale)} aria-label="Compare two versions">
        <input type="hidden" name="version" value={String(props.selected.version)} />
        <VersionChoice name="from" label="From" versions={props.versions} {...(from ? { value: from } : {})} />
        <VersionChoice name="to" label="To" versions={props.versions} value={to} />
        <p>
          <button type="submit">Compare</button>
        </p>
      </form>
      {props.diff &&
        (props.diff.text === '' ? (
          <p>{`v${props.diff.from} and v${props.diff.to} have the same texts.`}</p>
        ) : (
          <>
            <h3>{`Changes from v${props.diff.from} to v${props.diff.to}`}</h3>
            <pre class="diff" aria-label={`Changes from version ${props.diff.from} to version ${props.diff.to}`}>
              {lines.map((line) =>
                line.startsWith('+') && !line.startsWith('+++') ? (
                  <ins>{`${line.slice(1)}\n`}</ins>
                ) : line.startsWith('-') && !line.startsWith('---') ? (
                  <del>{`${line.slice(1)}\n`}</del>
                ) : (
                  <span>{`${line}\n`}</span>
                ),
              )}
            </pre>
          </>
        ))}
    </section>
  );
}

function ProposeForm(props: TemplatePageProps) {
  const { texts, note } = props.proposal;
  return (
    <section aria-labelledby="propose-heading">
      <h2 id="propose-heading">Propose a new version</h2>
      <p class="hint">
        ICU MessageFormat; the parts start as the approved version’s. It is stored as a draft with you as its author,
        and refused if it does not validate (the reason is shown above).
      </p>
      <form method="post" action={`${variantHref(props.templateId, props.locale)}/propose`}>
        <input type="hidden" name="formToken" value={props.formToken} />
        {TEMPLATE_FIELDS.map((f) => (
          <>
            <label for={`propose-${f}`}>{PART_WORDS[f]}</label>
            {ONE_LINE.has(f) ? (
              <input id={`propose-${f}`} name={f} type="text" value={texts[f]} class="wide" />
            ) : (
              // The leading newline is dropped by the parser, so a text that starts with one keeps it.
              <textarea id={`propose-${f}`} name={f} rows={f === 'text' ? 12 : 3}>{`\n${texts[f]}`}</textarea>
            )}
          </>
        ))}
        <label for="propose-note">Note (why the change)</label>
        <input id="propose-note" name="note" type="text" value={note} maxlength={500} class="wide" />
        <p>
          <button type="submit">Propose as a draft</button>
        </p>
      </form>
    </section>
  );
}

export function TemplatePage(props: TemplatePageProps) {
  return (
    <Page
      title={`${props.templateId} (${props.locale})`}
      caller={props.caller}
      formToken={props.formToken}
      {...(props.notice ? { notice: props.notice } : {})}
      {...(props.problem ? { problem: props.problem } : {})}
    >
      <p>
        <a href="/console/templates">All templates</a>
      </p>
      <h1>{`Template ${props.templateId} (${props.locale})`}</h1>
      <h2>Versions</h2>
      <VersionsTable {...props} />
      <SelectedVersion {...props} />
      <DiffSection {...props} />
      {PROPOSE_ROLES.includes(props.caller.role) && <ProposeForm {...props} />}
    </Page>
  );
}
