/** Options every acting command shares: who acts, in which role. */
import { InvalidArgumentError, Option } from 'commander';
import type { Command } from 'commander';
import { ROLES } from '../../workflows/domain/status.ts';
import type { Actor, Role } from '../../workflows/domain/status.ts';

export interface ActorOptions {
  as: string;
  role: Role;
}

export function withActor(command: Command, defaultRole: Role): Command {
  return command
    .requiredOption('--as <id>', 'who acts (recorded in the audit trail)')
    .addOption(new Option('--role <role>', 'the role acted in').choices(ROLES).default(defaultRole));
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

/** The actor an action names, from the acting options. */
export function actorOf(o: ActorOptions): Actor {
  return { id: o.as, role: o.role };
}
