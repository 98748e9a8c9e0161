/** The callback endpoints' settings from the API's configuration. */
import type { ApiConfig } from '../../../workers/config.ts';
import { twilioCallbacks } from '../../../workers/config.ts';
import type { CallbackOptions } from '../app.ts';

/** What buildApi needs for the configured callbacks, recording into `events`. */
export function callbackOptions(config: ApiConfig, events: CallbackOptions['events']): CallbackOptions {
  const twilio = twilioCallbacks(config);
  return {
    events,
    ...(config.SENDGRID_WEBHOOK_PUBLIC_KEY ? { sendgridPublicKey: config.SENDGRID_WEBHOOK_PUBLIC_KEY } : {}),
    ...(twilio ? { twilio } : {}),
  };
}
