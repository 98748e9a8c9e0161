/**
 * The body of the send thread (send-thread-client.ts): the Twilio and SendGrid adapters, answering
 * each send the worker's main thread posts with its receipt or its error in transferable form.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createSendgridEmail } from '../providers/sendgrid.ts';
import { createTwilioSms } from '../providers/twilio.ts';
import { packError } from './error-transfer.ts';
import type { SendAnswer, SendRequest, SendThreadOptions } from './send-thread-client.ts';

const port = parentPort;
if (!port) throw new Error('send-thread.ts runs as a worker thread');
const options = workerData as SendThreadOptions;
const sms = createTwilioSms(options.twilio);
const email = createSendgridEmail(options.sendgrid);

function perform(request: SendRequest) {
  return request.call === 'sms.send' ? sms.send(request.message) : email.sendBatch(request.batch);
}

port.on('message', (request: SendRequest) => {
  perform(request).then(
    (receipt) => port.postMessage({ id: request.id, receipt } satisfies SendAnswer),
    (err: unknown) => port.postMessage({ id: request.id, ...packError(err) } satisfies SendAnswer),
  );
});
