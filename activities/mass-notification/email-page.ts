/**
 * The email of one page of affected people: one SendGrid request per rendering group (locale,
 * named or not) carrying up to 1,000 personalizations, each with its own delivery key. The page is
 * claimed in the ledger before the request and confirmed with its X-Message-Id after; a request
 * that failed ambiguously is looked up by its batch key before anything is resent. Every wait
 * (pacing, a rate limit's reset, the delay before a lookup) heartbeats and ends on cancellation;
 * a cancelled or fenced-out page sends no further request. People an earlier attempt still holds
 * for longer than a short wait (a dead worker's lease) are left to a later run of the page when
 * the fan-out runs one (`laterRun`).
 */
import { templatesFor } from '../templates/template-source.ts';
import { emailHtml, escapeHtml } from '../templates/email-html.ts';
import type { RenderedMessage } from '../documents/message-types.ts';
import { heartbeat } from '@temporalio/activity';
import type { AffectedPerson } from '../../workflows/domain/contacts.ts';
import type { ActivityDeps } from '../deps.ts';
import { recordFailedAttempt } from '../delivery-attempts.ts';
import { assertDrillRecipients } from '../drills/drill-recipients.ts';
import type { ClaimedKey, ClaimKeeper } from '../fencing/claim-keeper.ts';
import type { BatchRecipient, RecipientReceipt } from '../ports.ts';
import {
  AFFECTED_MILESTONE,
  auditPage,
  deliveryGroup,
  deliveryKey,
  emptyPageResult,
  PageRenderer,
  PLAUSIBLE_EMAIL,
  RECIPIENT_NAME_HTML_TOKEN,
  RECIPIENT_NAME_TOKEN,
} from './page.ts';
import type { ChannelPageResult, PageInput } from './page.ts';
import { pageClaim, runClaimed } from './page-claim.ts';
import { accountPacer } from './account-pacer.ts';
import { LATER_RUN_AFTER_MS, laterRun, LeftBehind } from './later-run.ts';
import type { LaterRun } from './later-run.ts';
import type { RatePacer } from './rate-pacer.ts';
import {
  ambiguousBackoffMs,
  classifyFailure,
  MAX_AMBIGUOUS_ATTEMPTS,
  MAX_RATE_LIMITED_ATTEMPTS,
} from './send-retry.ts';

export interface EmailPageInput extends PageInput {
  /** SendGrid requests per second (the deployment's rate, from the plan); default unpaced. */
  perSecond?: number;
  /**
   * The caller runs the page again for people it leaves (the fan-out, since its later runs of
   * email pages); absent: every wait for an earlier attempt's lease is spent inside the page.
   */
  laterRun?: boolean;
}

/** An email page's outcome, with the people left to a later run of the page. */
export type EmailPageResult = ChannelPageResult & LaterRun;

export async function sendAffectedEmailPage(deps: ActivityDeps, input: EmailPageInput): Promise<EmailPageResult> {
  const page = await deps.recipients.page(input.incidentId, input.offset, input.limit);
  assertDrillRecipients(deps.directory, input.incidentId, page);
  const people = page.filter((p) => p.email);
  const result: ChannelPageResult = { ...emptyPageResult(), addressed: people.length };
  const keeper = pageClaim(deps, deliveryGroup(input.incidentId, 'email'));
  const renderer = new PageRenderer(deps, input, await templatesFor(deps.templates, input.incidentId));
  const later = new LeftBehind();
  const sendAll = async (): Promise<void> => {
    const claimed = await keeper.claimAll(people.map((p) => p.id));
    // An earlier attempt's lease this long (a dead worker's: its request may yet be accepted) is
    // waited out by a later run of the page, so the channel's next page need not wait for it.
    const laterRunFrom = input.laterRun ? performance.now() + LATER_RUN_AFTER_MS : Infinity;
    const pacer = input.perSecond ? accountPacer(deps, 'email', input.perSecond, keeper.waits.wait) : undefined;
    const byRendering = new Map<string, { people: AffectedPerson[]; keys: ClaimedKey[] }>();
    const refused: { recipientId: string; error: string }[] = [];
    people.forEach((person, i) => {
      const key = claimed[i] as ClaimedKey;
      if (key.previous?.state === 'sent') {
        result.accepted++;
        result.duplicatesSkipped++;
      } else if (key.previous?.state === 'failed') {
        result.failed++;
      } else if (!PLAUSIBLE_EMAIL.test(person.email ?? '')) {
        refused.push({ recipientId: person.id, error: 'not a valid email address' });
      } else if (key.readyAt > laterRunFrom) {
        later.leave(person.id, key.readyAt);
      } else {
        const bucket = byRendering.get(PageRenderer.groupOf(person)) ?? { people: [], keys: [] };
        bucket.people.push(person);
        bucket.keys.push(key);
        byRendering.set(PageRenderer.groupOf(person), bucket);
      }
    });
    await keeper.fail(refused);
    result.failed += refused.length;

    for (const [renderKey, bucket] of byRendering) {
      // An earlier attempt of this page may have a request in flight until its lease ends.
      for (const key of bucket.keys) await keeper.ready(key);
      const earlier = bucket.keys.flatMap((k) => (k.previous?.state === 'reserved' ? [k.previous.reservedAt] : []));
      const outcome = await sendBucket(deps, keeper, pacer, {
        batchKey: `${input.incidentId}/${AFFECTED_MILESTONE}/email/${input.offset}/${renderKey}`,
        people: bucket.people,
        message: withHtml(renderer.messageFor(bucket.people[0] as AffectedPerson)),
        ambiguousSince: earlier.sort()[0],
        incidentId: input.incidentId,
      });
      result.accepted += outcome.accepted;
      result.duplicatesSkipped += outcome.reconciled;
      result.failed += outcome.failed;
      heartbeat();
    }
  };
  await runClaimed(keeper, sendAll, () => later.left);
  await auditPage(deps, input, 'email', people, [], renderer.used());
  return { ...result, ...laterRun([], undefined, later.left) };
}

