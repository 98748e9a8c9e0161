/**
 * Run as a process of its own by send-thread.test.ts: one send through the send thread, then
 * nothing left to do. The process must exit on its own, thread started or not.
 */
import { SendThread } from '../../../activities/off-thread/send-thread-client.ts';
import { createTwilioSms } from '../../../activities/providers/twilio.ts';
import { startSandbox } from '../../../sandbox/index.ts';

async function main(): Promise<void> {
  const sandbox = await startSandbox({ seed: { count: 1 } });
  const { twilio } = sandbox.credentials;
  const options = {
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    baseUrl: sandbox.twilioUrl,
    from: twilio.fromNumber,
  };
  const thread = new SendThread({ twilio: options, sendgrid: { apiKey: 'unused', from: 'unused@example.test' } });
  const receipt = await thread
    .sms(createTwilioSms(options))
    .send({ to: '+4915100000001', body: 'hello', deliveryKey: 'k' });
  await sandbox.close();
  console.log(`sent ${receipt.providerMessageId}`);
}

await main();
