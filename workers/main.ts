/** The Herald worker process: config → store → adapters → Temporal worker. */
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { openStore } from '../activities/store/open-store.ts';
import { workerDataConverter } from '../client/codec/data-converter.ts';
import { loadAnchorOptions } from './audit-anchor-keys.ts';
import { buildDeps } from './build-deps.ts';
import { parseConfig } from './config.ts';
import { createHeraldWorkerSet, providerTaskQueues } from './create-worker.ts';
import { jsonLogger } from './json-logger.ts';
import { startTracing } from './tracing.ts';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  // Before any connection: the runtime owns the logger and the metrics endpoint.
  Runtime.install({
    logger:
      config.HERALD_LOG_FORMAT === 'json'
        ? jsonLogger(config.HERALD_LOG_LEVEL)
        : new DefaultLogger(config.HERALD_LOG_LEVEL),
    ...(config.HERALD_METRICS_ADDRESS
      ? { telemetryOptions: { metrics: { prometheus: { bindAddress: config.HERALD_METRICS_ADDRESS } } } }
      : {}),
  });
  const tracing = config.HERALD_OTLP_ENDPOINT
    ? startTracing('herald-worker', { endpoint: config.HERALD_OTLP_ENDPOINT })
    : undefined;
  // The audit chain's head is anchored outside the database when HERALD_AUDIT_ANCHOR_DIR is set.
  const anchors = await loadAnchorOptions(config);
  const store = await openStore({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.HERALD_DATA_DIR,
    ...(anchors ? { anchors } : {}),
  });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const deps = await buildDeps(config, store, { providerQueues: true });
    // The tracing plugin adds its interceptors while bundling, which a prebuilt bundle lacks.
    const prebuiltBundle = tracing ? undefined : config.HERALD_WORKFLOW_BUNDLE;
    if (tracing && config.HERALD_WORKFLOW_BUNDLE) {
      Runtime.instance().logger.warn('HERALD_WORKFLOW_BUNDLE ignored: tracing needs the worker to bundle at start');
    }
    const workers = await createHeraldWorkerSet({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.HERALD_TASK_QUEUE,
      deps,
      ...(prebuiltBundle ? { workflowBundle: { codePath: prebuiltBundle } } : {}),
      dataConverter: workerDataConverter(config.HERALD_PAYLOAD_KEYS),
      ...(tracing ? { plugins: [tracing.plugin] } : {}),
    });
    const queues = providerTaskQueues(config.HERALD_TASK_QUEUE);
    const queueNames = [config.HERALD_TASK_QUEUE, queues.email, queues.sms];
    const encryption = config.HERALD_PAYLOAD_KEYS[0]
      ? `payloads encrypted with key ${config.HERALD_PAYLOAD_KEYS[0].id}`
      : 'payloads NOT encrypted (set HERALD_PAYLOAD_KEYS)';
    const anchoring = anchors
      ? `audit anchored in ${anchors.dir} (key ${anchors.key.kid})`
      : 'audit NOT anchored outside the database (set HERALD_AUDIT_ANCHOR_DIR)';
    Runtime.instance().logger.info(
      `herald worker: polling task queues ${queueNames.join(', ')} on ${config.TEMPORAL_ADDRESS}; ${encryption}; ${anchoring}`,
      {
        taskQueue: config.HERALD_TASK_QUEUE,
        smsPerSecond: config.HERALD_SMS_RATE_PER_SECOND,
        emailRequestsPerSecond: config.HERALD_EMAIL_REQUESTS_PER_SECOND,
        ...(config.HERALD_METRICS_ADDRESS ? { metrics: `http://${config.HERALD_METRICS_ADDRESS}/metrics` } : {}),
      },
    );
    await workers.run();
  } finally {
    await connection.close();
    await store.close();
    await tracing?.shutdown();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
