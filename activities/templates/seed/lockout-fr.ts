/**
 * French texts of the lockout procedure's messages and of the service-problem and legal-clock
 * notices (lockout-en.ts is the reference; the same parameters). SMS parts use GSM-7 letters only
 * (no circumflex, no lowercase cedilla); an apostrophe never stands right before a brace (ICU quoting).
 */
import type { LockoutTexts } from './lockout-en.ts';

const CAUSE =
  "{cause, select, token {un jeton d'intégration expiré ou révoqué} acl {une liste de contrôle d'accès divergente qui bloque les tâches de synchronisation}" +
  ' certificate {un échec de validation de la chaîne de certificats}' +
  " auditLog {un verrouillage de conformité du journal d'audit pendant un audit de surveillance} other {un conflit de résidence des données}}";

const CADENCE =
  '{cadenceUnit, select, hour {toutes les heures} hours {toutes les {cadenceCount} heures} minutes {toutes les {cadenceCount} minutes} other {{cadence}}}';

const HEAD = `Titre : {title}
Cause : ${CAUSE}
Prise de connaissance (détecté le) : {detectedAt}
Dégradé : {surfaces}
Régions : {regions}
Traitement de données personnelles de l'UE interrompu : {euInterrupted, select, yes {OUI (évaluation RGPD en cours)} other {non}}`;

