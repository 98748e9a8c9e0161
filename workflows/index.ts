/** Workflow entry point: every export here is a startable workflow type, and nothing else. */
export { dataLeakNotification } from './data-leak/workflow.ts';
export { affectedPeopleFanout } from './data-leak/affected-fanout.ts';
export { complianceLockout } from './lockout/workflow.ts';
export { credentialWatch } from './monitors/credential-watch.ts';
export { contactSnapshotSync } from './monitors/contact-snapshot-sync.ts';
export { scheduledDrill } from './drills/scheduled-drill.ts';
