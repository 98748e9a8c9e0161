/**
 * The credential-expiry warning from the registry (PGlite store, the SendGrid and Twilio SDKs
 * against the sandbox): each owner gets it in the language of their directory entry, in the
 * version approved when it is sent (nothing pins it), and its audit entries name that version.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../../activities/index.ts';
import type { AuditEntry } from '../../../activities/ports.ts';
import { SEED_TEMPLATES } from '../../../activities/templates/seed/seed-templates.ts';
import { templateHash } from '../../../activities/templates/template-texts.ts';
import type { TemplateUse } from '../../../workflows/domain/template-pins.ts';
import { testDirectory } from '../../support/directory.ts';
import { sandboxPageDeps, useSandboxAndStore } from '../../support/page-sandbox.ts';

const NOW = '2026-03-06T17:50:00.000Z';
const ID = 'credential-warning';
const credentialOwners = [
  { id: 'owner-en', name: 'Pat', email: 'pat@uni.test', phone: '+4930555000051' },
  { id: 'owner-de', name: 'Dora', email: 'dora@uni.test', phone: '+4930555000052', locale: 'de-DE' },
];

const world = useSandboxAndStore({ students: [] });

async function warn(credential: string): Promise<AuditEntry[]> {
  const deps = sandboxPageDeps(
    world().sandbox,
    world().store,
    {},
    { directory: { ...testDirectory, credentialOwners } },
  );
  const result = await new MockActivityEnvironment().run(createActivities(deps).warnCredentialExpiry, {
    credential,
    description: `TLS certificate of ${credential}.test:443`,
    expiresAt: '2026-03-09T16:50:00Z',
    thresholdHours: 72,
    hoursLeft: 71.2,
    checkedAt: NOW,
  });
  assert.deepEqual(result, { recipients: 2, reached: 2, newlySent: 4 });
  return world().store.audit.list(`credential-watch:${credential}`);
}

const mailTo = (to: string, credential: string) =>
  world()
    .sandbox.log.acceptedEmails()
    .find((e) => e.to === to && e.subject.includes(credential));
const smsTo = (to: string, credential: string) =>
  world()
    .sandbox.log.acceptedSms()
    .find((m) => m.to === to && m.body.includes(credential))?.body;
const deliveryTemplate = (entries: AuditEntry[], recipientId: string, channel: string) =>
  entries.find((e) => e.type === 'delivery.sent' && e.data.recipientId === recipientId && e.data.channel === channel)
    ?.data.template as TemplateUse | undefined;
const warningTemplates = (entries: AuditEntry[]) =>
  entries.find((e) => e.type === 'monitor.expiry-warning')?.data.templates as TemplateUse[] | undefined;

const use = (locale: string, requestedLocale: string | undefined, version: number, sha256: string): TemplateUse => ({
  templateId: ID,
  locale,
  ...(requestedLocale ? { requestedLocale } : {}),
  version,
  sha256,
  fellBackToEnglish: false,
  pinned: false,
  unpinned: 'approved-at-send',
});

test('a German owner gets the German warning; the audit names the approved version', async () => {
  const audit = await warn('cert-a');
  const de = mailTo('dora@uni.test', 'cert-a');
  assert.equal(de?.subject, '[Herald] cert-a läuft in 71 h ab (2026-03-09 16:50 UTC)');
  assert.match(
    de?.text ?? '',
    /^TLS certificate of cert-a\.test:443 läuft am 2026-03-09 16:50 UTC ab, in etwa 71 Stunden \(geprüft am 2026-03-06 17:50 UTC\)\.\n/,
  );
  assert.match(de?.text ?? '', /\nZugangsdaten: cert-a\nWarnung: 72 h vor Ablauf/);
  assert.equal(
    smsTo('+4930555000052', 'cert-a'),
    'Herald: cert-a läuft ab am 2026-03-09 16:50 UTC (71 h). TLS certificate of cert-a.test:443 Bitte erneuern oder rotieren.',
  );
  assert.equal(mailTo('pat@uni.test', 'cert-a')?.subject, '[Herald] cert-a expires in 71 h (2026-03-09 16:50 UTC)');

  const german = use('de', 'de-DE', 1, templateHash(SEED_TEMPLATES[ID].de!));
  const english = use('en', undefined, 1, templateHash(SEED_TEMPLATES[ID].en!));
  for (const channel of ['email', 'sms']) {
    assert.deepEqual(deliveryTemplate(audit, 'owner-de', channel), german, channel);
    assert.deepEqual(deliveryTemplate(audit, 'owner-en', channel), english, channel);
  }
  assert.deepEqual(warningTemplates(audit), [english, german]);
});

test('a version approved since is what the next warning sends, and names', async () => {
  const revised = { ...SEED_TEMPLATES[ID].en!, subject: '[Herald][EXPIRY] {credential} in {hoursLeft} h' };
  const draft = await world().store.templates.propose(
    { templateId: ID, locale: 'en', texts: revised, author: 'alice' },
    NOW,
  );
  await world().store.templates.submit(ID, 'en', draft.version, NOW);
  await world().store.templates.approve(ID, 'en', draft.version, { id: 'bob', role: 'compliance' }, NOW, {
    reviewRequired: false,
  });

  const audit = await warn('cert-b');
  assert.equal(mailTo('pat@uni.test', 'cert-b')?.subject, '[Herald][EXPIRY] cert-b in 71 h');
  assert.match(mailTo('dora@uni.test', 'cert-b')?.subject ?? '', /^\[Herald\] cert-b läuft in 71 h ab/);
  const english = use('en', undefined, draft.version, templateHash(revised));
  assert.deepEqual(deliveryTemplate(audit, 'owner-en', 'email'), english);
  assert.deepEqual(warningTemplates(audit)?.[0], english);
  assert.equal(warningTemplates(audit)?.[1]?.version, 1, 'German stays at its approved version 1');
});