export const LOCKOUT_FR: LockoutTexts = {
  'lockout-alert': {
    subject: '[Herald][{severityUpper}] Verrouillage de conformité {lockoutId} : {title}',
    text: `Verrouillage de conformité {lockoutId} : les intégrations Salesforce sont bloquées. Un ingénieur et la conformité sont requis maintenant.

${HEAD}

Accuser réception avec : {ackCommand}
Tant que personne n'accuse réception, Herald escalade au niveau d'astreinte suivant.
`,
    smsHead: 'Herald {lockoutId} {severityUpper} verrouillage :',
    smsBody: '{title}. {surfacesShort} dégradé.',
    smsTail: 'Accuser : {ackCommand}',
  },
  'lockout-escalation': {
    subject: '[Herald][{severityUpper}][ESCALADE N{level}] Verrouillage de conformité {lockoutId}',
    text: `Niveau d'escalade {level} : le verrouillage de conformité {lockoutId} demande votre attention.
{hasReason, select, yes {Motif : {reason}} other {Personne n'a accusé réception de l'alerte.}}

${HEAD}

Accuser réception avec : {ackCommand}
`,
    smsHead: 'Herald {lockoutId} ESCALADE N{level}{hasPage, select, yes { appel {page}} other {}} :',
    smsBody: '{severityUpper} verrouillage. {hasReason, select, yes {{reason}} other {Sans accuse de reception.}}',
    smsTail: 'Accuser : {ackCommand}',
  },
  'lockout-stakeholder-notice': {
    subject: '[Herald][{severityUpper}] Intégrations Salesforce verrouillées : {title} ({lockoutId})',
    text: `Un verrouillage de conformité ({lockoutId}) bloque les intégrations Salesforce de la plateforme.

${HEAD}

{description}

Des points de situation suivent ${CADENCE} jusqu'à la levée du verrouillage.
`,
    smsHead: 'Herald {lockoutId} :',
    smsBody: 'Intégrations Salesforce verrouillées ({surfacesShort} dégradé, {regionsShort}).',
    smsTail: 'Détails par e-mail.',
  },
  'lockout-status-update': {
    subject: '[Herald] Point de situation {sequence} sur le verrouillage {lockoutId} : {title}',
    text: `Point de situation {sequence} sur le verrouillage de conformité {lockoutId} (toujours non résolu).

${HEAD}

{hasApprovedText, select, yes {{approvedText}} other {L'ingénierie et la conformité y travaillent.}}

{hasNextAt, select, yes {Prochain point au plus tard le {nextAt}.} other {}}
`,
    smsHead: 'Herald {lockoutId} point {sequence} :',
    smsBody:
      '{hasApprovedText, select, yes {{approvedText}} other {Verrouillage non résolu ; les équipes y travaillent.}}',
    smsTail: '',
  },
  'lockout-resolution': {
    subject: '[Herald] Résolu : verrouillage de conformité {lockoutId} : {title}',
    text: `Le verrouillage de conformité {lockoutId} est résolu ; les intégrations Salesforce sont débloquées.

${HEAD}
Résolu le : {hasResolvedAt, select, yes {{resolvedAt}} other {maintenant}}
Cause première : {hasRootCause, select, yes {{rootCause}} other {non précisée}}

Un rapport post-incident suit.
`,
    smsHead: 'Herald {lockoutId} RÉSOLU :',
    smsBody: '{rootCause}',
    smsTail: '',
  },
  'lockout-deadline-missed': {
    subject: '[Herald][ÉCHÉANCE MANQUÉE] Verrouillage {lockoutId} : {milestoneTitle}',
    text: `Une échéance du verrouillage de conformité {lockoutId} est passée sans que le jalon soit atteint.

Jalon : {milestoneTitle} ({milestone})
Échéance : {hasDueAt, select, yes {{dueAt}} other {?}}

Le manquement est consigné dans le journal d'audit et le rapport de conformité.
`,
    smsHead: 'Herald {lockoutId} ÉCHÉANCE MANQUÉE :',
    smsBody: '{milestoneTitle} était attendu le {hasDueAt, select, yes {{dueAt}} other {?}}.',
    smsTail: '',
  },
  'lockout-report-cover': {
    subject:
      '[Herald] {kind, select, compliance {Rapport de situation de conformité} other {Rapport post-incident}} : verrouillage {lockoutId} (sha256 {sha256Short})',
    text: '{reportText}',
    smsHead: 'Herald {lockoutId} :',
    smsBody:
      '{kind, select, compliance {rapport de situation de conformité} other {rapport post-incident}} envoyé par e-mail (sha256 {sha256Short}).',
    smsTail: '',
  },
  'lockout-customer-notice': {
    subject: 'Avis de service pour {accountName} : fonctions dégradées ({lockoutId})',
    text: `Chère équipe {accountName},

Depuis le {since}, un contrôle de sécurité bloque les intégrations CRM de notre plateforme. En conséquence, les fonctions suivantes peuvent être dégradées ({regions}) : {affected}.
Le contrôle a agi comme prévu ; nos équipes d'ingénierie et de conformité y travaillent dès maintenant.

Nous vous enverrons un point de situation ${CADENCE} jusqu'à la résolution.
Référence : {lockoutId}
`,
    smsHead: 'Avis de service {lockoutId} :',
    smsBody: 'dégradé : {affected} ({regionsShort}). Points ' + CADENCE + ' par e-mail.',
    smsTail: '',
  },
  'lockout-procurement-notice': {
    subject: "Mise à jour de l'évaluation fournisseur pour {accountName} : verrouillage d'intégration {lockoutId}",
    text: `Chère équipe achats et sécurité de {accountName},

Depuis le {since}, un contrôle de sécurité bloque les intégrations CRM de notre plateforme (dégradé en {regions} : {affected}).
Vous trouverez en pièce jointe nos réponses pré-approuvées à l'évaluation fournisseur, version {documentVersion} : impact sur les données, certifications et la façon dont nous vous tenons informés.

Merci de confirmer la réception en répondant à ce message ou à votre responsable de compte.
Référence : {lockoutId}
`,
    smsHead: 'Avis fournisseur {lockoutId} :',
    smsBody:
      "verrouillage d'intégration affectant {accountName}. Réponses d'évaluation v{documentVersion} envoyées par e-mail ; merci de confirmer la réception.",
    smsTail: '',
  },
  'lockout-procurement-escalation': {
    subject: "[Herald] Les achats de {accountName} n'ont pas confirmé l'avis de verrouillage ({lockoutId})",
    text: `Vous êtes responsable du compte {accountName}. Ses contacts achats et sécurité ont reçu les réponses à l'évaluation fournisseur (version {documentVersion}) le {hasNoticeSentAt, select, yes {{noticeSentAt}} other {?}} et n'ont pas confirmé la réception.

Verrouillage : {title} ({lockoutId})

Merci de les contacter directement, puis de le consigner avec :
  herald lockout procurement {lockoutId} --account {hasAccountId, select, yes {{accountId}} other {<id du compte>}} --as <vous> --note "…"
`,
    smsHead: 'Herald {lockoutId} :',
    smsBody: "Les achats de {accountName} n'ont pas confirmé l'avis de verrouillage. Merci de les appeler.",
    smsTail: '',
  },
  'lockout-customer-resolution': {
    subject: 'Résolu : avis de service {lockoutId} pour {accountName}',
    text: `Chère équipe {accountName},

Le verrouillage d'intégration signalé plus tôt est résolu{hasResolvedAt, select, yes { depuis le {resolvedAt}} other {}}. Ces fonctions marchent à nouveau normalement : {affected}.
Cause : {hasRootCause, select, yes {{rootCause}} other {en cours d'analyse}}

Un rapport post-incident est disponible sur demande auprès de votre responsable de compte.
Référence : {lockoutId}
`,
    smsHead: 'Résolu {lockoutId} :',
    smsBody: 'de nouveau normal : {affected}.',
    smsTail: '',
  },
  'service-problem': {
    subject:
      '[Herald][ACTION REQUISE] {service} {permanent, select, yes {est bloqué} other {est défaillant}} pour {reference} ({failureType})',
    text: `Le service {service} {permanent, select, yes {est bloqué} other {est défaillant}} pour la procédure {reference} depuis le {since}.

Défaillance : {failureType}
Cause : {cause}
En attente : {hasSteps, select, yes {{steps}} other {rien pour l'instant}}

Toutes les autres étapes et la surveillance des échéances continuent ; les avis partent par les canaux qui fonctionnent encore. {permanent, select, yes {Herald le revérifie toutes les {recheckMinutes, plural, one {# minute} other {# minutes}} et reprend de lui-même dès qu'il fonctionne à nouveau.} other {Herald réessaie avec un délai croissant.}}
Une fois corrigé, réessayez maintenant avec : {retryCommand}
`,
    smsHead: 'Herald {reference} : {service} {permanent, select, yes {bloqué} other {défaillant}} ({failureType}).',
    smsBody: '{cause}',
    smsTail: 'Réessayer : {retryCommand}',
  },
  'legal-clock-notice': {
    subject:
      '[Herald][DÉLAI LÉGAL {kind, select, missed {MANQUÉ} other {MENACÉ}}] {regime} {jurisdiction} : {clockTitle} — {reference}',
    text: `{kind, select, missed {Le délai légal « {clockTitle} » pour {reference} a expiré sans être respecté le {dueAt}.} other {Le délai légal « {clockTitle} » pour {reference} expire le {dueAt} et n'est pas encore respecté.}}

Régime : {regime} ({jurisdiction})
Destinataire : {recipient}
Source : {source}

{heraldSends, select, yes {Herald envoie cette notification lui-même une fois approuvée ; vérifiez ce qui la retient.} other {Herald ne dépose pas celle-ci : déposez-la auprès de {recipient}, puis consignez le dépôt :
{recordCommand}}}{kind, select, missed {
Un dépôt tardif doit en général indiquer les raisons du retard.} other {}}
`,
    smsHead: 'Herald {reference} DÉLAI LÉGAL {kind, select, missed {MANQUÉ} other {MENACÉ}} :',
    smsBody: '{regime} {jurisdiction} {clockTitle}, échéance {dueAt}.',
    smsTail: 'Détails par e-mail.',
  },
};
