/** The HTTP API as the webhook tests build it: the stack's client and store, the tools' secrets, roomy limits. */
import { buildApi } from '../../client/api/app.ts';
import type { ApiOptions } from '../../client/api/app.ts';
import type { AlertRoutes } from '../../client/api/alerts/alert-event.ts';
import type { TokenRegistry } from '../../client/api/tokens.ts';
import type { DevServerWorker } from './dev-server-worker.ts';
import { testTriggers } from './triggers.ts';
import type { SenderSecrets } from './webhook-senders.ts';

export function webhookApi(
  stack: DevServerWorker,
  options: { tokens: TokenRegistry; secrets: SenderSecrets; routes: AlertRoutes } & Partial<ApiOptions>,
) {
  const { tokens, secrets, routes, ...overrides } = options;
  return buildApi({
    client: stack.env.client,
    taskQueue: stack.taskQueue,
    tokens,
    pagerDutySecret: secrets.pagerDuty,
    incidentIoSecret: secrets.incidentIo,
    alertRoutes: routes,
    triggers: testTriggers({ client: stack.env.client, taskQueue: stack.taskQueue, store: stack.store, routes }),
    // Generous: these tests check outcomes, not the answer budget (webhooks-outage.test.ts does).
    webhookAnswerBudgetMs: 4_000,
    rateLimitPerMinute: 10_000,
    maxBodyBytes: 256 * 1024,
    ...overrides,
  });
}
