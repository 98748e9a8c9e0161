/**
 * The affected people's email page over SendGrid's SDK to the sandbox: every letter has its
 * text/plain and text/html parts, the HTML in the reader's language, and each recipient's name put
 * in by SendGrid's substitution as it is in the text and escaped in the HTML.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../../activities/index.ts';
import { pageOf, sandboxPageDeps, uniqueAudience, useSandboxAndStore } from '../../support/page-sandbox.ts';

const started = useSandboxAndStore();

test('each letter has both parts; a name with HTML characters is escaped in the HTML only', async () => {
  const { sandbox, store } = started();
  const [german, french] = uniqueAudience(2, ['de', 'fr']);
  const audience = [
    { ...german!, name: 'Jo <b>Bold</b> & "Co"' },
    { ...french!, name: 'Zoé Martin' },
  ];
  const activities = createActivities(sandboxPageDeps(sandbox, store, {}));
  const page = await pageOf(store, 'HTML-NAMES', audience);
  const result = await new MockActivityEnvironment().run<
    [typeof page],
    { accepted: number },
    typeof activities.sendAffectedEmailPage
  >(activities.sendAffectedEmailPage, page);
  assert.equal(result.accepted, 2);

  const letter = (to: string) => sandbox.log.acceptedEmails().find((e) => e.to === to);
  const de = letter(audience[0]!.email!);
  assert.match(de?.text ?? '', /Guten Tag Jo <b>Bold<\/b> & "Co",/);
  assert.match(de?.html ?? '', /^<!DOCTYPE html>\n<html lang="de" dir="ltr">/);
  assert.match(de?.html ?? '', /Guten Tag Jo &lt;b&gt;Bold&lt;\/b&gt; &amp; &quot;Co&quot;,/);
  assert.doesNotMatch(de?.html ?? '', /<b>|herald_recipient_name/);
  const fr = letter(audience[1]!.email!);
  assert.match(fr?.html ?? '', /<html lang="fr" dir="ltr">/);
  assert.match(fr?.html ?? '', /Bonjour Zoé Martin,/);
  const [request] = sandbox.log.requests('sendgrid');
  const content = (request?.body as { content?: { type: string }[] }).content;
  assert.deepEqual(
    content?.map((c) => c.type),
    ['text/plain', 'text/html'],
  );
});
