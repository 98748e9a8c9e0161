/**
 * The GDPR Art. 34 communication to an affected person as shipped, in en, de and fr: in clear and
 * plain language, what happened, which data, likely consequences, what we are doing, what they can
 * do, and how to reach the DPO (Art. 34(2) with Art. 33(3)(b)–(d)). The registry's first versions.
 */
import type { TemplateTexts } from '../template-texts.ts';

const en: TemplateTexts = {
  subject: 'Important: a data incident at {organisation} may affect your personal data (ref. {incidentId})',
  text: `{hasName, select, yes {Dear {recipientName},} other {Hello,}}

We are writing to tell you about a security incident at {organisation} that involves your personal data. We became aware of it on {detectedAt, date, long}.

What happened
{whatHappened}

Which of your data is involved
{dataCategories}
What this may mean for you
{hasConsequences, select, yes {{likelyConsequences}} other {We do not know of any misuse of your data at this time. Data like this can be misused, for example for fake emails or messages that look genuine (phishing).}}

What we are doing
{measuresTaken}

What you can do
{extraAdvice}- Be careful with emails, text messages and calls that ask for your password, bank details or a payment, even if they seem to come from us. We will never ask for your password.
- If a password could be involved, change it, and use a different password for each service.
- Watch your accounts for anything unusual and tell us about anything suspicious.

Questions
If you have questions, please contact our data protection officer, {dpoName}: email {dpoEmail}{hasDpoPhone, select, yes {, phone {dpoPhone}} other {}}. Please quote the reference {incidentId}.
You also have the right to lodge a complaint with a data protection supervisory authority.

Kind regards,
{organisation}
`,
  smsHead: '{organisation} (ref. {incidentId}):',
  smsBody:
    'A security incident may have exposed some of your personal data. We are contacting you with details. Beware of messages asking for passwords or payment.',
  smsTail: 'Questions: {dpoEmail}',
};

const de: TemplateTexts = {
  subject:
    'Wichtig: Ein Datenschutzvorfall bei {organisation} betrifft möglicherweise Ihre personenbezogenen Daten (Ref. {incidentId})',
  text: `{hasName, select, yes {Guten Tag {recipientName},} other {Guten Tag,}}

wir informieren Sie über einen Sicherheitsvorfall bei {organisation}, der Ihre personenbezogenen Daten betrifft. Wir haben am {detectedAt, date, long} davon erfahren.

Was ist passiert?
{whatHappened}

Welche Ihrer Daten sind betroffen?
{dataCategories}
Was das für Sie bedeuten kann
{hasConsequences, select, yes {{likelyConsequences}} other {Uns ist derzeit kein Missbrauch Ihrer Daten bekannt. Solche Daten können aber missbraucht werden, zum Beispiel für echt wirkende betrügerische E-Mails oder Nachrichten (Phishing).}}

Was wir unternehmen
{measuresTaken}

Was Sie tun können
{extraAdvice}- Seien Sie vorsichtig bei E-Mails, SMS und Anrufen, die nach Ihrem Passwort, Ihren Bankdaten oder einer Zahlung fragen, auch wenn sie scheinbar von uns kommen. Wir fragen Sie nie nach Ihrem Passwort.
- Falls ein Passwort betroffen sein könnte, ändern Sie es und verwenden Sie für jeden Dienst ein eigenes Passwort.
- Achten Sie auf ungewöhnliche Vorgänge in Ihren Konten und melden Sie uns Verdächtiges.

Fragen
Bei Fragen wenden Sie sich bitte an unsere Datenschutzbeauftragte bzw. unseren Datenschutzbeauftragten, {dpoName}: E-Mail {dpoEmail}{hasDpoPhone, select, yes {, Telefon {dpoPhone}} other {}}. Bitte geben Sie dabei die Referenz {incidentId} an.
Sie haben außerdem das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren.

Mit freundlichen Grüßen
{organisation}
`,
  smsHead: '{organisation} (Ref. {incidentId}):',
  smsBody:
    'Bei einem Sicherheitsvorfall wurden möglicherweise personenbezogene Daten von Ihnen offengelegt. Wir informieren Sie ausführlich. Vorsicht bei Nachrichten, die nach Passwörtern oder Zahlungen fragen.',
  smsTail: 'Fragen: {dpoEmail}',
};

// The SMS uses only GSM-7 letters (é and è are, ç ê â î ô û are not), so it keeps 153-character segments.
const fr: TemplateTexts = {
  subject:
    'Important : un incident chez {organisation} pourrait concerner vos données personnelles (réf. {incidentId})',
  text: `{hasName, select, yes {Bonjour {recipientName},} other {Bonjour,}}

Nous vous informons d'un incident de sécurité chez {organisation} qui concerne vos données personnelles. Nous en avons eu connaissance le {detectedAt, date, long}.

Que s'est-il passé ?
{whatHappened}

Quelles données vous concernant sont touchées ?
{dataCategories}
Ce que cela peut signifier pour vous
{hasConsequences, select, yes {{likelyConsequences}} other {Nous n'avons à ce jour connaissance d'aucune utilisation abusive de vos données. Ce type de données peut toutefois servir, par exemple, à des courriels ou messages frauduleux qui semblent authentiques (hameçonnage).}}

Ce que nous faisons
{measuresTaken}

Ce que vous pouvez faire
{extraAdvice}- Méfiez-vous des courriels, SMS et appels qui vous demandent votre mot de passe, vos coordonnées bancaires ou un paiement, même s'ils semblent venir de nous. Nous ne vous demanderons jamais votre mot de passe.
- Si un mot de passe est susceptible d’être concerné, changez-le et utilisez un mot de passe différent pour chaque service.
- Surveillez vos comptes et signalez-nous toute activité inhabituelle.

Des questions ?
Pour toute question, contactez notre délégué(e) à la protection des données, {dpoName} : courriel {dpoEmail}{hasDpoPhone, select, yes {, téléphone {dpoPhone}} other {}}. Merci d'indiquer la référence {incidentId}.
Vous avez également le droit d'introduire une réclamation auprès d'une autorité de contrôle de la protection des données.

Cordialement,
{organisation}
`,
  smsHead: '{organisation} (ref. {incidentId}) :',
  smsBody:
    'Un incident de sécurité a pu exposer certaines de vos données personnelles. Nous vous contactons avec les détails. Attention aux messages demandant mot de passe ou paiement.',
  smsTail: 'Questions : {dpoEmail}',
};

export const AFFECTED_PERSON: Readonly<Record<string, TemplateTexts>> = { en, de, fr };
