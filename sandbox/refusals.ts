/**
 * Per-recipient refusals on demand: a number Twilio refuses at create with one of its documented
 * codes, an address SendGrid refuses with a personalizations field error. Everyone else is served
 * as usual, so a test can refuse exactly one person on one channel.
 */

/** Twilio's per-recipient refusals at create (HTTP 400), with the message Twilio gives. */
export const TWILIO_REFUSALS = {
  21211: (to: string) => `The 'To' number ${to} is not a valid phone number.`,
  21408: (to: string) =>
    `Permission to send an SMS has not been enabled for the region indicated by the 'To' number: ${to}.`,
  21610: () => 'Attempt to send to unsubscribed recipient',
  21612: (to: string) => `The 'To' phone number: ${to}, is not currently reachable via SMS.`,
  21614: (to: string) => `'To' number ${to} is not a valid mobile number`,
} as const;
export type TwilioRefusalCode = keyof typeof TWILIO_REFUSALS;

export class Refusals {
  readonly #numbers = new Map<string, TwilioRefusalCode>();
  readonly #addresses = new Set<string>();

  /** Twilio refuses every message to `number` with `code` until cleared. */
  refuseNumber(number: string, code: TwilioRefusalCode): void {
    this.#numbers.set(number, code);
  }

  /** SendGrid refuses every request naming `address` (case-insensitive) until cleared. */
  refuseAddress(address: string): void {
    this.#addresses.add(address.toLowerCase());
  }

  /** The code Twilio refuses `number` with, if any. */
  numberRefusal(number: string): TwilioRefusalCode | undefined {
    return this.#numbers.get(number);
  }

  isAddressRefused(address: string): boolean {
    return this.#addresses.has(address.toLowerCase());
  }

  clear(): void {
    this.#numbers.clear();
    this.#addresses.clear();
  }
}
