/**
 * `herald audit …`: verify the hash chain, export entries. Reads Herald's store directly: the
 * PostgreSQL store at DATABASE_URL at any time; the embedded store (single-process) only while the
 * worker is stopped.
 */
import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import type { CliContext } from './context.ts';
import { CommandExit, EXIT } from './exit-codes.ts';
import { withStore } from './with-store.ts';

export function auditCommands(ctx: CliContext): Command {
  const audit = new Command('audit').description('the append-only, hash-chained audit trail');

  audit
    .command('verify')
    .description('walk the whole chain; exit 5 naming the first edited or removed entry')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExample:\n  $ HERALD_DATA_DIR=.herald/data herald audit verify')
    .action(async (o: { json?: boolean }) => {
      const result = await withStore(ctx, (store) => store.audit.verify());
      if (o.json) ctx.out.json(result);
      else if (result.ok) ctx.out.line(`audit chain verified: ${result.entries} entries, no edit or gap`);
      if (!result.ok) {
        throw new CommandExit(
          EXIT.auditBroken,
          `audit chain broken after ${result.entries} good entries: ${result.problem}`,
        );
      }
    });

  audit
    .command('export')
    .description('entries as JSON Lines (with their hashes, so anyone can re-verify them)')
    .option('--incident <id>', 'only this incident')
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .addHelpText('after', '\nExample:\n  $ herald audit export --incident INC-1042 --out INC-1042-audit.jsonl')
    .action(async (o: { incident?: string; out?: string }) => {
      const entries = await withStore(ctx, (store) => store.audit.list(o.incident));
      const text = entries.map((e) => JSON.stringify(e)).join('\n') + (entries.length ? '\n' : '');
      if (o.out === undefined) {
        process.stdout.write(text);
        return;
      }
      await writeFile(o.out, text);
      ctx.out.warn(`wrote ${entries.length} entries to ${o.out}`);
    });

  return audit;
}
