/** German wording of the affected-person message (formal "Sie"). */
import type { AffectedPersonCopy } from '../affected-person.ts';

export const de: AffectedPersonCopy = {
  dateLocale: 'de-DE',
  subject: (org, id) =>
    `Wichtig: Ein Datenschutzvorfall bei ${org} betrifft möglicherweise Ihre personenbezogenen Daten (Ref. ${id})`,
  greeting: (name) => (name ? `Guten Tag ${name},` : 'Guten Tag,'),
  intro: (org, date) =>
    `wir informieren Sie über einen Sicherheitsvorfall bei ${org}, der Ihre personenbezogenen ` +
    `Daten betrifft. Wir haben am ${date} davon erfahren.`,
  headings: {
    whatHappened: 'Was ist passiert?',
    whatData: 'Welche Ihrer Daten sind betroffen?',
    consequences: 'Was das für Sie bedeuten kann',
    whatWeDo: 'Was wir unternehmen',
    whatYouCanDo: 'Was Sie tun können',
    questions: 'Fragen',
  },
  defaultConsequences:
    'Uns ist derzeit kein Missbrauch Ihrer Daten bekannt. Solche Daten können aber missbraucht ' +
    'werden, zum Beispiel für echt wirkende betrügerische E-Mails oder Nachrichten (Phishing).',
  standardAdvice: [
    'Seien Sie vorsichtig bei E-Mails, SMS und Anrufen, die nach Ihrem Passwort, Ihren Bankdaten ' +
      'oder einer Zahlung fragen, auch wenn sie scheinbar von uns kommen. Wir fragen Sie nie nach ' +
      'Ihrem Passwort.',
    'Falls ein Passwort betroffen sein könnte, ändern Sie es und verwenden Sie für jeden Dienst ein ' +
      'eigenes Passwort.',
    'Achten Sie auf ungewöhnliche Vorgänge in Ihren Konten und melden Sie uns Verdächtiges.',
  ],
  contact: (dpo) =>
    'Bei Fragen wenden Sie sich bitte an unsere Datenschutzbeauftragte bzw. unseren ' +
    `Datenschutzbeauftragten, ${dpo.name}: E-Mail ${dpo.email}${dpo.phone ? `, Telefon ${dpo.phone}` : ''}.`,
  complaint: 'Sie haben außerdem das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren.',
  quoteReference: (id) => `Bitte geben Sie dabei die Referenz ${id} an.`,
  closing: (org) => `Mit freundlichen Grüßen\n${org}`,
  sms: (org, id, dpo) => ({
    head: `${org} (Ref. ${id}):`,
    body:
      'Bei einem Sicherheitsvorfall wurden möglicherweise personenbezogene Daten von Ihnen offengelegt. ' +
      'Wir informieren Sie ausführlich. Vorsicht bei Nachrichten, die nach Passwörtern oder Zahlungen fragen.',
    tail: `Fragen: ${dpo.email}`,
  }),
};
