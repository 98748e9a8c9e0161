/** The benchmark's baseline: one workflow, one activity, nothing else — a bare Temporal round trip. */
import { proxyActivities } from '@temporalio/workflow';

const { echo } = proxyActivities<{ echo(text: string): Promise<string> }>({ startToCloseTimeout: '10 seconds' });

export async function bareRoundTrip(text: string): Promise<string> {
  return echo(text);
}
