/**
 * Team chat incoming-webhook stand-in (Slack style): `POST /hooks/<token>` with `{"text": …}`
 * answers 200 "ok"; an unknown token 404 "no_team". Revoked, the webhook answers 404 "no_service"
 * (Slack's answer for a removed webhook); without the permission to post, 403 "action_prohibited".
 */
import type { Fault } from './faults.ts';
import type { Permissions } from './permissions.ts';
import type { ProviderSpec, Reply } from './provider-server.ts';
import type { Revocations } from './revocations.ts';

/** One accepted post, as tests read it back. */
export interface ChatPost {
  text: string;
  at: string;
}

export function chatWebhookSpec(options: {
  token: string;
  posts: ChatPost[];
  revocations?: Revocations;
  permissions?: Permissions;
}): ProviderSpec {
  return {
    provider: 'chat',
    faultable: () => true,
    faultReply(fault: Fault): Reply {
      if (fault.kind === 'rate-limit') {
        return { status: 429, body: 'rate_limited', headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) } };
      }
      return { status: fault.kind === 'status' ? fault.status : 500, body: 'internal_error' };
    },
    async handle(request) {
      if (request.method !== 'POST' || request.url.pathname !== `/hooks/${options.token}`) {
        return { status: 404, body: 'no_team' };
      }
      if (options.revocations?.isRevoked('chat') === true) return { status: 404, body: 'no_service' };
      if (options.permissions?.isWithdrawn('chat') === true) return { status: 403, body: 'action_prohibited' };
      const text = (request.body as { text?: unknown } | undefined)?.text;
      if (typeof text !== 'string' || text.length === 0) return { status: 400, body: 'no_text' };
      options.posts.push({ text, at: new Date().toISOString() });
      return { status: 200, body: 'ok' };
    },
  };
}
