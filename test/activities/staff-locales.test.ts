/**
 * Staff messages in the staff member's language, over real servers: the on-call people's directory
 * entries name de, fr and it; the procedure's pinned registry versions (PGlite store) render them,
 * and the SendGrid and Twilio SDKs send to the sandbox, whose log shows what each person got. Italian
 * has no staff variant: English stands in, and the delivery's audit entry says so.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MockActivityEnvironment } from '@temporalio/testing';
import { sha256Hex } from '../../activities/documents/hash.ts';
import { createActivities } from '../../activities/index.ts';
import type { AuditEntry } from '../../activities/ports.ts';
import { SEED_TEMPLATES } from '../../activities/templates/seed/seed-templates.ts';
import { templateHash } from '../../activities/templates/template-texts.ts';
import type { TemplateUse } from '../../workflows/domain/template-pins.ts';
import { testDirectory } from '../support/directory.ts';
import { sandboxPageDeps, useSandboxAndStore } from '../support/page-sandbox.ts';
import { incident } from '../support/workflow-harness.ts';

// 05:00 UTC on 1 March 2026: 06:00 in Berlin and Paris.
const DETECTED_AT = '2026-03-01T05:00:00Z';

const directory = {
  ...testDirectory,
  organisation: { name: 'Example University', timeZone: 'Europe/Berlin' },
  onCall: [
    [
      { id: 'oncall-de', name: 'Dora', email: 'dora@uni.test', phone: '+4930000101', locale: 'de' },
      {
        id: 'oncall-fr',
        name: 'Fanny',
        email: 'fanny@uni.test',
        phone: '+33100000102',
        locale: 'fr-FR',
        timeZone: 'Europe/Paris',
      },
      { id: 'oncall-it', name: 'Ivo', email: 'ivo@uni.test', phone: '+390600000103', locale: 'it' },
    ],
  ],
};

const world = useSandboxAndStore({ students: [] });

const mail = (to: string) =>
  world()
    .sandbox.log.acceptedEmails()
    .find((e) => e.to === to);
const sms = (to: string) =>
  world()
    .sandbox.log.acceptedSms()
    .find((s) => s.to === to)?.body ?? '';
const templateOf = (entries: AuditEntry[], recipientId: string, channel: string): TemplateUse | undefined =>
  entries.find((e) => e.type === 'delivery.sent' && e.data.recipientId === recipientId && e.data.channel === channel)
    ?.data.template as TemplateUse | undefined;

test('each on-call person gets the ops alert in their language; Italian gets English and the audit says so', async () => {
  const incidentId = 'SL-1';
  await world().store.templates.pin(incidentId, new Date().toISOString());
  const activities = createActivities(sandboxPageDeps(world().sandbox, world().store, {}, { directory }));
  const summary: { reached: number } = await new MockActivityEnvironment().run(activities.notifyGroup, {
    incidentId,
    ledgerMilestone: 'ops-alert:L0',
    group: 'on-call' as const,
    template: 'ops-alert' as const,
    incident: incident(incidentId, DETECTED_AT),
    params: {},
  });
  assert.equal(summary.reached, 3);

  const de = mail('dora@uni.test');
  assert.match(de?.subject ?? '', /^\[Herald\]\[HOCH\] Datenschutzvorfall SL-1: Student records exposed/);
  assert.match(
    de?.text ?? '',
    /^Datenschutzvorfall SL-1: Jetzt wird eine Person für die Vorfallsbearbeitung benötigt\./,
  );
  assert.match(
    de?.text ?? '',
    /Schweregrad: hoch\nKenntnisnahme \(erkannt am\): 01\.03\.2026 06:00 Europe\/Berlin \(05:00 UTC\)/,
  );
  assert.match(de?.text ?? '', /Bestätigen mit: herald incident ack SL-1\n/);
  assert.match(sms('+4930000101'), /^Herald SL-1 Datenleck HOCH: Student records exposed/);
  assert.match(
    sms('+4930000101'),
    /Erkannt 01\.03\.2026 06:00 Europe\/Berlin \(05:00 UTC\)\. Bestätigen: herald incident ack SL-1$/,
  );

  const fr = mail('fanny@uni.test');
  assert.match(fr?.subject ?? '', /^\[Herald\]\[ÉLEVÉE\] Incident de fuite de données SL-1 : Student records exposed/);
  assert.match(fr?.text ?? '', /^L'incident de fuite de données SL-1 nécessite dès maintenant/);
  assert.match(
    fr?.text ?? '',
    /Gravité : élevée\nPrise de connaissance \(détection\) : 01\/03\/2026 06:00 Europe\/Paris \(05:00 UTC\)/,
  );
  assert.match(fr?.text ?? '', /article 33 du RGPD/);
  assert.match(sms('+33100000102'), /^Herald SL-1 fuite de données ÉLEVÉE : Student records exposed/);
  assert.match(sms('+33100000102'), /Acquitter : herald incident ack SL-1$/);

  const it = mail('ivo@uni.test');
  assert.match(it?.subject ?? '', /^\[Herald\]\[HIGH\] Data-leak incident SL-1: /);
  assert.match(it?.text ?? '', /Awareness \(detected at\): 2026-03-01 06:00 Europe\/Berlin \(05:00 UTC\)/);
  assert.match(sms('+390600000103'), /^Herald SL-1 HIGH data leak: .* Ack: herald incident ack SL-1$/);

  const audit = await world().store.audit.list(incidentId);
  for (const channel of ['email', 'sms']) {
    const use = (recipientId: string) => templateOf(audit, recipientId, channel);
    const english = templateHash(SEED_TEMPLATES['ops-alert'].en!);
    const expected = (locale: string, requestedLocale: string, sha256: string, fellBackToEnglish: boolean) => ({
      templateId: 'ops-alert',
      locale,
      requestedLocale,
      version: 1,
      sha256,
      fellBackToEnglish,
      pinned: true,
    });
    assert.deepEqual(use('oncall-de'), expected('de', 'de', templateHash(SEED_TEMPLATES['ops-alert'].de!), false));
    assert.deepEqual(use('oncall-fr'), expected('fr', 'fr-FR', templateHash(SEED_TEMPLATES['ops-alert'].fr!), false));
    assert.deepEqual(use('oncall-it'), expected('en', 'it', english, true));
  }
});

test('an escalation reaches the German reader in German, with her zone and UTC', async () => {
  const incidentId = 'SL-2';
  await world().store.templates.pin(incidentId, new Date().toISOString());
  const activities = createActivities(sandboxPageDeps(world().sandbox, world().store, {}, { directory }));
  await new MockActivityEnvironment().run(activities.notifyGroup, {
    incidentId,
    ledgerMilestone: 'ops-alert:L1',
    group: 'on-call' as const,
    level: 1,
    template: 'ops-escalation' as const,
    incident: incident(incidentId, DETECTED_AT),
    params: { level: '1', unacknowledgedSince: '2026-03-01T23:30:00Z', page: '2' },
  });
  const de = world()
    .sandbox.log.acceptedEmails()
    .find((e) => e.to === 'dora@uni.test' && e.subject.includes('SL-2'));
  assert.match(de?.subject ?? '', /^\[Herald\]\[HOCH\]\[ESKALATION STUFE 1\] Unbestätigter Datenschutzvorfall SL-2: /);
  // Past midnight in Berlin: the UTC date is named too.
  assert.match(de?.text ?? '', /Unbestätigt seit: 02\.03\.2026 00:30 Europe\/Berlin \(01\.03\.2026 23:30 UTC\)/);
  const text = world()
    .sandbox.log.acceptedSms()
    .find((s) => s.to === '+4930000101' && s.body.includes('SL-2'))?.body;
  assert.match(
    text ?? '',
    /^Herald SL-2 ESKALATION Stufe 1 Alarm 2: Datenleck HOCH unbestätigt seit 02\.03\.2026 00:30/,
  );
});

test('the authority notice goes to a French legal reviewer with its review lines in French', async () => {
  const incidentId = 'SL-3';
  await world().store.templates.pin(incidentId, new Date().toISOString());
  const body = 'NOTIFICATION OF A PERSONAL DATA BREACH\n\n(the draft)\n';
  const draft = { incidentId, kind: 'authority-notice' as const, version: 1, body, sha256: sha256Hex(body) };
  await world().store.documents.put({ ...draft, createdAt: DETECTED_AT });
  const stakeholders = [{ id: 'legal-fr', name: 'Lou', role: 'legal', email: 'lou@uni.test', locale: 'fr' }];
  const activities = createActivities(
    sandboxPageDeps(world().sandbox, world().store, {}, { directory: { ...directory, stakeholders } }),
  );
  await new MockActivityEnvironment().run(activities.requestNoticeApproval, {
    incidentId,
    incident: incident(incidentId, DETECTED_AT),
    version: 1,
    dueAt: '2026-03-04T05:00:00Z',
    late: false,
  });
  const got = mail('lou@uni.test');
  assert.equal(
    got?.subject,
    "[Herald][EXAMEN] La notification à l'autorité v1 pour SL-3 doit être approuvée par le service juridique",
  );
  assert.match(got?.text ?? '', /^La notification à l'autorité de contrôle pour l'incident de fuite de données SL-3/);
  assert.match(got?.text ?? '', /Échéance de la notification : 04\/03\/2026 06:00 Europe\/Berlin \(05:00 UTC\)/);
  assert.match(
    got?.text ?? '',
    /\nPour approuver : herald incident approve SL-3 --as <you> --version 1 --sha256 [0-9a-f]{64}\n/,
  );
  assert.ok(got?.text.endsWith(`--- projet v1 ---\n${body}`), 'the exact draft text follows');
});
