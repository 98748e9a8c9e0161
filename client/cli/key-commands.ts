/**
 * `herald keys …`: Ed25519 keys for actor claims (the API signs, the worker verifies) and for the
 * audit anchors, as JWK files through `jose`. Rotation: `generate --add-to` the worker's public set
 * first, restart the workers, then point the API at the new private key.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { actorKeySetSchema } from '../../workflows/domain/actor-claim.ts';
import type { ActorKeySet } from '../../workflows/domain/actor-claim.ts';
import { loadEd25519Keys, newEd25519Jwk } from '../../workers/ed25519-key-file.ts';
import type { CliContext } from './context.ts';
import { CommandExit, EXIT } from './exit-codes.ts';

/** The public set at `path`, or an empty one when the file does not exist yet. */
async function readSet(path: string): Promise<ActorKeySet> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { keys: [] };
  }
  const parsed = actorKeySetSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new CommandExit(EXIT.usage, `${path} is not a public key set: ${parsed.error.message}`);
  return parsed.data;
}

export function keyCommands(ctx: CliContext): Command {
  const keys = new Command('keys').description('Ed25519 keys for actor claims and audit anchors');

  keys
    .command('generate')
    .description('a new key pair: the private JWK (mode 0600) and its public half added to a JWK Set')
    .requiredOption('--kid <id>', 'the key id, e.g. api-2026-12')
    .requiredOption(
      '--private <file>',
      'where the private JWK goes (HERALD_ACTOR_SIGNING_KEY_FILE, HERALD_AUDIT_ANCHOR_KEY_FILE)',
    )
    .requiredOption('--add-to <file>', 'the public JWK Set to add it to (HERALD_ACTOR_KEYS_FILE; created when missing)')
    .option('--not-before <instant>', 'claims signed before this are refused with the new key')
    .addHelpText(
      'after',
      `
Rotation of the claim key, without refusing a single action:
  $ herald keys generate --kid api-2027-01 --private api-2027-01.jwk --add-to actor-keys.json
  # 1. deploy actor-keys.json (old and new public keys) to every worker, restart them
  # 2. point the API's HERALD_ACTOR_SIGNING_KEY_FILE at api-2027-01.jwk, restart it
  # 3. later, give the old key "notAfter" (or remove it) in actor-keys.json`,
    )
    .action(async (o: { kid: string; private: string; addTo: string; notBefore?: string }) => {
      const set = await readSet(o.addTo);
      if (set.keys.some((k) => k.kid === o.kid)) {
        throw new CommandExit(EXIT.usage, `${o.addTo} already has a key ${o.kid}: choose another --kid`);
      }
      const pair = await newEd25519Jwk(o.kid);
      const publicJwk = o.notBefore ? { ...pair.publicJwk, notBefore: o.notBefore } : pair.publicJwk;
      const next = actorKeySetSchema.safeParse({ keys: [...set.keys, publicJwk] });
      if (!next.success) throw new CommandExit(EXIT.usage, next.error.message);
      await writeFile(o.private, `${JSON.stringify(pair.privateJwk, null, 2)}\n`, { mode: 0o600, flag: 'wx' }).catch(
        (err: NodeJS.ErrnoException) => {
          throw new CommandExit(
            EXIT.usage,
            `${o.private}: ${err.code === 'EEXIST' ? 'exists; not overwritten' : err.message}`,
          );
        },
      );
      await writeFile(o.addTo, `${JSON.stringify(next.data, null, 2)}\n`);
      ctx.out.line(
        `key ${o.kid}: private JWK in ${o.private}, public key added to ${o.addTo} (${next.data.keys.length} keys)`,
      );
    });

  keys
    .command('public')
    .description('the public JWK Set of a key file (JWK, JWK Set or PEM): what the worker or an auditor needs')
    .argument('<file>')
    .action(async (file: string) => {
      const loaded = await loadEd25519Keys('key file', file);
      ctx.out.json({ keys: loaded.map((k) => k.publicJwk) });
    });

  return keys;
}
