/** A webhook body from any supported tool, read into what Herald will do with it. */
import type { AlertSource } from './alert-event.ts';
import { readIncidentIo } from './incident-io.ts';
import { readOpsgenie } from './opsgenie.ts';
import { readPagerDuty } from './pagerduty.ts';
import type { Reading } from './reading.ts';
import { parseJson } from './reading.ts';

const READERS: Readonly<Record<AlertSource, (body: unknown, receivedAt: string) => Reading>> = {
  pagerduty: readPagerDuty,
  opsgenie: readOpsgenie,
  'incident-io': readIncidentIo,
};

/**
 * Reads the raw body `source` sent at `receivedAt` (the fallback awareness time when the tool names
 * none). Never throws: a body Herald cannot read is an `unmappable` reading saying why.
 */
export function readDelivery(source: AlertSource, raw: string, receivedAt: string): Reading {
  const json = parseJson(raw);
  return json.ok ? READERS[source](json.body, receivedAt) : json.reading;
}
