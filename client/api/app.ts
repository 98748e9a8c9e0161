/**
 * Herald's HTTP API: incident triggers (generic JSON; PagerDuty, Opsgenie and incident.io webhooks,
 * kept as triggers until applied), status, every operator
 * action as an Update (the caller learns at once whether the procedure accepted it), and the
 * providers' signed delivery callbacks (SendGrid Event Webhook, Twilio status). The
 * OpenAPI 3.1 document at /openapi.json comes from the same zod schemas that validate requests.
 * Bearer tokens (the API's hashed tokens, or OIDC access tokens) bind the caller's name and role,
 * and every action carries an actor claim the API signs for that caller; every error is
 * problem+json naming the problem.
 */
import type { KeyObject } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { ActionRejectedError, InvalidInputError } from '../procedure-client.ts';
import type { DeliveryStatus } from '../../activities/store/delivery-status.ts';
import type { OidcVerifier } from '../auth/oidc-verifier.ts';
import { consoleRoutes } from '../console/console-routes.tsx';
import type { ConsoleOptions } from '../console/console-routes.tsx';
import type { AlertRoutes } from './alerts/alert-event.ts';
import type { ActorClaimSigner } from './claims/claim-signer.ts';
import { problem, ProblemError, RequestInvalid, validationProblem } from './problem.ts';
import { RateLimiter } from './rate-limit.ts';
import { alertRoutes } from './routes/alert-routes.ts';
import { callbackRoutes } from './routes/callback-routes.ts';
import { claimRoutes } from './routes/claim-routes.ts';
import type { DrillReportStore } from '../drill-client.ts';
import { drillRoutes } from './routes/drill-routes.ts';
import { procedureRoutes } from './routes/procedure-routes.ts';
import type { ApiEnv } from './routes/route-kit.ts';
import { triggerHealth, triggerRoutes } from './routes/trigger-routes.ts';
import { templateRoutes } from './routes/template-routes.ts';
import type { TemplateRouteOptions } from './routes/template-routes.ts';
import type { TokenRegistry } from './tokens.ts';
import type { TriggerProcessor } from './triggers/trigger-processor.ts';

export interface ApiOptions {
  client: Client;
  taskQueue: string;
  tokens: TokenRegistry;
  /** OIDC access tokens from the organisation's identity provider; without it only API tokens. */
  oidc?: OidcVerifier;
  /**
   * Signs each action's actor claim; without it actions go without one and the procedures refuse
   * the privileged ones, and `POST /v1/claims` answers 404.
   */
  claims?: ActorClaimSigner;
  /** PagerDuty webhook signing secret; without it the PagerDuty endpoint answers 404. */
  pagerDutySecret?: string;
  /** incident.io's (Standard Webhooks) signing secret, `whsec_…`; without it that endpoint answers 404. */
  incidentIoSecret?: string;
  /** Which procedure each incident tool's service starts. */
  alertRoutes: AlertRoutes;
  /** Keeps and applies incident-tool webhooks (with the same client, task queue and routes). */
  triggers: TriggerProcessor;
  /** How long a webhook's answer may wait for its first attempt (default 2 s; PagerDuty waits 5 s). */
  webhookAnswerBudgetMs?: number;
  /** Requests per minute per token (webhooks: per source). */
  rateLimitPerMinute: number;
  /** Largest request body. */
  maxBodyBytes: number;
  /** Provider delivery callbacks; without them both callback endpoints answer 404. */
  callbacks?: CallbackOptions;
  /** The operations console at /console; without it /console answers 404. */
  console?: ConsoleOptions;
  /** Where the drills' reports are read (the worker's store); without it the report routes answer 404. */
  drillReports?: DrillReportStore;
  /** The message-template registry (the store's); without it the /v1/templates routes answer 404. */
  templates?: TemplateRouteOptions;
}

/** What the delivery callback endpoints verify with and where they record. */
export interface CallbackOptions {
  /** Where verified delivery events go (the store's delivery status). */
  events: Pick<DeliveryStatus, 'record'>;
  /** SendGrid Event Webhook verification key; without it `/callbacks/sendgrid` answers 404. */
  sendgridPublicKey?: KeyObject;
  /** Twilio's auth token and Herald's public base URL; without them `/callbacks/twilio` answers 404. */
  twilio?: { authToken: string; publicUrl: string };
  /** Clock for timestamp checks and Twilio arrival times; the system clock by default. */
  now?: () => Date;
}

/**
 * Every POST takes a JSON body: without one (or with another type) nothing would be validated, so
 * refuse it. Not the webhooks: what an authenticated tool sends is recorded whatever its type says.
 */
const requireJsonBody: MiddlewareHandler<ApiEnv> = async (c, next) => {
  if (
    c.req.method === 'POST' &&
    !c.req.path.startsWith('/v1/webhooks/') &&
    !/^application\/json\b/i.test(c.req.header('content-type') ?? '')
  ) {
    return problem(c, 415, 'Unsupported media type', 'send the body as application/json');
  }
  await next();
  return undefined;
};

export function buildApi(options: ApiOptions): OpenAPIHono<ApiEnv> {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return validationProblem(c, result.target, result.error);
      return undefined;
    },
  });
  const limiter = new RateLimiter(options.rateLimitPerMinute);
  app.use('*', async (c, next) => {
    c.set('options', options);
    c.set('limiter', limiter);
    await next();
  });
  const limitBody = bodyLimit({
    maxSize: options.maxBodyBytes,
    onError: (c) => problem(c, 413, 'Payload too large', `the body may be at most ${options.maxBodyBytes} bytes`),
  });
  app.use('/v1/*', limitBody);
  app.use('/callbacks/*', limitBody);
  app.use('/console/*', limitBody);
  app.use('/v1/*', requireJsonBody);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API token, or an OIDC access token from the configured identity provider; its name and role are the actor of every action it takes.',
  });
  procedureRoutes(app);
  claimRoutes(app);
  drillRoutes(app);
  alertRoutes(app);
  triggerRoutes(app);
  callbackRoutes(app);
  if (options.console) consoleRoutes(app, options.console);
  if (options.templates) templateRoutes(app, options.templates);
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/healthz/triggers', triggerHealth);
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Herald',
      version: '1',
      description: 'Incident notification procedures on Temporal: trigger, follow and act on them.',
    },
  });
  app.notFound((c) => problem(c, 404, 'Not found', `no such endpoint: ${c.req.method} ${c.req.path}`));
  app.onError((err, c) => {
    // Hono's own refusals (malformed JSON, …): a client error with its status.
    if (err instanceof HTTPException) return problem(c, err.status, 'Bad request', err.message);
    if (err instanceof RequestInvalid) return validationProblem(c, err.where, err.zodError);
    if (err instanceof ProblemError) return problem(c, err.status, err.title, err.message);
    if (err instanceof InvalidInputError) return problem(c, 422, 'Invalid input', err.message);
    if (err instanceof ActionRejectedError) return problem(c, 409, 'Action refused', err.message);
    if (err instanceof WorkflowNotFoundError) return problem(c, 404, 'No such procedure', err.message);
    if (err instanceof SyntaxError) return problem(c, 400, 'Invalid JSON', err.message);
    // Temporal unreachable or the like: the request may be fine; try again.
    return problem(
      c,
      503,
      'Service unavailable',
      err instanceof Error ? err.message : String(err),
      {},
      { 'Retry-After': '5' },
    );
  });
  return app;
}
