/** The API's JSON files (tokens, alert routes), validated; a bad file names the variable and field. */
import { loadJsonFile } from '../../workers/load-json-file.ts';
import { alertRoutesSchema } from './alerts/alert-event.ts';
import type { AlertRoutes } from './alerts/alert-event.ts';
import { apiTokensSchema } from './tokens.ts';
import type { ApiTokenEntry } from './tokens.ts';

export const loadApiTokens = (path: string): Promise<ApiTokenEntry[]> =>
  loadJsonFile('HERALD_API_TOKENS_FILE', path, apiTokensSchema);
export const loadAlertRoutes = (path: string): Promise<AlertRoutes> =>
  loadJsonFile('HERALD_ALERT_ROUTES_FILE', path, alertRoutesSchema);
