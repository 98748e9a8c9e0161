/**
 * `herald audit …`: verify the hash chain (and, with anchors, that the chain still holds every
 * head anchored outside the database), export entries. Reads Herald's store directly: the
 * PostgreSQL store at DATABASE_URL at any time; the embedded store (single-process) only while the
 * worker is stopped.
 */
import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { SqlAuditLog } from '../../activities/store/audit-log.ts';
import { verifyAnchored } from '../../activities/store/anchored-audit-log.ts';
import type { AnchoredVerification } from '../../activities/store/anchored-audit-log.ts';
import { loadAnchorKeys } from '../../workers/audit-anchor-keys.ts';
import { headsFromHistories } from '../history-heads.ts';
import type { HistoryHeads } from '../history-heads.ts';
import type { AuditAnchor as RecordedHead } from '../../activities/store/audit-anchor.ts';
import type { CliContext } from './context.ts';
import { CommandExit, EXIT } from './exit-codes.ts';
import { withStore } from './with-store.ts';

/** The chain against the anchors in `dir` and the `heads` from histories, or the chain alone without either. */
async function verify(
  ctx: CliContext,
  dir: string | undefined,
  heads: readonly RecordedHead[],
): Promise<Awaited<ReturnType<SqlAuditLog['verify']>> | AnchoredVerification> {
  if (dir === undefined) return withStore(ctx, (store) => store.audit.verify(heads));
  const keyFile = ctx.config.HERALD_AUDIT_ANCHOR_KEY_FILE;
  if (keyFile === undefined) {
    throw new CommandExit(EXIT.usage, 'checking anchors needs HERALD_AUDIT_ANCHOR_KEY_FILE (the public key will do)');
  }
  const keys = await loadAnchorKeys(keyFile);
  return withStore(ctx, (store) => verifyAnchored(new SqlAuditLog(store.driver), dir, keys, heads));
}

/** The heads the procedures recorded in their Temporal histories, with progress on stderr. */
async function historyHeads(ctx: CliContext): Promise<HistoryHeads> {
  const recorded = await headsFromHistories(await ctx.client(), (read) => {
    if (read % 100 === 0) ctx.out.warn(`${read} histories read…`);
  });
  const newest = recorded.heads.reduce((max, h) => Math.max(max, h.seq), 0);
  ctx.out.warn(
    `${recorded.workflows} procedure histories read in namespace ${ctx.config.TEMPORAL_NAMESPACE}: ` +
      `${recorded.heads.length} record an audit head${newest > 0 ? ` (newest: seq ${newest})` : ''}`,
  );
  return recorded;
}

export function auditCommands(ctx: CliContext): Command {
  const audit = new Command('audit').description('the append-only, hash-chained audit trail');

  audit
    .command('verify')
    .description('walk the whole chain and check it against the anchors; exit 5 naming the first problem')
    .option('--anchors <dir>', 'the anchor directory (default HERALD_AUDIT_ANCHOR_DIR)')
    .option(
      '--histories',
      'also check the heads the procedures recorded in their Temporal histories (TEMPORAL_ADDRESS)',
    )
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Without anchors only edits and gaps inside the chain are found; a truncated chain, or one
rewritten with every later hash recomputed, needs heads recorded outside the database: the
anchors (HERALD_AUDIT_ANCHOR_DIR, signed with HERALD_AUDIT_ANCHOR_KEY_FILE), and with --histories
the head every procedure keeps in its Temporal history (while the namespace retains it).

Examples:
  $ HERALD_AUDIT_ANCHOR_DIR=/var/lib/herald/audit-anchors herald audit verify
  $ herald audit verify --histories`,
    )
    .action(async (o: { anchors?: string; histories?: boolean; json?: boolean }) => {
      const dir = o.anchors ?? ctx.config.HERALD_AUDIT_ANCHOR_DIR;
      const recorded = o.histories ? await historyHeads(ctx) : undefined;
      const result = await verify(ctx, dir, recorded?.heads ?? []);
      if (o.json) ctx.out.json(result);
      if (!result.ok) {
        throw new CommandExit(
          EXIT.auditBroken,
          `audit chain broken after ${result.entries} good entries: ${result.problem}`,
        );
      }
      if (o.json) return;
      ctx.out.line(`audit chain verified: ${result.entries} entries, no edit or gap`);
      if (recorded && recorded.heads.length > 0) {
        ctx.out.line(`the heads recorded in ${recorded.heads.length} procedure histories agree with it`);
      }
      if (!('anchors' in result)) {
        if (!recorded) {
          ctx.out.warn('no anchors checked (set HERALD_AUDIT_ANCHOR_DIR): a truncated or rewritten chain would pass');
        }
      } else if (result.latestAnchor === undefined) {
        ctx.out.warn(`no anchors in ${dir ?? ''}: a truncated or rewritten chain would pass`);
      } else {
        const { seq, at } = result.latestAnchor;
        ctx.out.line(`${result.anchors} anchors agree with it (newest: seq ${seq}, written ${at})`);
        if (seq < result.entries) ctx.out.warn(`entries after seq ${seq} are not anchored yet`);
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
