/**
 * Where the providers' delivery callbacks arrive. The worker gives Twilio the same URL it signs
 * (HERALD_PUBLIC_URL + path), and the API checks the signature over exactly that URL.
 */

/** The API paths of the callback endpoints. */
export const CALLBACK_PATHS = { sendgrid: '/callbacks/sendgrid', twilio: '/callbacks/twilio' } as const;

/** The public URL of a provider's callback endpoint under Herald's public base URL (no trailing slash). */
export function callbackUrl(publicUrl: string, provider: keyof typeof CALLBACK_PATHS): string {
  return `${publicUrl.replace(/\/+$/, '')}${CALLBACK_PATHS[provider]}`;
}
