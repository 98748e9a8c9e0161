/** The `retry` command's options, shared by both procedures' commands. */
import type { Service } from '../../workflows/domain/blocked.ts';
import type { RetryAction } from '../../workflows/domain/operator-actions.ts';
import { actorOf } from './actor-options.ts';
import type { ActorOptions } from './actor-options.ts';

export interface RetryOptions {
  service?: Service;
  note?: string;
  json?: boolean;
}

export function retryAction(o: ActorOptions & RetryOptions): RetryAction {
  return {
    actor: actorOf(o),
    ...(o.service === undefined ? {} : { service: o.service }),
    ...(o.note === undefined ? {} : { note: o.note }),
  };
}
