/**
 * Records workflow histories for the replay test: runs scenarios that touch every handler and
 * track on the time-skipping server and writes their histories to test/replay/histories/.
 * Run it (npm run record-histories) when adding a scenario; never to paper over a replay failure:
 * a failing replay means the workflow change needs patched().
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { act, getStatus, startDataLeak } from '../../client/data-leak-client.ts';
import { overrideSignal } from '../../workflows/data-leak/messages.ts';
import { temporalCliPath } from '../../workers/local-temporal.ts';
import { legal, responder, runScenario, startHarness } from '../support/workflow-harness.ts';

const harness = await startHarness();
try {
  await runScenario(harness, async ({ client, taskQueue, incident, outage }) => {
    // Full run: late stakeholder notice, escalation, pause/resume, reject with text, late approval.
    outage.failing = (key) => key.includes('/stakeholder-notice/');
    const { handle } = await startDataLeak(client, { incident: incident('REPLAY-1') }, taskQueue);
    await harness.env.sleep('6 minutes');
    await act(handle, 'acknowledge', { actor: responder });
    await harness.env.sleep('60 minutes');
    outage.failing = () => false;
    await handle.signal(overrideSignal, { actor: responder, kind: 'pause', reason: 'verifying scope' });
    await harness.env.sleep('10 minutes');
    await act(handle, 'override', { actor: responder, kind: 'resume', reason: 'scope verified' });
    const v1 = (await getStatus(handle)).authorityNotice.draft;
    await act(handle, 'reject', {
      actor: legal,
      version: v1?.version ?? 1,
      reason: 'state the student ID exposure explicitly',
      replacementText: 'Replacement notice text from legal for REPLAY-1 naming the student IDs exposed.',
    });
    await harness.env.sleep('73 hours');
    const late = (await getStatus(handle)).authorityNotice.draft;
    await act(handle, 'approve', { actor: legal, version: late?.version ?? 0, sha256: late?.sha256 ?? '' });
    await handle.result();
    // The CLI writes the standard history JSON (the SDK's own converter trips over two protobufjs copies).
    const { stdout } = await promisify(execFile)(
      temporalCliPath(),
      ['workflow', 'show', '--address', harness.env.address, '--workflow-id', handle.workflowId, '--output', 'json'],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const path = new URL('histories/data-leak-full.json', import.meta.url);
    await writeFile(path, stdout);
    console.log(`wrote ${path.pathname} (${(JSON.parse(stdout) as { events: unknown[] }).events.length} events)`);
  });
} finally {
  await harness.close();
}
