/** A trigger processor for API tests, over a real store, with its log lines kept for assertions. */
import type { Client } from '@temporalio/client';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import type { AlertRoutes } from '../../client/api/alerts/alert-event.ts';
import type { TriggerLog } from '../../client/api/triggers/trigger-log.ts';
import type { TriggerProcessorOptions } from '../../client/api/triggers/trigger-processor.ts';
import { TriggerProcessor } from '../../client/api/triggers/trigger-processor.ts';

export interface LoggedLine {
  level: string;
  event: string;
  message: string;
  fields: Record<string, unknown>;
}

/** A log that keeps every line (and prints nothing). */
export function recordingLog(): { log: TriggerLog; lines: LoggedLine[] } {
  const lines: LoggedLine[] = [];
  return { lines, log: (level, event, message, fields = {}) => void lines.push({ level, event, message, fields }) };
}

export function testTriggers(
  options: { client: Client; taskQueue: string; store: HeraldStore; routes?: AlertRoutes } & Partial<
    Omit<TriggerProcessorOptions, 'client' | 'taskQueue' | 'store' | 'routes'>
  >,
): TriggerProcessor {
  const { store, routes = {}, ...rest } = options;
  return new TriggerProcessor({ log: recordingLog().log, ...rest, routes, store: store.triggers });
}
