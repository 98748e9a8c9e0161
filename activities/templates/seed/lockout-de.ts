/**
 * German texts of the lockout procedure's messages and of the service-problem and legal-clock
 * notices (lockout-en.ts is the reference; the same parameters). SMS parts use GSM-7 letters only.
 */
import type { LockoutTexts } from './lockout-en.ts';

const CAUSE =
  '{cause, select, token {ein abgelaufenes oder widerrufenes Integrations-Token} acl {eine abweichende Zugriffskontrollliste, die Sync-Jobs blockiert}' +
  ' certificate {ein Fehler bei der Prüfung der Zertifikatskette}' +
  ' auditLog {eine Audit-Log-Compliance-Sperre während eines Überwachungsaudits} other {ein Konflikt bei der Datenresidenz}}';

const CADENCE =
  '{cadenceUnit, select, hour {jede Stunde} hours {alle {cadenceCount} Stunden} minutes {alle {cadenceCount} Minuten} other {{cadence}}}';

const HEAD = `Titel: {title}
Ursache: ${CAUSE}
Kenntnis (erkannt am): {detectedAt}
Beeinträchtigt: {surfaces}
Regionen: {regions}
Verarbeitung personenbezogener Daten aus der EU unterbrochen: {euInterrupted, select, yes {JA (DSGVO-Bewertung läuft)} other {nein}}`;

