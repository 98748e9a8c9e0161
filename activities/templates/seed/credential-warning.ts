/**
 * The credential watch's warning to a credential's owners before it expires, as shipped in en, de
 * and fr: the registry's first versions. The credential id comes first so a truncated SMS still
 * says which one; times are UTC, as the warning always showed them. SMS parts keep to GSM-7.
 */
import type { TemplateTexts } from '../template-texts.ts';

const en: TemplateTexts = {
  subject: '[Herald] {credential} expires in {hoursLeft} h ({expiresAt})',
  text: `{description} expires at {expiresAt}, in about {hoursLeft} hours (checked {checkedAt}).

Credential: {credential}
Warning: {thresholdHours} h before expiry (sent once)

Renew or rotate it before then. If it expires or is refused, Herald opens a
compliance-lockout procedure automatically.
`,
  smsHead: 'Herald: {credential} expires {expiresAt} ({hoursLeft} h).',
  smsBody: '{description}',
  smsTail: 'Renew or rotate it.',
};

const de: TemplateTexts = {
  subject: '[Herald] {credential} läuft in {hoursLeft} h ab ({expiresAt})',
  text: `{description} läuft am {expiresAt} ab, in etwa {hoursLeft, plural, one {# Stunde} other {# Stunden}} (geprüft am {checkedAt}).

Zugangsdaten: {credential}
Warnung: {thresholdHours} h vor Ablauf (wird einmal gesendet)

Erneuern oder rotieren Sie sie vorher. Laufen sie ab oder werden sie abgewiesen, eröffnet Herald
automatisch ein Verfahren zur Compliance-Sperre.
`,
  smsHead: 'Herald: {credential} läuft ab am {expiresAt} ({hoursLeft} h).',
  smsBody: '{description}',
  smsTail: 'Bitte erneuern oder rotieren.',
};

const fr: TemplateTexts = {
  subject: '[Herald] {credential} expire dans {hoursLeft} h ({expiresAt})',
  text: `{description} expire le {expiresAt}, dans environ {hoursLeft, plural, one {# heure} other {# heures}} (vérifié le {checkedAt}).

Identifiant : {credential}
Avertissement : {thresholdHours} h avant l'expiration (envoyé une seule fois)

Renouvelez-le ou remplacez-le d'ici là. S'il expire ou est refusé, Herald ouvre automatiquement
une procédure de verrouillage de conformité.
`,
  smsHead: 'Herald : {credential} expire le {expiresAt} ({hoursLeft} h).',
  smsBody: '{description}',
  smsTail: 'Renouvelez-le ou remplacez-le.',
};

export const CREDENTIAL_WARNING: Readonly<Record<string, TemplateTexts>> = { en, de, fr };
