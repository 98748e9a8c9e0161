/**
 * CLI: starts the sandbox on given ports and prints its URLs and credentials as JSON (one line),
 * then runs until interrupted. Usage:
 *   node --import tsx sandbox/main.ts [--salesforce-port N] [--sendgrid-port N] [--twilio-port N]
 *                                     [--students N] [--seed N]
 */
import { parseArgs } from 'node:util';
import { startSandbox } from './index.ts';

const { values } = parseArgs({
  options: {
    'salesforce-port': { type: 'string', default: '0' },
    'sendgrid-port': { type: 'string', default: '0' },
    'twilio-port': { type: 'string', default: '0' },
    students: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '42' },
  },
});

function int(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
  return n;
}

const sandbox = await startSandbox({
  ports: {
    salesforce: int('salesforce-port', values['salesforce-port']),
    sendgrid: int('sendgrid-port', values['sendgrid-port']),
    twilio: int('twilio-port', values['twilio-port']),
  },
  seed: { count: int('students', values.students), seed: int('seed', values.seed) },
});

process.stdout.write(
  `${JSON.stringify({
    salesforceUrl: sandbox.salesforceUrl,
    sendgridUrl: sandbox.sendgridUrl,
    twilioUrl: sandbox.twilioUrl,
    chatWebhookUrl: sandbox.chatWebhookUrl,
    students: sandbox.students.length,
    credentials: sandbox.credentials,
  })}\n`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
