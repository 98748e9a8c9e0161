/**
 * The API's structured log for triggers: one JSON object per line, so a log pipeline can alert on
 * `event` (`herald.trigger.pending`, `herald.trigger.stuck`, …) without parsing prose. Errors and
 * warnings go to stderr.
 */

export type TriggerLogLevel = 'INFO' | 'WARN' | 'ERROR';

/** Writes one log record; tests pass their own to read what was logged. */
export type TriggerLog = (
  level: TriggerLogLevel,
  event: string,
  message: string,
  fields?: Record<string, unknown>,
) => void;

/** JSON lines on stdout (INFO) and stderr (WARN, ERROR). */
export const jsonLineLog: TriggerLog = (level, event, message, fields = {}) => {
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, message, ...fields });
  if (level === 'INFO') process.stdout.write(`${line}\n`);
  else process.stderr.write(`${line}\n`);
};
