/** Workflow entry point: every export here is a startable workflow type, and nothing else. */
export { dataLeakNotification } from './data-leak/workflow.ts';
export { complianceLockout } from './lockout/workflow.ts';
