/**
 * Runs fault-matrix cells a few at a time. Each cell starts a time-skipping server of its own
 * (skipped time is per server, so two cells on one server would skip each other's clocks); they
 * share one workflow bundle and, for store cells, one PostgreSQL server.
 */
import { startPostgresServer } from '../support/postgres-server.ts';
import type { PostgresServer } from '../support/postgres-server.ts';
import { bundleWorkflows } from '../support/workflow-harness.ts';
import type { Cell } from './cells.ts';
import { runCell } from './run-cell.ts';
import type { CellLane, CellResult } from './run-cell.ts';

export interface MatrixRunOptions {
  /** Cells run at once; default 2 (the machines here have two cores). */
  lanes?: number;
  /** Told of each result as it comes. */
  onResult?: (result: CellResult) => void;
  /** Told what each cell is doing, step by step. */
  trace?: (line: string) => void;
  /**
   * Cells that could not run (the time-skipping server stalled: their skip never came back, most
   * often beside another busy cell), or whose procedure was still running at the end, run once
   * more at the end, alone; the report says so, with the first run's reason. The second kind:
   * twice in CI beside another cell (never in 10 runs alone, nor in 2 subset runs under load), a
   * procedure stopped moving after the fault was lifted, and the time-skipping server had logged
   * a refused workflow task ("invalid history builder state for action"); the reason now carries
   * the history's last events to tell that from a procedure waiting on something.
   */
  rerunAlone?: boolean;
}

/** A cell that could not run, or whose procedure was still running at its end (see `rerunAlone`). */
export function runsAgainAlone(result: CellResult | undefined): boolean {
  if (result === undefined) return false;
  return result.outcome === 'error' || (result.outcome === 'fail' && result.state === 'RUNNING' && !result.recovered);
}

/** Runs `cells` and returns their results in the order given. */
export async function runMatrix(cells: readonly Cell[], options: MatrixRunOptions = {}): Promise<CellResult[]> {
  let postgres: Promise<PostgresServer> | undefined;
  const lane: CellLane = {
    bundle: await bundleWorkflows(),
    postgres: () => (postgres ??= startPostgresServer()),
    ...(options.trace ? { trace: options.trace } : {}),
  };
  const results = new Map<string, CellResult>();
  // The worker runs in this process: an error it does not catch (a store connection reset on a
  // checked-out client, say) would end the run. It would end a worker process too, so it is a
  // finding: recorded against the cells running when it happened.
  const running = new Map<string, string[]>();
  const onCrash = (err: unknown) => {
    const what = `uncaught in the worker: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
    const others = running.size > 1 ? ' (another cell was running too: either may have caused it)' : '';
    for (const crashes of running.values()) crashes.push(`${what}${others}`);
  };
  process.on('uncaughtException', onCrash);
  const run = async (cell: Cell): Promise<CellResult> => {
    const crashes: string[] = [];
    running.set(cell.id, crashes);
    const result = await runCell(cell, lane, crashes);
    running.delete(cell.id);
    return result;
  };
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: Math.max(1, options.lanes ?? 2) }, async () => {
        for (let i = next++; i < cells.length; i = next++) {
          const result = await run(cells[i] as Cell);
          results.set(result.id, result);
          options.onResult?.(result);
        }
      }),
    );
    const stalled = options.rerunAlone ? cells.filter((c) => runsAgainAlone(results.get(c.id))) : [];
    for (const cell of stalled) {
      const rerun = { ...(await run(cell)), firstRun: results.get(cell.id)?.reason ?? '' };
      results.set(cell.id, rerun);
      options.onResult?.(rerun);
    }
  } finally {
    await (await postgres?.catch(() => undefined))?.stop();
    // Connections the store cells left hanging break when the server stops: nothing to record.
    await new Promise((resolve) => setTimeout(resolve, 500));
    process.off('uncaughtException', onCrash);
  }
  return cells.map((c) => results.get(c.id) as CellResult);
}
