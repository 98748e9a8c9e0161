/**
 * French staff messages as shipped: the same messages and parameters as staff-en.ts. Severity is
 * spelled out with `select`. The SMS keeps to GSM-7: é è à ù and É are in it; ê â î ô û ç ï are not,
 * so the SMS parts are worded without them (the email parts may use them).
 */
import type { TemplateTexts } from '../template-texts.ts';
import type { DataLeakStaffTemplateId } from './staff-en.ts';

const SEVERITY_TAG =
  '{severity, select, critical {CRITIQUE} high {ÉLEVÉE} medium {MOYENNE} low {FAIBLE} other {{severityUpper}}}';
const SEVERITY =
  '{severity, select, critical {critique} high {élevée} medium {moyenne} low {faible} other {{severity}}}';

/** The approval-escalation's SMS: the review request, which wraps that cover, sends the same. */
const APPROVAL_SMS = {
  smsHead: 'Herald {incidentId} :',
  smsBody: "la notification à l'autorité v{version} attend l'approbation du service juridique, échéance le {dueAt}.",
  smsTail: 'Détails par courriel.',
};

export const STAFF_FR: { [T in DataLeakStaffTemplateId]: TemplateTexts } = {
  'ops-alert': {
    subject: `[Herald][${SEVERITY_TAG}] Incident de fuite de données {incidentId} : {title}`,
    text: `L'incident de fuite de données {incidentId} nécessite dès maintenant la prise en charge d'un intervenant.

Titre : {title}
Gravité : ${SEVERITY}
Prise de connaissance (détection) : {detectedAt}

Pour acquitter : {ackCommand}
Tant que personne n'a acquitté l'alerte, Herald la fait remonter au niveau d'astreinte suivant.
Les délais légaux courent à partir de la prise de connaissance : l'autorité de contrôle doit être
notifiée dans les 72 heures (article 33 du RGPD).
`,
    smsHead: `Herald {incidentId} fuite de données ${SEVERITY_TAG} :`,
    smsBody: '{title}. Détection : {detectedAt}.',
    smsTail: 'Acquitter : {ackCommand}',
  },
  'ops-escalation': {
    subject: `[Herald][${SEVERITY_TAG}][ESCALADE NIVEAU {level}] Incident de fuite de données non acquitté {incidentId} : {title}`,
    text: `Escalade de niveau {level} : l'incident de fuite de données {incidentId} n'est toujours pas acquitté.

Titre : {title}
Gravité : ${SEVERITY}
Prise de connaissance (détection) : {detectedAt}
Non acquitté depuis : {unacknowledgedSince}

Pour acquitter : {ackCommand}
Tant que personne n'a acquitté l'alerte, Herald poursuit l'escalade.
`,
    smsHead: 'Herald {incidentId} ESCALADE niveau {level}{hasPage, select, yes { appel {page}} other {}} :',
    smsBody: `fuite de données ${SEVERITY_TAG} non acquittée depuis {unacknowledgedSince}. {title}.`,
    smsTail: 'Acquitter : {ackCommand}',
  },
  'stakeholder-notice': {
    subject: `[Herald][${SEVERITY_TAG}] Incident de fuite de données {incidentId} : {title}`,
    text: `Pour information et suite à donner : Herald conduit la procédure de fuite de données pour l'incident {incidentId}.

Titre : {title}
Gravité : ${SEVERITY}
Prise de connaissance (détection) : {detectedAt}
Catégories de données : {dataCategories}
Juridictions : {jurisdictions}
Personnes concernées : {affectedKnown, select, yes {{affectedPeople, number}} other {en cours de détermination}}
Échéance de la notification à l'autorité de contrôle : {authorityNoticeDueAt} (article 33 du RGPD)

Ce qui s'est passé :
{description}

Le service juridique sera invité à approuver la notification à l'autorité et la communication aux
personnes concernées.
`,
    smsHead: `Herald {incidentId} fuite de données ${SEVERITY_TAG} :`,
    smsBody: "{title}. Notification à l'autorité attendue le {authorityNoticeDueAt}.",
    smsTail: 'Détails par courriel.',
  },
  'deadline-missed': {
    subject: '[Herald][ÉCHÉANCE MANQUÉE] {incidentId} : {milestoneTitle}',
    text: `Une échéance de l'incident de fuite de données {incidentId} est passée sans que le jalon ait été atteint.

Incident : {title}
Jalon : {milestoneTitle} ({milestoneId})
Échéance : {dueAt}

Le dépassement est consigné dans le journal d'audit et dans le rapport de conformité. Menez le jalon à
terme sans plus tarder ; consignez les motifs du retard lorsque la loi l'exige.
`,
    smsHead: 'Herald {incidentId} ÉCHÉANCE MANQUÉE :',
    smsBody: '{milestoneTitle}, échéance le {dueAt}.',
    smsTail: 'Agissez maintenant ; détails par courriel.',
  },
  'deadline-at-risk': {
    subject: '[Herald][ÉCHÉANCE MENACÉE] {incidentId} : {milestoneTitle}',
    text: `La notification de l'incident de fuite de données {incidentId} devrait s'achever après son échéance.

Incident : {title}
Jalon : {milestoneTitle} ({milestoneId})
Échéance : {dueAt}
Fin estimée : {estimatedFinishAt} ({remaining, plural, one {{remaining} destinataire restant} other {{remaining} destinataires restants}} ; {basis})

Relevez les limites de débit des prestataires, ajoutez de la capacité d'envoi ou préparez dès maintenant
les motifs du retard : l'échéance n'est pas encore passée.
`,
    smsHead: 'Herald {incidentId} ÉCHÉANCE MENACÉE :',
    smsBody: '{milestoneTitle}, échéance le {dueAt}, fin estimée le {estimatedFinishAt}.',
    smsTail: 'Détails par courriel.',
  },
  'approval-escalation': {
    subject:
      "[Herald][APPROBATION REQUISE] La notification à l'autorité pour {incidentId} attend l'approbation du service juridique",
    text: `La notification à l'autorité de contrôle pour l'incident de fuite de données {incidentId} attend l'approbation du service juridique.

Incident : {title}
Projet : version {version}{late, select, yes { (en retard : indique les motifs du retard)} other {}}
SHA-256 du texte du projet : {sha256}
Échéance de la notification : {dueAt} (article 33, paragraphe 1, du RGPD : 72 heures après la prise de connaissance)

L'approbation porte sur ce texte exact : approuvez la version et le SHA-256 ensemble, ou rejetez-le en
indiquant les motifs (en fournissant éventuellement un texte corrigé).
`,
    ...APPROVAL_SMS,
  },
  'authority-undelivered': {
    subject: "[Herald][URGENT] La notification approuvée pour {incidentId} n'est pas parvenue à l'autorité",
    text: `La notification approuvée à l'autorité de contrôle pour l'incident de fuite de données {incidentId} n'a pas été
acceptée pour l'adresse de l'autorité. Le jalon de la notification reste ouvert jusqu'à ce qu'elle le soit.

Incident : {title}
Notification : version {version}, SHA-256 {sha256}
Échéance de la notification : {dueAt} (article 33, paragraphe 1, du RGPD)
Problème : {problem}

Vérifiez l'adresse de l'autorité dans l'annuaire ou le service défaillant, puis renvoyez la notification avec :
{retryCommand}
Une notification envoyée après l'échéance doit indiquer les motifs du retard (Herald en rédige une nouvelle version à approuver).
`,
    smsHead: 'Herald {incidentId} URGENT :',
    smsBody: "notification approuvée v{version} non remise à l'autorité ({problem}), échéance le {dueAt}.",
    smsTail: 'Renvoyer : {retryCommand}',
  },
  'compliance-report': {
    subject:
      "[Herald] Rapport d'état de conformité pour {incidentId}{hasVersion, select, yes { (v{version})} other {}}",
    text: `Le rapport formel d'état de conformité de l'incident de fuite de données {incidentId} est prêt.

Incident : {title}
Généré le : {generatedAt}
{hasSummary, select, yes {État : {summary}
} other {}}SHA-256 du rapport : {sha256}

Le rapport est conservé avec cette empreinte ; comparez-la pour vous assurer de lire la version non modifiée.
`,
    smsHead: 'Herald {incidentId} :',
    smsBody: "rapport d'état de conformité généré le {generatedAt}.",
    smsTail: 'Envoyé par courriel.',
  },
  // Legal approved the SHA-256 of the notice text: it is the whole body, byte for byte.
  'authority-notice': {
    subject:
      "Notification d'une violation de données à caractère personnel (article 33 du RGPD) : {controllerName}, référence {incidentId}, version {version}",
    text: '{noticeText}',
    smsHead: '{controllerName} réf. {incidentId} :',
    smsBody:
      'notification de violation de données à caractère personnel (article 33 du RGPD) v{version} envoyée par courriel à {authorityName}.',
    smsTail: '',
  },
  // The approval-escalation cover (coverText) wrapped for legal: the draft follows verbatim.
  'authority-review-request': {
    subject:
      "[Herald][EXAMEN] La notification à l'autorité v{version} pour {incidentId} doit être approuvée par le service juridique",
    text: `{coverText}
Pour approuver : {approveCommand}

--- projet v{version} ---
{draftText}`,
    ...APPROVAL_SMS,
  },
};
