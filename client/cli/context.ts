/** What every command gets: configuration, output, and a Temporal client made on first use. */
import { Client, Connection } from '@temporalio/client';
import type { CliConfig } from '../../workers/config.ts';
import { clientDataConverter } from '../codec/data-converter.ts';
import { ApiClaimSource } from './api-claims.ts';
import { claimInterceptor } from './claim-interceptor.ts';

export interface Output {
  /** A line (or block) for people. */
  line(text: string): void;
  /** A machine-readable value, one JSON document per call. */
  json(value: unknown): void;
  /** Diagnostics: stderr. */
  warn(text: string): void;
  /** True when stdout is a terminal (a `--watch` screen can be redrawn in place). */
  isTty: boolean;
}

export interface CliContext {
  config: CliConfig;
  /** The environment the configuration came from (`herald config --worker` checks the worker's part). */
  env: Record<string, string | undefined>;
  out: Output;
  client(): Promise<Client>;
  close(): Promise<void>;
}

export function createContext(
  config: CliConfig,
  out: Output,
  env: Record<string, string | undefined> = {},
): CliContext {
  let connection: Promise<Connection> | undefined;
  const connect = (): Promise<Connection> => {
    connection ??= Connection.connect({ address: config.TEMPORAL_ADDRESS }).catch((err: unknown) => {
      throw new Error(
        `cannot reach Temporal at ${config.TEMPORAL_ADDRESS} (set TEMPORAL_ADDRESS): ${err instanceof Error ? err.message : String(err)}`,
      );
    });
    return connection;
  };
  return {
    config,
    env,
    out,
    async client() {
      const dataConverter = clientDataConverter(config.HERALD_PAYLOAD_KEYS);
      // Privileged actions carry a claim from the HTTP API when it is configured.
      const { HERALD_API_URL: apiUrl, HERALD_API_TOKEN: apiToken } = config;
      const claims = apiUrl && apiToken ? new ApiClaimSource(apiUrl, apiToken) : undefined;
      return new Client({
        connection: await connect(),
        namespace: config.TEMPORAL_NAMESPACE,
        ...(dataConverter ? { dataConverter } : {}),
        interceptors: { workflow: [claimInterceptor(claims, (text) => out.warn(text))] },
      });
    },
    async close() {
      if (connection) await (await connection.catch(() => undefined))?.close();
    },
  };
}

/** Writes to the process's stdout/stderr. */
export const processOutput: Output = {
  line: (text) => process.stdout.write(`${text}\n`),
  json: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  warn: (text) => process.stderr.write(`${text}\n`),
  isTty: process.stdout.isTTY === true,
};
