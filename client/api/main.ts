/** `npm run api`: Herald's HTTP API against Temporal at TEMPORAL_ADDRESS. */
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { openStore } from '../../activities/store/open-store.ts';
import { callbacksConfigured, parseApiConfig, twilioCallbacks } from '../../workers/config.ts';
import { clientDataConverter } from '../codec/data-converter.ts';
import { startTracing } from '../../workers/tracing.ts';
import { buildApi } from './app.ts';
import { callbackOptions } from './callbacks/callback-options.ts';
import { oidcVerifierOf } from '../auth/oidc-verifier.ts';
import { loadActorClaimSigner, loadAlertRoutes, loadApiTokens } from './load-api-files.ts';
import { ConsoleSessions } from '../console/sessions.ts';
import { ssoSignInsOf } from '../console/sso-sign-in.ts';
import { templateRouteOptionsOf } from './routes/template-actions.ts';
import { TokenRegistry } from './tokens.ts';
import { jsonLineLog } from './triggers/trigger-log.ts';
import { TriggerProcessor } from './triggers/trigger-processor.ts';
import { startTriggerRetrier } from './triggers/trigger-retrier.ts';

try {
  const config = parseApiConfig(process.env);
  const [tokens, alertRoutes, claims, oidc] = await Promise.all([
    loadApiTokens(config.HERALD_API_TOKENS_FILE),
    loadAlertRoutes(config.HERALD_ALERT_ROUTES_FILE),
    config.HERALD_ACTOR_SIGNING_KEY_FILE ? loadActorClaimSigner(config.HERALD_ACTOR_SIGNING_KEY_FILE) : undefined,
    oidcVerifierOf(config),
  ]);
  // Triggers are kept in the store before anything else happens; the delivery callbacks write into
  // the worker's store too (PostgreSQL: the config insists on it when they are on).
  const store = await openStore(
    config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : { dataDir: config.HERALD_API_DATA_DIR },
  );
  // Lazy: the API must come up and keep webhooks while Temporal is down, not wait for it.
  const connection = Connection.lazy({ address: config.TEMPORAL_ADDRESS });
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
  const triggers = new TriggerProcessor({
    client,
    taskQueue: config.HERALD_TASK_QUEUE,
    routes: alertRoutes,
    store: store.triggers,
    log: jsonLineLog,
    alertAfterMs: config.HERALD_TRIGGER_ALERT_AFTER_SECONDS * 1000,
  });
  const retrier = startTriggerRetrier(triggers);
  const sso = ssoSignInsOf(config);
  const app = buildApi({
    client,
    taskQueue: config.HERALD_TASK_QUEUE,
    tokens: new TokenRegistry(tokens),
    ...(oidc ? { oidc } : {}),
    ...(claims ? { claims } : {}),
    alertRoutes,
    triggers,
    webhookAnswerBudgetMs: config.HERALD_WEBHOOK_ANSWER_MS,
    rateLimitPerMinute: config.HERALD_API_RATE_LIMIT,
    maxBodyBytes: config.HERALD_API_MAX_BODY_BYTES,
    ...(config.HERALD_PAGERDUTY_SECRET ? { pagerDutySecret: config.HERALD_PAGERDUTY_SECRET } : {}),
    ...(config.HERALD_INCIDENT_IO_SECRET ? { incidentIoSecret: config.HERALD_INCIDENT_IO_SECRET } : {}),
    ...(callbacksConfigured(config) ? { callbacks: callbackOptions(config, store.deliveryStatus) } : {}),
    // The worker's reports only when both share PostgreSQL: the embedded store is the API's own.
    ...(config.DATABASE_URL ? { drillReports: store.documents } : {}),
    // The templates the workers pin live in their store: served only when the API shares it (PostgreSQL).
    ...(config.DATABASE_URL ? { templates: templateRouteOptionsOf(store.templates, config) } : {}),
    console: {
      sessions: new ConsoleSessions(),
      temporalUiUrl: config.HERALD_TEMPORAL_UI_URL,
      ...(sso ? { sso } : {}),
      ...(config.HERALD_PUBLIC_URL ? { publicUrl: config.HERALD_PUBLIC_URL } : {}),
      // The worker's audit trail and reports only when both share PostgreSQL: the embedded store is the API's own.
      ...(config.DATABASE_URL ? { store } : {}),
    },
  });
  const server = serve({ fetch: app.fetch, hostname: config.HERALD_API_HOST, port: config.HERALD_API_PORT }, (info) => {
    const on = (value: unknown) => (value ? 'on' : 'off');
    console.log(
      `herald api on http://${info.address}:${info.port} (console at /console, OpenAPI at /openapi.json), ${tokens.length} tokens${oidc ? `, OIDC tokens from ${config.HERALD_OIDC_ISSUER ?? ''}` : ''}${sso ? ', console single sign-on on' : ''}, ${claims ? `actor claims signed with key ${claims.kid}` : 'NO actor claims (set HERALD_ACTOR_SIGNING_KEY_FILE: privileged actions will be refused)'}, Temporal ${config.TEMPORAL_ADDRESS}, triggers kept in ${config.DATABASE_URL ? 'PostgreSQL' : config.HERALD_API_DATA_DIR}, webhooks: PagerDuty ${on(config.HERALD_PAGERDUTY_SECRET)}, incident.io ${on(config.HERALD_INCIDENT_IO_SECRET)}, callbacks: SendGrid ${on(config.SENDGRID_WEBHOOK_PUBLIC_KEY)}, Twilio ${on(twilioCallbacks(config))}`,
    );
  });
  // Stop taking requests, let the retrier's pass end, then close the store cleanly.
  const stop = async () => {
    await new Promise((resolve) => server.close(resolve));
    await retrier.stop();
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