export const LOCKOUT_DE: LockoutTexts = {
  'lockout-alert': {
    subject: '[Herald][{severityUpper}] Compliance-Sperre {lockoutId}: {title}',
    text: `Compliance-Sperre {lockoutId}: Die Salesforce-Integrationen sind blockiert. Ein Engineer und Compliance werden jetzt gebraucht.

${HEAD}

Bestätigen mit: {ackCommand}
Bis jemand bestätigt, eskaliert Herald an die nächste Bereitschaftsstufe.
`,
    smsHead: 'Herald {lockoutId} {severityUpper} Sperre:',
    smsBody: '{title}. {surfacesShort} beeinträchtigt.',
    smsTail: 'Bestätigen: {ackCommand}',
  },
  'lockout-escalation': {
    subject: '[Herald][{severityUpper}][ESKALATION L{level}] Compliance-Sperre {lockoutId}',
    text: `Eskalationsstufe {level}: Compliance-Sperre {lockoutId} braucht Aufmerksamkeit.
{hasReason, select, yes {Grund: {reason}} other {Niemand hat den Alarm bestätigt.}}

${HEAD}

Bestätigen mit: {ackCommand}
`,
    smsHead: 'Herald {lockoutId} ESKALATION L{level}{hasPage, select, yes { Ruf {page}} other {}}:',
    smsBody: '{severityUpper} Sperre. {hasReason, select, yes {{reason}} other {Unbestätigt.}}',
    smsTail: 'Bestätigen: {ackCommand}',
  },
  'lockout-stakeholder-notice': {
    subject: '[Herald][{severityUpper}] Salesforce-Integrationen gesperrt: {title} ({lockoutId})',
    text: `Eine Compliance-Sperre ({lockoutId}) blockiert die Salesforce-Integrationen der Plattform.

${HEAD}

{description}

Statusmeldungen folgen ${CADENCE}, bis die Sperre behoben ist.
`,
    smsHead: 'Herald {lockoutId}:',
    smsBody: 'Salesforce-Integrationen gesperrt ({surfacesShort} beeinträchtigt, {regionsShort}).',
    smsTail: 'Details per E-Mail.',
  },
  'lockout-status-update': {
    subject: '[Herald] Statusmeldung {sequence} zur Sperre {lockoutId}: {title}',
    text: `Statusmeldung {sequence} zur Compliance-Sperre {lockoutId} (noch nicht behoben).

${HEAD}

{hasApprovedText, select, yes {{approvedText}} other {Engineering und Compliance arbeiten daran.}}

{hasNextAt, select, yes {Nächste Meldung bis {nextAt}.} other {}}
`,
    smsHead: 'Herald {lockoutId} Meldung {sequence}:',
    smsBody: '{hasApprovedText, select, yes {{approvedText}} other {Sperre nicht behoben; die Teams arbeiten daran.}}',
    smsTail: '',
  },
  'lockout-resolution': {
    subject: '[Herald] Behoben: Compliance-Sperre {lockoutId}: {title}',
    text: `Die Compliance-Sperre {lockoutId} ist behoben; die Salesforce-Integrationen sind wieder frei.

${HEAD}
Behoben am: {hasResolvedAt, select, yes {{resolvedAt}} other {jetzt}}
Ursache: {hasRootCause, select, yes {{rootCause}} other {nicht angegeben}}

Ein Post-Incident-Bericht folgt.
`,
    smsHead: 'Herald {lockoutId} BEHOBEN:',
    smsBody: '{rootCause}',
    smsTail: '',
  },
  'lockout-deadline-missed': {
    subject: '[Herald][FRIST VERPASST] Sperre {lockoutId}: {milestoneTitle}',
    text: `Eine Frist der Compliance-Sperre {lockoutId} ist verstrichen, ohne dass der Meilenstein erreicht wurde.

Meilenstein: {milestoneTitle} ({milestone})
Fällig war: {hasDueAt, select, yes {{dueAt}} other {?}}

Das Versäumnis steht im Audit-Log und im Compliance-Bericht.
`,
    smsHead: 'Herald {lockoutId} FRIST VERPASST:',
    smsBody: '{milestoneTitle} war fällig {hasDueAt, select, yes {{dueAt}} other {?}}.',
    smsTail: '',
  },
  'lockout-report-cover': {
    subject:
      '[Herald] {kind, select, compliance {Compliance-Statusbericht} other {Post-Incident-Bericht}}: Sperre {lockoutId} (sha256 {sha256Short})',
    text: '{reportText}',
    smsHead: 'Herald {lockoutId}:',
    smsBody:
      '{kind, select, compliance {Compliance-Statusbericht} other {Post-Incident-Bericht}} an Ihre E-Mail gesendet (sha256 {sha256Short}).',
    smsTail: '',
  },
  'lockout-customer-notice': {
    subject: 'Servicehinweis für {accountName}: {affected} beeinträchtigt ({lockoutId})',
    text: `Sehr geehrtes Team von {accountName},

seit {since} blockiert eine Sicherheitskontrolle die CRM-Integrationen unserer Plattform. Dadurch sind in {regions} möglicherweise beeinträchtigt: {affected}.
Die Kontrolle hat wie vorgesehen gehandelt; unsere Engineering- und Compliance-Teams arbeiten jetzt daran.

Wir senden Ihnen ${CADENCE} eine Statusmeldung, bis es behoben ist.
Referenz: {lockoutId}
`,
    smsHead: 'Servicehinweis {lockoutId}:',
    smsBody: '{affected} beeinträchtigt ({regionsShort}). Meldungen ' + CADENCE + ' per E-Mail.',
    smsTail: '',
  },
  'lockout-procurement-notice': {
    subject: 'Aktualisierung der Lieferantenbewertung für {accountName}: Integrationssperre {lockoutId}',
    text: `Sehr geehrtes Einkaufs- und Sicherheitsteam von {accountName},

seit {since} blockiert eine Sicherheitskontrolle die CRM-Integrationen unserer Plattform ({affected} beeinträchtigt in {regions}).
Anbei finden Sie unsere vorab freigegebenen Antworten zur Lieferantenbewertung, Version {documentVersion}: zu den Auswirkungen auf Daten, zu Zertifizierungen und dazu, wie wir Sie auf dem Laufenden halten.

Bitte bestätigen Sie den Empfang mit einer Antwort auf diese Nachricht oder an Ihren Account Owner.
Referenz: {lockoutId}
`,
    smsHead: 'Lieferantenhinweis {lockoutId}:',
    smsBody:
      'Integrationssperre betrifft {accountName}. Bewertungsantworten v{documentVersion} per E-Mail gesendet; bitte Empfang bestätigen.',
    smsTail: '',
  },
  'lockout-procurement-escalation': {
    subject: '[Herald] Einkauf von {accountName} hat den Sperrhinweis nicht bestätigt ({lockoutId})',
    text: `Sie betreuen den Account {accountName}. Seine Einkaufs- und Sicherheitskontakte haben die Antworten zur Lieferantenbewertung (Version {documentVersion}) am {hasNoticeSentAt, select, yes {{noticeSentAt}} other {?}} erhalten und den Empfang nicht bestätigt.

Sperre: {title} ({lockoutId})

Bitte kontaktieren Sie sie direkt und halten Sie es dann fest mit:
  herald lockout procurement {lockoutId} --account {hasAccountId, select, yes {{accountId}} other {<Account-ID>}} --as <Sie> --note "…"
`,
    smsHead: 'Herald {lockoutId}:',
    smsBody: 'Einkauf von {accountName} hat den Sperrhinweis nicht bestätigt. Bitte rufen Sie an.',
    smsTail: '',
  },
  'lockout-customer-resolution': {
    subject: 'Behoben: Servicehinweis {lockoutId} für {accountName}',
    text: `Sehr geehrtes Team von {accountName},

die zuvor gemeldete Integrationssperre ist behoben{hasResolvedAt, select, yes { (seit {resolvedAt})} other {}}. Wieder normal verfügbar: {affected}.
Ursache: {hasRootCause, select, yes {{rootCause}} other {wird geprüft}}

Einen Post-Incident-Bericht erhalten Sie auf Anfrage von Ihrem Account Owner.
Referenz: {lockoutId}
`,
    smsHead: 'Behoben {lockoutId}:',
    smsBody: 'Wieder normal verfügbar: {affected}.',
    smsTail: '',
  },
  'service-problem': {
    subject:
      '[Herald][HANDELN] {service} {permanent, select, yes {ist blockiert} other {fällt aus}} für {reference} ({failureType})',
    text: `Der Dienst {service} {permanent, select, yes {ist blockiert} other {fällt aus}} für das Verfahren {reference}, seit {since}.

Fehler: {failureType}
Ursache: {cause}
Wartet darauf: {hasSteps, select, yes {{steps}} other {noch nichts}}

Alle anderen Schritte und Fristüberwachungen laufen weiter; Meldungen gehen über die Kanäle, die noch funktionieren. {permanent, select, yes {Herald prüft ihn alle {recheckMinutes, plural, one {# Minute} other {# Minuten}} und macht von selbst weiter, sobald er wieder funktioniert.} other {Herald versucht es mit wachsendem Abstand weiter.}}
Sobald er repariert ist, jetzt erneut versuchen mit: {retryCommand}
`,
    smsHead: 'Herald {reference}: {service} {permanent, select, yes {blockiert} other {fällt aus}} ({failureType}).',
    smsBody: '{cause}',
    smsTail: 'Erneut: {retryCommand}',
  },
  'legal-clock-notice': {
    subject:
      '[Herald][GESETZLICHE FRIST {kind, select, missed {VERPASST} other {GEFÄHRDET}}] {regime} {jurisdiction}: {clockTitle} — {reference}',
    text: `{kind, select, missed {Die gesetzliche Frist „{clockTitle}“ für {reference} ist am {dueAt} unerfüllt verstrichen.} other {Die gesetzliche Frist „{clockTitle}“ für {reference} endet am {dueAt} und ist noch nicht erfüllt.}}

Regelwerk: {regime} ({jurisdiction})
Empfänger: {recipient}
Quelle: {source}

{heraldSends, select, yes {Herald sendet diese Meldung selbst, sobald sie freigegeben ist; prüfen Sie, was sie aufhält.} other {Diese Meldung reicht Herald nicht ein: reichen Sie sie bei {recipient} ein und halten Sie die Einreichung dann fest:
{recordCommand}}}{kind, select, missed {
Eine verspätete Meldung muss in der Regel die Gründe für die Verzögerung nennen.} other {}}
`,
    smsHead: 'Herald {reference} GESETZLICHE FRIST {kind, select, missed {VERPASST} other {GEFÄHRDET}}:',
    smsBody: '{regime} {jurisdiction} {clockTitle}, fällig {dueAt}.',
    smsTail: 'Details per E-Mail.',
  },
};
