/** The API's JSON files (tokens, alert routes), validated; a bad file names the variable and field. */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { describeZodError } from '../../workflows/domain/operator-actions.ts';
import { alertRoutesSchema } from './alerts/alert-event.ts';
import type { AlertRoutes } from './alerts/alert-event.ts';
import { apiTokensSchema } from './tokens.ts';
import type { ApiTokenEntry } from './tokens.ts';

async function load<T>(variable: string, path: string, schema: z.ZodType<T>): Promise<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new Error(`${variable} ${path}: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`${variable} ${path}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

export const loadApiTokens = (path: string): Promise<ApiTokenEntry[]> =>
  load('HERALD_API_TOKENS_FILE', path, apiTokensSchema);
export const loadAlertRoutes = (path: string): Promise<AlertRoutes> =>
  load('HERALD_ALERT_ROUTES_FILE', path, alertRoutesSchema);
