/**
 * The HTTP API and its console inside the development stack (`herald dev`, the demo): one fresh token per role, a fresh
 * PagerDuty secret and incident.io (Standard Webhooks) secret, printed for the developer, never
 * written anywhere; actions and claims signed with the run's actor key. Triggers are kept in the stack's store and retried by the API's retrier.
 * The API shares the workers' store (the same one, in this process), so it serves the message
 * templates the workers pin — over /v1/templates and in the console — and approves them after the review.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Client } from '@temporalio/client';
import type { HeraldStore } from '../activities/store/open-store.ts';
import { buildApi } from '../client/api/app.ts';
import type { ActorClaimSigner } from '../client/api/claims/claim-signer.ts';
import { loadAlertRoutes } from '../client/api/load-api-files.ts';
import { templateRouteOptionsOf } from '../client/api/routes/template-actions.ts';
import { sha256Hex, TokenRegistry } from '../client/api/tokens.ts';
import { ConsoleSessions } from '../client/console/sessions.ts';
import { jsonLineLog } from '../client/api/triggers/trigger-log.ts';
import { TriggerProcessor } from '../client/api/triggers/trigger-processor.ts';
import { startTriggerRetrier } from '../client/api/triggers/trigger-retrier.ts';
import { ROLES } from '../workflows/domain/status.ts';
import type { Role } from '../workflows/domain/status.ts';
import type { TemplateReviewConfig } from '../workers/config.ts';

export interface DevApi {
  url: string;
  tokens: Record<Role, string>;
  pagerDutySecret: string;
  /** `whsec_…`, for `/v1/webhooks/incident-io`. */
  incidentIoSecret: string;
  close(): Promise<void>;
}

export async function startDevApi(
  client: Client,
  taskQueue: string,
  port: number,
  store: HeraldStore,
  claims: ActorClaimSigner,
  /** Temporal UI's address, for the console's links. */
  temporalUiUrl: string,
  /** Whether template approval needs the accessibility review, and in which Chromium. */
  templateReview: TemplateReviewConfig,
): Promise<DevApi> {
  const tokens = Object.fromEntries(
    ROLES.map((role) => [role, `dev-${role}-${randomBytes(12).toString('hex')}`]),
  ) as Record<Role, string>;
  const pagerDutySecret = randomBytes(24).toString('hex');
  const incidentIoSecret = `whsec_${randomBytes(24).toString('base64')}`;
  const alertRoutes = await loadAlertRoutes('config/alert-routes.example.json');
  const triggers = new TriggerProcessor({
    client,
    taskQueue,
    routes: alertRoutes,
    store: store.triggers,
    log: jsonLineLog,
  });
  const retrier = startTriggerRetrier(triggers);
  const app = buildApi({
    client,
    taskQueue,
    tokens: new TokenRegistry(ROLES.map((role) => ({ id: `dev-${role}`, role, sha256: sha256Hex(tokens[role]) }))),
    pagerDutySecret,
    incidentIoSecret,
    alertRoutes,
    triggers,
    claims,
    rateLimitPerMinute: 600,
    maxBodyBytes: 1_048_576,
    console: { sessions: new ConsoleSessions(), temporalUiUrl, store },
    templates: templateRouteOptionsOf(store.templates, templateReview),
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const health = await fetch(`${url}/healthz`);
  if (!health.ok) throw new Error(`the dev API did not answer its health check (${health.status})`);
  return {
    url,
    tokens,
    pagerDutySecret,
    incidentIoSecret,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await retrier.stop();
    },
  };
}