interface Bucket {
  batchKey: string;
  people: AffectedPerson[];
  message: { subject: string; text: string; html: string };
  /** Set when an earlier attempt may have sent this batch: look it up first. */
  ambiguousSince: string | undefined;
  incidentId: string;
}

/** Sends one rendering group, retrying in place; a refused request is split to find the bad address. */
async function sendBucket(
  deps: ActivityDeps,
  keeper: ClaimKeeper,
  pacer: RatePacer | undefined,
  bucket: Bucket,
): Promise<{ accepted: number; reconciled: number; failed: number }> {
  const counts = { accepted: 0, reconciled: 0, failed: 0 };
  let remaining = bucket.people;
  let ambiguousSince = bucket.ambiguousSince;
  let ambiguous = 0;
  let rateLimited = 0;
  while (remaining.length > 0) {
    let attemptAt: string | undefined;
    try {
      if (ambiguousSince !== undefined) {
        const found = await deps.email.findSentBatch(bucket.batchKey, ambiguousSince);
        const receipts: RecipientReceipt[] = [];
        remaining = remaining.filter((person) => {
          const receipt = found[(person.email as string).toLowerCase()];
          if (receipt) receipts.push({ recipientId: person.id, ...receipt });
          return !receipt;
        });
        await keeper.confirm(receipts);
        counts.accepted += receipts.length;
        counts.reconciled += receipts.length;
        if (remaining.length === 0) break;
      }
      await pacer?.take();
      await keeper.beforeSend(remaining.map((p) => p.id));
      attemptAt = new Date().toISOString();
      const receipt = await (deps.pageSends?.email ?? deps.email).sendBatch({
        subject: bucket.message.subject,
        text: bucket.message.text,
        html: bucket.message.html,
        batchKey: bucket.batchKey,
        recipients: remaining.map((person) => recipientOf(person, bucket.incidentId)),
      });
      await keeper.confirm(remaining.map((person) => ({ recipientId: person.id, ...receipt })));
      counts.accepted += remaining.length;
      remaining = [];
    } catch (err) {
      // Cancelled or fenced out: nothing more goes out; what is unconfirmed is left to reconcile.
      if (keeper.stopped) throw err;
      const failure = classifyFailure(err);
      // A request refused for one address among several is not the others' failure: the halving finds whose it is.
      if (attemptAt !== undefined && !(failure.kind === 'invalid-recipient' && remaining.length > 1)) {
        const ids = remaining.map((p) => p.id);
        await recordFailedAttempt(deps, deliveryGroup(bucket.incidentId, 'email'), ids, err, attemptAt);
      }
      if (failure.kind === 'fatal') throw err;
      if (failure.kind === 'invalid-recipient') {
        if (remaining.length === 1) {
          await keeper.fail([{ recipientId: (remaining[0] as AffectedPerson).id, error: failure.message }]);
          counts.failed++;
          remaining = [];
        } else {
          // SendGrid refuses the whole request for one address: halve until the culprit stands alone.
          const half = Math.ceil(remaining.length / 2);
          for (const part of [remaining.slice(0, half), remaining.slice(half)]) {
            const sub = await sendBucket(deps, keeper, pacer, { ...bucket, people: part, ambiguousSince });
            counts.accepted += sub.accepted;
            counts.reconciled += sub.reconciled;
            counts.failed += sub.failed;
          }
          remaining = [];
        }
        continue;
      }
      if (failure.kind === 'rate-limited') {
        if (++rateLimited > MAX_RATE_LIMITED_ATTEMPTS) throw err;
        pacer?.pauseUntil(Date.now() + failure.delayMs);
        await keeper.waits.wait(failure.delayMs);
        continue;
      }
      ambiguousSince ??= attemptAt;
      if (++ambiguous >= MAX_AMBIGUOUS_ATTEMPTS) throw err;
      await keeper.waits.wait(ambiguousBackoffMs(ambiguous, failure, deps.fanout?.providerTimeoutMs));
    }
  }
  return counts;
}

/**
 * The message with its HTML part. SendGrid puts a substitution's value into every part as it is, so
 * the HTML names the recipient through a token of its own whose value is escaped (recipientOf).
 */
function withHtml(message: RenderedMessage): Bucket['message'] {
  const { subject, text } = message;
  const html = emailHtml({ subject, text, lang: message.template?.locale ?? 'en' });
  return { subject, text, html: html.split(RECIPIENT_NAME_TOKEN).join(RECIPIENT_NAME_HTML_TOKEN) };
}

function recipientOf(person: AffectedPerson, incidentId: string): BatchRecipient {
  const name = person.name.trim();
  const substitutions = { [RECIPIENT_NAME_TOKEN]: name, [RECIPIENT_NAME_HTML_TOKEN]: escapeHtml(name) };
  return {
    to: person.email as string,
    ...(name ? { toName: name, substitutions } : {}),
    deliveryKey: deliveryKey(incidentId, person.id, 'email'),
  };
}
