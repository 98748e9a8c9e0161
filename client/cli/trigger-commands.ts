/**
 * `herald triggers …`: the incident-tool webhooks the API keeps until applied. Reads the API's
 * store directly (DATABASE_URL, else HERALD_API_DATA_DIR while the API is stopped); `retry` makes a
 * pending trigger due now — the API's retrier attempts it within a second — and `discard` drops it,
 * naming who and why. Through the HTTP API, the same is `GET /v1/triggers` and its actions.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { SqlTriggerStore, TriggerRecord } from '../../activities/store/trigger-store.ts';
import { TRIGGER_STATES } from '../../activities/store/trigger-store.ts';
import type { CliContext } from './context.ts';
import { CommandExit, EXIT } from './exit-codes.ts';
import { withStore } from './with-store.ts';

const line = (t: TriggerRecord): string =>
  [t.id, t.state.padEnd(9), t.receivedAt, `${t.attempts}×`, t.summary, t.reason ? `— ${t.reason}` : '']
    .filter(Boolean)
    .join('  ');

function nonEmpty(value: string): string {
  if (value.trim().length < 3) throw new InvalidArgumentError('say who or why in a few words');
  return value.trim();
}

async function decide(
  ctx: CliContext,
  id: string,
  act: (triggers: SqlTriggerStore, t: TriggerRecord, now: string) => Promise<TriggerRecord | null>,
  what: string,
): Promise<TriggerRecord> {
  return withStore(
    ctx,
    async (store) => {
      const found = await store.triggers.get(id);
      if (!found) throw new CommandExit(EXIT.notFound, `no trigger ${id}`);
      const done = await act(store.triggers, found, new Date().toISOString());
      if (!done) throw new CommandExit(EXIT.rejected, `trigger ${id} is ${found.state}: nothing to ${what}`);
      return done;
    },
    'HERALD_API_DATA_DIR',
  );
}

export function triggerCommands(ctx: CliContext): Command {
  const triggers = new Command('triggers').description(
    'incident-tool webhooks kept by the API until applied: pending ones wait for Temporal, a route, or you',
  );

  triggers
    .command('list', { isDefault: true })
    .description('kept triggers, newest first')
    .addOption(new Option('--state <state>', 'only this state').choices(TRIGGER_STATES))
    .option('--limit <n>', 'at most this many', (v) => Number.parseInt(v, 10), 50)
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  $ herald triggers\n  $ herald triggers list --state pending --json')
    .action(async (o: { state?: (typeof TRIGGER_STATES)[number]; limit: number; json?: boolean }) => {
      const { list, summary } = await withStore(
        ctx,
        async (store) => ({
          list: await store.triggers.list({ ...(o.state ? { state: o.state } : {}), limit: o.limit }),
          summary: await store.triggers.pendingSummary(),
        }),
        'HERALD_API_DATA_DIR',
      );
      if (o.json) {
        ctx.out.json({ ...summary, triggers: list.map(({ body: _body, ...t }) => t) });
        return;
      }
      ctx.out.line(
        summary.pending === 0
          ? 'no trigger pending'
          : `${summary.pending} pending, the oldest since ${summary.oldestReceivedAt ?? '?'}`,
      );
      for (const t of list) ctx.out.line(line(t));
    });

  triggers
    .command('show <id>')
    .description('one trigger with the body the tool sent')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { json?: boolean }) => {
      const t = await withStore(ctx, (store) => store.triggers.get(id), 'HERALD_API_DATA_DIR');
      if (!t) throw new CommandExit(EXIT.notFound, `no trigger ${id}`);
      if (o.json) ctx.out.json(t);
      else ctx.out.line(`${line(t)}\n${t.lastError ? `last error: ${t.lastError}\n` : ''}${t.body}`);
    });

  triggers
    .command('retry <id>')
    .description('make a pending trigger due now: the running API attempts it within a second')
    .requiredOption('--as <name>', 'who asks (recorded with the trigger)', nonEmpty)
    .addHelpText('after', '\nExample:\n  $ herald triggers retry pagerduty-0123456789abcdef0123 --as olga')
    .action(async (id: string, o: { as: string }) => {
      const t = await decide(ctx, id, (store, found, now) => store.retrySoon(found.id, now, o.as), 'retry');
      ctx.out.line(`${t.id} is due now; the API's retrier attempts it (herald triggers show ${t.id})`);
    });

  triggers
    .command('discard <id>')
    .description('drop a pending trigger, saying why (kept as discarded, with your name)')
    .requiredOption('--as <name>', 'who decides (recorded with the trigger)', nonEmpty)
    .requiredOption('--reason <text>', 'why it needs no procedure', nonEmpty)
    .addHelpText(
      'after',
      '\nExample:\n  $ herald triggers discard pagerduty-0123456789abcdef0123 --as olga --reason "PagerDuty test event"',
    )
    .action(async (id: string, o: { as: string; reason: string }) => {
      const t = await decide(ctx, id, (store, found, now) => store.discard(found.id, now, o.as, o.reason), 'discard');
      ctx.out.line(`${t.id} discarded by ${o.as}: ${o.reason}`);
    });

  return triggers;
}
