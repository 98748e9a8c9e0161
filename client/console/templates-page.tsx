/** The console's list of message templates: each template and locale, its approved version and those on the way. */
import type { TemplateVersion } from '../../activities/templates/template-lifecycle.ts';
import type { ApiCaller } from '../api/tokens.ts';
import { ColumnHeads, Page, ScrollRegion } from './layout.tsx';

export interface TemplatesPageProps {
  caller: ApiCaller;
  formToken: string;
  /** Every stored version; absent when the console does not share the workers' store. */
  versions?: readonly TemplateVersion[];
}

export interface VariantRow {
  templateId: string;
  locale: string;
  approved?: number;
  drafts: number[];
  inReview: number[];
}

/** One row per template and locale, by template id then locale. */
export function variantRows(versions: readonly TemplateVersion[]): VariantRow[] {
  const rows = new Map<string, VariantRow>();
  for (const v of versions) {
    const key = `${v.templateId}\u0000${v.locale}`;
    const row = rows.get(key) ?? { templateId: v.templateId, locale: v.locale, drafts: [], inReview: [] };
    if (v.state === 'approved') row.approved = v.version;
    if (v.state === 'draft') row.drafts.push(v.version);
    if (v.state === 'in-review') row.inReview.push(v.version);
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (a, b) => a.templateId.localeCompare(b.templateId) || a.locale.localeCompare(b.locale),
  );
}

export const variantHref = (templateId: string, locale: string) =>
  `/console/templates/${encodeURIComponent(templateId)}/${encodeURIComponent(locale)}`;

const versionsWords = (vs: number[]) => (vs.length === 0 ? '—' : vs.map((v) => `v${v}`).join(', '));

export function TemplatesPage(props: TemplatesPageProps) {
  if (props.versions === undefined) {
    return (
      <Page title="Message templates" caller={props.caller} formToken={props.formToken}>
        <h1>Message templates</h1>
        <p>
          Templates need the shared store: the console shows them when the API shares the workers’ PostgreSQL store (set{' '}
          <code>DATABASE_URL</code> on the API), as the API serves <code>/v1/templates</code> only then.
        </p>
      </Page>
    );
  }
  const rows = variantRows(props.versions);
  return (
    <Page title="Message templates" caller={props.caller} formToken={props.formToken}>
      <h1>Message templates</h1>
      <p class="hint">
        What Herald sends, per template and language. Open one to see its versions, compare them, propose a change or
        approve one.
      </p>
      <ScrollRegion label="Message templates">
        <table>
          <caption>{`${rows.length} templates and languages`}</caption>
          <ColumnHeads names={['Template', 'Locale', 'Approved', 'In review', 'Draft']} />
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={variantHref(r.templateId, r.locale)}>{`${r.templateId} (${r.locale})`}</a>
                </th>
                <td>{r.locale}</td>
                <td>{r.approved === undefined ? 'none' : `v${r.approved}`}</td>
                <td>{versionsWords(r.inReview)}</td>
                <td>{versionsWords(r.drafts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </Page>
  );
}
