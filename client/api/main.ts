/** `npm run api`: Herald's HTTP API against Temporal at TEMPORAL_ADDRESS. */
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { openStore } from '../../activities/store/open-store.ts';
import { callbacksConfigured, parseApiConfig, twilioCallbacks } from '../../workers/config.ts';
import { clientDataConverter } from '../codec/data-converter.ts';
import { startTracing } from '../../workers/tracing.ts';
import { buildApi } from './app.ts';
import { callbackOptions } from './callbacks/callback-options.ts';
import { loadAlertRoutes, loadApiTokens } from './load-api-files.ts';
import { TokenRegistry } from './tokens.ts';

try {
  const config = parseApiConfig(process.env);
  const [tokens, alertRoutes] = await Promise.all([
    loadApiTokens(config.HERALD_API_TOKENS_FILE),
    loadAlertRoutes(config.HERALD_ALERT_ROUTES_FILE),
  ]);
  // The delivery callbacks write into the worker's store (PostgreSQL: the config insists on it).
  const store = callbacksConfigured(config) ? await openStore({ databaseUrl: config.DATABASE_URL }) : undefined;
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const dataConverter = clientDataConverter(config.HERALD_PAYLOAD_KEYS);
  // Traces start here, at the trigger, and continue through the worker to each provider call.
  const tracing = config.HERALD_OTLP_ENDPOINT
    ? startTracing('herald-api', { endpoint: config.HERALD_OTLP_ENDPOINT })
    : undefined;
  const client = new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    ...(dataConverter ? { dataConverter } : {}),
    ...(tracing ? { plugins: [tracing.plugin] } : {}),
  });
  const app = buildApi({
    client,
    taskQueue: config.HERALD_TASK_QUEUE,
    tokens: new TokenRegistry(tokens),
    alertRoutes,
    rateLimitPerMinute: config.HERALD_API_RATE_LIMIT,
    maxBodyBytes: config.HERALD_API_MAX_BODY_BYTES,
    ...(config.HERALD_PAGERDUTY_SECRET ? { pagerDutySecret: config.HERALD_PAGERDUTY_SECRET } : {}),
    ...(store ? { callbacks: callbackOptions(config, store.deliveryStatus) } : {}),
  });
  serve({ fetch: app.fetch, hostname: config.HERALD_API_HOST, port: config.HERALD_API_PORT }, (info) => {
    console.log(
      `herald api on http://${info.address}:${info.port} (OpenAPI at /openapi.json), ${tokens.length} tokens, Temporal ${config.TEMPORAL_ADDRESS}, callbacks: SendGrid ${config.SENDGRID_WEBHOOK_PUBLIC_KEY ? 'on' : 'off'}, Twilio ${twilioCallbacks(config) ? 'on' : 'off'}`,
    );
  });
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
