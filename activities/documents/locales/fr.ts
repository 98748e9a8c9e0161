/** French wording of the affected-person message (vouvoiement). */
import type { AffectedPersonCopy } from '../affected-person.ts';

export const fr: AffectedPersonCopy = {
  dateLocale: 'fr-FR',
  subject: (org, id) => `Important : un incident chez ${org} pourrait concerner vos données personnelles (réf. ${id})`,
  greeting: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
  intro: (org, date) =>
    `Nous vous informons d'un incident de sécurité chez ${org} qui concerne vos données ` +
    `personnelles. Nous en avons eu connaissance le ${date}.`,
  headings: {
    whatHappened: "Que s'est-il passé ?",
    whatData: 'Quelles données vous concernant sont touchées ?',
    consequences: 'Ce que cela peut signifier pour vous',
    whatWeDo: 'Ce que nous faisons',
    whatYouCanDo: 'Ce que vous pouvez faire',
    questions: 'Des questions ?',
  },
  defaultConsequences:
    "Nous n'avons à ce jour connaissance d'aucune utilisation abusive de vos données. Ce type de " +
    'données peut toutefois servir, par exemple, à des courriels ou messages frauduleux qui ' +
    'semblent authentiques (hameçonnage).',
  standardAdvice: [
    'Méfiez-vous des courriels, SMS et appels qui vous demandent votre mot de passe, vos ' +
      "coordonnées bancaires ou un paiement, même s'ils semblent venir de nous. Nous ne vous " +
      'demanderons jamais votre mot de passe.',
    'Si un mot de passe est susceptible d’être concerné, changez-le et utilisez un mot de passe différent ' +
      'pour chaque service.',
    'Surveillez vos comptes et signalez-nous toute activité inhabituelle.',
  ],
  contact: (dpo) =>
    `Pour toute question, contactez notre délégué(e) à la protection des données, ${dpo.name} : ` +
    `courriel ${dpo.email}${dpo.phone ? `, téléphone ${dpo.phone}` : ''}.`,
  complaint:
    "Vous avez également le droit d'introduire une réclamation auprès d'une autorité de contrôle " +
    'de la protection des données.',
  quoteReference: (id) => `Merci d'indiquer la référence ${id}.`,
  closing: (org) => `Cordialement,\n${org}`,
  // Only GSM-7 letters (é and è are, ç ê â î ô û are not), so the SMS keeps 153-character segments.
  sms: (org, id, dpo) => ({
    head: `${org} (ref. ${id}) :`,
    body:
      'Un incident de sécurité a pu exposer certaines de vos données personnelles. Nous vous ' +
      'contactons avec les détails. Attention aux messages demandant mot de passe ou paiement.',
    tail: `Questions : ${dpo.email}`,
  }),
};
