/**
 * LockoutOpener over Temporal: starts the compliance-lockout procedure through the same client
 * helper as `herald lockout start` (input validated, business id, USE_EXISTING), so a lockout id
 * opened twice reaches one procedure.
 */
import { activityInfo, getClient } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { InvalidInputError } from '../../client/procedure-client.ts';
import { startLockout } from '../../client/lockout-client.ts';
import type { LockoutOpener, LockoutOpening } from '../ports.ts';

export interface TemporalLockoutOpenerOptions {
  /** The client to start with; default the worker's client of the running activity. */
  client?: () => Client;
  /** Task queue of the procedure; default the running activity's task queue (the same worker). */
  taskQueue?: string;
}

export class TemporalLockoutOpener implements LockoutOpener {
  readonly #options: TemporalLockoutOpenerOptions;

  constructor(options: TemporalLockoutOpenerOptions = {}) {
    this.#options = options;
  }

  async openLockout(start: unknown): Promise<LockoutOpening> {
    const client = this.#options.client?.() ?? getClient();
    const taskQueue = this.#options.taskQueue ?? activityInfo().taskQueue;
    try {
      const result = await startLockout(client, start, taskQueue);
      return { workflowId: result.workflowId, started: result.started };
    } catch (err) {
      if (err instanceof InvalidInputError) throw ApplicationFailure.nonRetryable(err.message, 'InvalidInput');
      throw err;
    }
  }
}
