/**
 * German staff messages as shipped: the same messages and parameters as staff-en.ts, in formal
 * German ("Sie"). Severity is spelled out with `select`; the SMS keeps to GSM-7 (ä ö ü ß are in it).
 */
import type { TemplateTexts } from '../template-texts.ts';
import type { DataLeakStaffTemplateId } from './staff-en.ts';

const SEVERITY_TAG =
  '{severity, select, critical {KRITISCH} high {HOCH} medium {MITTEL} low {NIEDRIG} other {{severityUpper}}}';
const SEVERITY = '{severity, select, critical {kritisch} high {hoch} medium {mittel} low {niedrig} other {{severity}}}';

/** The approval-escalation's SMS: the review request, which wraps that cover, sends the same. */
const APPROVAL_SMS = {
  smsHead: 'Herald {incidentId}:',
  smsBody: 'Meldung an die Behörde v{version} wartet auf Freigabe durch die Rechtsabteilung, fällig {dueAt}.',
  smsTail: 'Details per E-Mail.',
};

export const STAFF_DE: { [T in DataLeakStaffTemplateId]: TemplateTexts } = {
  'ops-alert': {
    subject: `[Herald][${SEVERITY_TAG}] Datenschutzvorfall {incidentId}: {title}`,
    text: `Datenschutzvorfall {incidentId}: Jetzt wird eine Person für die Vorfallsbearbeitung benötigt.

Titel: {title}
Schweregrad: ${SEVERITY}
Kenntnisnahme (erkannt am): {detectedAt}

Bestätigen mit: {ackCommand}
Bis jemand bestätigt, eskaliert Herald an die nächste Bereitschaftsstufe.
Die gesetzlichen Fristen laufen ab dem Zeitpunkt der Kenntnisnahme: Die Aufsichtsbehörde muss
innerhalb von 72 Stunden benachrichtigt werden (Art. 33 DSGVO).
`,
    smsHead: `Herald {incidentId} Datenleck ${SEVERITY_TAG}:`,
    smsBody: '{title}. Erkannt {detectedAt}.',
    smsTail: 'Bestätigen: {ackCommand}',
  },
  'ops-escalation': {
    subject: `[Herald][${SEVERITY_TAG}][ESKALATION STUFE {level}] Unbestätigter Datenschutzvorfall {incidentId}: {title}`,
    text: `Eskalationsstufe {level}: Der Datenschutzvorfall {incidentId} ist noch immer nicht bestätigt.

Titel: {title}
Schweregrad: ${SEVERITY}
Kenntnisnahme (erkannt am): {detectedAt}
Unbestätigt seit: {unacknowledgedSince}

Bestätigen mit: {ackCommand}
Bis jemand bestätigt, eskaliert Herald weiter.
`,
    smsHead: 'Herald {incidentId} ESKALATION Stufe {level}{hasPage, select, yes { Alarm {page}} other {}}:',
    smsBody: `Datenleck ${SEVERITY_TAG} unbestätigt seit {unacknowledgedSince}. {title}.`,
    smsTail: 'Bestätigen: {ackCommand}',
  },
  'stakeholder-notice': {
    subject: `[Herald][${SEVERITY_TAG}] Datenschutzvorfall {incidentId}: {title}`,
    text: `Zur Kenntnis und zum Handeln: Herald führt das Verfahren für Datenschutzvorfälle für den Vorfall {incidentId} durch.

Titel: {title}
Schweregrad: ${SEVERITY}
Kenntnisnahme (erkannt am): {detectedAt}
Datenkategorien: {dataCategories}
Rechtsordnungen: {jurisdictions}
Betroffene Personen: {affectedKnown, select, yes {{affectedPeople, number}} other {werden ermittelt}}
Meldung an die Aufsichtsbehörde fällig: {authorityNoticeDueAt} (Art. 33 DSGVO)

Was ist passiert:
{description}

Die Rechtsabteilung wird gebeten, die Meldung an die Aufsichtsbehörde und die Benachrichtigung der
betroffenen Personen freizugeben.
`,
    smsHead: `Herald {incidentId} Datenleck ${SEVERITY_TAG}:`,
    smsBody: '{title}. Meldung an die Behörde fällig {authorityNoticeDueAt}.',
    smsTail: 'Details per E-Mail.',
  },
  'deadline-missed': {
    subject: '[Herald][FRIST VERSÄUMT] {incidentId}: {milestoneTitle}',
    text: `Eine Frist des Datenschutzvorfalls {incidentId} ist abgelaufen, ohne dass der Meilenstein erreicht wurde.

Vorfall: {title}
Meilenstein: {milestoneTitle} ({milestoneId})
Fällig war: {dueAt}

Das Versäumnis ist im Audit-Log und im Compliance-Bericht festgehalten. Schließen Sie den Meilenstein
ohne weitere Verzögerung ab; halten Sie die Gründe für die Verzögerung fest, wo das Gesetz sie verlangt.
`,
    smsHead: 'Herald {incidentId} FRIST VERSÄUMT:',
    smsBody: '{milestoneTitle} war fällig am {dueAt}.',
    smsTail: 'Jetzt handeln; Details per E-Mail.',
  },
  'deadline-at-risk': {
    subject: '[Herald][FRIST GEFÄHRDET] {incidentId}: {milestoneTitle}',
    text: `Die Benachrichtigung zum Datenschutzvorfall {incidentId} wird voraussichtlich erst nach Ablauf der Frist abgeschlossen.

Vorfall: {title}
Meilenstein: {milestoneTitle} ({milestoneId})
Fällig am: {dueAt}
Voraussichtlich abgeschlossen am: {estimatedFinishAt} (noch {remaining, plural, one {{remaining} Person} other {{remaining} Personen}} ausstehend; {basis})

Erhöhen Sie die Ratenlimits der Anbieter, fügen Sie Versandkapazität hinzu oder bereiten Sie jetzt die
Gründe für die Verzögerung vor: Die Frist ist noch nicht abgelaufen.
`,
    smsHead: 'Herald {incidentId} FRIST GEFÄHRDET:',
    smsBody: '{milestoneTitle} fällig {dueAt}, voraussichtlich {estimatedFinishAt}.',
    smsTail: 'Details per E-Mail.',
  },
  'approval-escalation': {
    subject:
      '[Herald][FREIGABE ERFORDERLICH] Meldung an die Aufsichtsbehörde zu {incidentId} wartet auf Freigabe durch die Rechtsabteilung',
    text: `Die Meldung an die Aufsichtsbehörde zum Datenschutzvorfall {incidentId} wartet auf die Freigabe durch die Rechtsabteilung.

Vorfall: {title}
Entwurf: Version {version}{late, select, yes { (verspätet: enthält die Gründe für die Verzögerung)} other {}}
SHA-256 des Entwurfstexts: {sha256}
Meldung fällig am: {dueAt} (Art. 33 Abs. 1 DSGVO: 72 Stunden nach Kenntnisnahme)

Die Freigabe gilt genau für diesen Text: Geben Sie Version und SHA-256 gemeinsam frei oder lehnen Sie
mit Begründung ab (optional mit einem korrigierten Text).
`,
    ...APPROVAL_SMS,
  },
  'authority-undelivered': {
    subject: '[Herald][DRINGEND] Freigegebene Meldung zu {incidentId} hat die Aufsichtsbehörde nicht erreicht',
    text: `Die freigegebene Meldung an die Aufsichtsbehörde zum Datenschutzvorfall {incidentId} wurde für die Adresse
der Behörde nicht angenommen. Der Meilenstein der Meldung bleibt offen, bis sie angenommen ist.

Vorfall: {title}
Meldung: Version {version}, SHA-256 {sha256}
Meldung fällig am: {dueAt} (Art. 33 Abs. 1 DSGVO)
Problem: {problem}

Prüfen Sie die Adresse der Behörde im Verzeichnis oder den gestörten Dienst und senden Sie die Meldung dann erneut mit:
{retryCommand}
Eine nach Fristablauf gesendete Meldung muss die Gründe für die Verzögerung enthalten (Herald legt dafür einen neuen Entwurf zur Freigabe vor).
`,
    smsHead: 'Herald {incidentId} DRINGEND:',
    smsBody: 'freigegebene Meldung an die Behörde v{version} nicht zugestellt ({problem}), fällig {dueAt}.',
    smsTail: 'Erneut senden: {retryCommand}',
  },
  'compliance-report': {
    subject: '[Herald] Compliance-Statusbericht zu {incidentId}{hasVersion, select, yes { (v{version})} other {}}',
    text: `Der formelle Compliance-Statusbericht zum Datenschutzvorfall {incidentId} liegt vor.

Vorfall: {title}
Erstellt am: {generatedAt}
{hasSummary, select, yes {Status: {summary}
} other {}}SHA-256 des Berichts: {sha256}

Der Bericht ist mit diesem Hashwert gespeichert; vergleichen Sie ihn, um sicherzugehen, dass Sie die
unveränderte Fassung lesen.
`,
    smsHead: 'Herald {incidentId}:',
    smsBody: 'Compliance-Statusbericht erstellt am {generatedAt}.',
    smsTail: 'Per E-Mail versandt.',
  },
  // Legal approved the SHA-256 of the notice text: it is the whole body, byte for byte.
  'authority-notice': {
    subject:
      'Meldung einer Verletzung des Schutzes personenbezogener Daten (Art. 33 DSGVO): {controllerName}, Referenz {incidentId}, Version {version}',
    text: '{noticeText}',
    smsHead: '{controllerName} Ref. {incidentId}:',
    smsBody:
      'Meldung einer Verletzung des Schutzes personenbezogener Daten (Art. 33 DSGVO) v{version} per E-Mail an {authorityName} gesendet.',
    smsTail: '',
  },
  // The approval-escalation cover (coverText) wrapped for legal: the draft follows verbatim.
  'authority-review-request': {
    subject:
      '[Herald][PRÜFUNG] Meldung an die Aufsichtsbehörde v{version} zu {incidentId} braucht die Freigabe der Rechtsabteilung',
    text: `{coverText}
Freigeben mit: {approveCommand}

--- Entwurf v{version} ---
{draftText}`,
    ...APPROVAL_SMS,
  },
};
