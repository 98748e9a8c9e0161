/**
 * The failure converter of workers and clients when payloads are encrypted: failure messages and
 * stack traces move into an encoded attribute, so the codec encrypts them too (they can carry an
 * address or a name). Loaded by path into the workflow sandbox as well: no I/O here.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
