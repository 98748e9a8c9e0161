/**
 * Where the cluster's processes listen, all on 127.0.0.1 and in one block of ports (26000–26999)
 * so the cluster runs beside the dev servers of tests and benchmarks without meeting them.
 */
export const CLUSTER_PORTS = {
  /** The Temporal server's PostgreSQL (TCP; Herald's own PostgreSQL is a unix socket). */
  temporalDb: 26432,
  /** Temporal's frontend: what workers, the API and the CLI connect to. */
  frontend: 26233,
  frontendHttp: 26243,
  history: 26234,
  matching: 26235,
  worker: 26239,
  /** Membership (ringpop) ports of the four services. */
  frontendMembership: 26933,
  historyMembership: 26934,
  matchingMembership: 26935,
  workerMembership: 26939,
  /** Herald's HTTP API. */
  api: 26080,
} as const;

/** The sandbox providers' fixed ports (salesforce, sendgrid, twilio, chat). */
export const SANDBOX_PORTS = { salesforce: 26101, sendgrid: 26102, twilio: 26103, chat: 26104 } as const;
