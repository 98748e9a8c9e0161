/**
 * The body of the send thread (send-thread-client.ts): the Twilio and SendGrid adapters, answering
 * each send the worker's main thread posts with its receipt or its error in transferable form, the
 * answers of one turn of its event loop in one message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createSendgridEmail } from '../providers/sendgrid.ts';
import { createTwilioSms } from '../providers/twilio.ts';
import { packError } from './error-transfer.ts';
import { Outbox } from './outbox.ts';
import type { SendAnswer, SendRequest, SendThreadOptions } from './send-thread-client.ts';

const port = parentPort;
if (!port) throw new Error('send-thread.ts runs as a worker thread');
const options = workerData as SendThreadOptions;
const sms = createTwilioSms(options.twilio);
const email = createSendgridEmail(options.sendgrid);

function perform(request: SendRequest) {
  return request.call === 'sms.send' ? sms.send(request.message) : email.sendBatch(request.batch);
}

const answers = new Outbox<SendAnswer>((batch) => port.postMessage(batch));

port.on('message', (requests: SendRequest[]) => {
  for (const request of requests) {
    perform(request).then(
      (receipt) => answers.post({ id: request.id, receipt }),
      (err: unknown) => answers.post({ id: request.id, ...packError(err) }),
    );
  }
});
