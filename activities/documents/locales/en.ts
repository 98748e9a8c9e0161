/** English wording of the affected-person message (also the fallback for unknown locales). */
import type { AffectedPersonCopy } from '../affected-person.ts';

export const en: AffectedPersonCopy = {
  dateLocale: 'en-GB',
  subject: (org, id) => `Important: a data incident at ${org} may affect your personal data (ref. ${id})`,
  greeting: (name) => (name ? `Dear ${name},` : 'Hello,'),
  intro: (org, date) =>
    `We are writing to tell you about a security incident at ${org} that involves your personal ` +
    `data. We became aware of it on ${date}.`,
  headings: {
    whatHappened: 'What happened',
    whatData: 'Which of your data is involved',
    consequences: 'What this may mean for you',
    whatWeDo: 'What we are doing',
    whatYouCanDo: 'What you can do',
    questions: 'Questions',
  },
  defaultConsequences:
    'We do not know of any misuse of your data at this time. Data like this can be misused, for ' +
    'example for fake emails or messages that look genuine (phishing).',
  standardAdvice: [
    'Be careful with emails, text messages and calls that ask for your password, bank details or ' +
      'a payment, even if they seem to come from us. We will never ask for your password.',
    'If a password could be involved, change it, and use a different password for each service.',
    'Watch your accounts for anything unusual and tell us about anything suspicious.',
  ],
  contact: (dpo) =>
    `If you have questions, please contact our data protection officer, ${dpo.name}: ` +
    `email ${dpo.email}${dpo.phone ? `, phone ${dpo.phone}` : ''}.`,
  complaint: 'You also have the right to lodge a complaint with a data protection supervisory authority.',
  quoteReference: (id) => `Please quote the reference ${id}.`,
  closing: (org) => `Kind regards,\n${org}`,
  sms: (org, id, dpo) => ({
    head: `${org} (ref. ${id}):`,
    body:
      'A security incident may have exposed some of your personal data. We are contacting you ' +
      'with details. Beware of messages asking for passwords or payment.',
    tail: `Questions: ${dpo.email}`,
  }),
};
