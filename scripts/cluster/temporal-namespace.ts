/**
 * What compose's temporal-admin-tools service does once the server answers: the namespace, and
 * Herald's search attributes (workflows/domain/search-attributes.ts) registered on it. Idempotent.
 * Resolves once a visibility query over the attributes succeeds, so a procedure started next can
 * set them.
 */
import { Client, Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common';
import { indexedValueType } from '../../workers/local-temporal.ts';
import { HERALD_SEARCH_ATTRIBUTES } from '../../workflows/domain/search-attributes.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries `attempt` every 500 ms until it resolves or `timeoutMs` has passed. */
export async function retrying<T>(what: string, attempt: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}: ${String(error)}`, { cause: error });
      await pause(500);
    }
  }
}

/** Registers `namespace` (retention in days) and Herald's search attributes on the server at `address`. */
export async function prepareNamespace(address: string, namespace: string, retentionDays: number): Promise<void> {
  const connection = await retrying('the frontend', () => Connection.connect({ address, connectTimeout: 2_000 }));
  try {
    const service = connection.workflowService;
    await retrying('the cluster to accept the namespace', async () => {
      const exists = await service.describeNamespace({ namespace }).then(
        () => true,
        () => false,
      );
      if (!exists) {
        await service.registerNamespace({
          namespace,
          workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`),
        });
      }
    });
    await retrying(`namespace ${namespace} on the frontend`, () => service.describeNamespace({ namespace }));
    await retrying("Herald's search attributes", async () => {
      const known = await connection.operatorService.listSearchAttributes({ namespace });
      const missing = HERALD_SEARCH_ATTRIBUTES.filter((key) => !(key.name in (known.customAttributes ?? {})));
      if (missing.length === 0) return;
      const searchAttributes = Object.fromEntries(missing.map((key) => [key.name, indexedValueType(key.type)]));
      await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
    });
    const client = new Client({ connection, namespace });
    const query = HERALD_SEARCH_ATTRIBUTES.map((key) => `${key.name} IS NULL`).join(' AND ');
    await retrying("Herald's search attributes in visibility queries", () => client.workflow.count(query));
  } finally {
    await connection.close();
  }
}
