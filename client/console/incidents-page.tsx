/** The console's first page: every procedure, filtered by phase, severity or "needs me", soonest deadline first. */
import type { ApiCaller } from '../api/tokens.ts';
import { ColumnHeads, Page, ScrollRegion } from './layout.tsx';
import { PHASES, SEVERITIES } from './procedure-list.ts';
import { LiveScript, LiveStatus, When } from './live-updates.tsx';
import type { ListFilter, ProcedureRow } from './procedure-list.ts';

export interface IncidentsPageProps {
  caller: ApiCaller;
  formToken: string;
  filter: ListFilter;
  rows: ProcedureRow[];
  now: Date;
  /** How often the list refreshes itself where JavaScript runs. */
  liveEveryMs: number;
}

const bySoonest = (a: ProcedureRow, b: ProcedureRow) =>
  (a.nextDeadline?.getTime() ?? Infinity) - (b.nextDeadline?.getTime() ?? Infinity) ||
  b.startedAt.getTime() - a.startedAt.getTime();

function Choice(props: { name: string; label: string; value: string | undefined; options: readonly string[] }) {
  return (
    <div>
      <label for={`filter-${props.name}`}>{props.label}</label>
      <select id={`filter-${props.name}`} name={props.name}>
        <option value="">any</option>
        {props.options.map((o) => (
          <option value={o} selected={o === props.value}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}

export function IncidentsPage(props: IncidentsPageProps) {
  const rows = [...props.rows].sort(bySoonest);
  return (
    <Page title="Procedures" caller={props.caller} formToken={props.formToken}>
      <h1>Procedures</h1>
      <form method="get" action="/console" aria-label="Filter the procedures">
        <Choice name="phase" label="Phase" value={props.filter.phase} options={PHASES} />
        <Choice name="severity" label="Severity" value={props.filter.severity} options={SEVERITIES} />
        <label>
          <input type="checkbox" name="needs" value="me" checked={props.filter.needs !== undefined} /> Only those
          waiting for me ({props.caller.role})
        </label>
        <p>
          <button type="submit">Show</button>
        </p>
      </form>
      <LiveStatus everyMs={props.liveEveryMs}>
        <ScrollRegion label="Procedures">
          <table>
            <caption>{`${rows.length} procedure${rows.length === 1 ? '' : 's'}, soonest deadline first`}</caption>
            <ColumnHeads names={['Procedure', 'Kind', 'Phase', 'Severity', 'Next deadline']} />
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`/console/${r.path}/${encodeURIComponent(r.id)}`}>{r.id}</a>
                  </th>
                  <td>{r.path === 'data-leaks' ? 'data leak' : 'compliance lockout'}</td>
                  <td>{r.execution === 'RUNNING' ? r.phase : `${r.phase} (${r.execution.toLowerCase()})`}</td>
                  <td>{r.severity ?? '—'}</td>
                  <td>{r.nextDeadline ? <When iso={r.nextDeadline.toISOString()} now={props.now} /> : 'none'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </LiveStatus>
      <LiveScript />
    </Page>
  );
}
