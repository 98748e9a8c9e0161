/**
 * The fault matrix of issue 12: providers × faults × both procedures, the cells that do not apply
 * (with the reason), the cells `npm test` runs, and the cells whose fix is still pending in the
 * workflow (one place, so each entry is deleted as its fix lands).
 */

export const MATRIX_PROVIDERS = ['salesforce', 'sendgrid', 'twilio', 'chat', 'store'] as const;
export type MatrixProvider = (typeof MATRIX_PROVIDERS)[number];

export const MATRIX_FAULTS = [
  'credentials-revoked',
  'scope-missing',
  'recipient-refused',
  'rate-limit-burst',
  'server-errors',
  'timeout',
  'accepted-then-timeout',
] as const;
export type MatrixFault = (typeof MATRIX_FAULTS)[number];

export const MATRIX_PROCEDURES = ['data-leak', 'lockout'] as const;
export type MatrixProcedure = (typeof MATRIX_PROCEDURES)[number];

/** One cell: a fault at one provider during one procedure. */
export interface Cell {
  /** `<procedure>/<provider>/<fault>`. */
  id: string;
  procedure: MatrixProcedure;
  provider: MatrixProvider;
  fault: MatrixFault;
  /** Why the cell does not apply, when it does not. */
  notApplicable?: string;
}

/** Faults that cannot happen at a provider, and why (the same for both procedures). */
const NOT_APPLICABLE: Partial<Record<MatrixProvider, Partial<Record<MatrixFault, string>>>> = {
  salesforce: {
    'recipient-refused': 'Herald only reads from Salesforce: there is no recipient to refuse',
    'accepted-then-timeout':
      'Herald only reads from Salesforce: a read answered too late is the time-out cell (nothing was accepted)',
  },
  chat: {
    'recipient-refused': 'a webhook post has no recipient: the channel takes it or refuses it (credentials, scope)',
  },
  store: { 'recipient-refused': 'the store has no recipients' },
};

export const cellId = (procedure: MatrixProcedure, provider: MatrixProvider, fault: MatrixFault): string =>
  `${procedure}/${provider}/${fault}`;

/** Every cell, procedure by procedure, provider by provider. */
export const CELLS: readonly Cell[] = MATRIX_PROCEDURES.flatMap((procedure) =>
  MATRIX_PROVIDERS.flatMap((provider) =>
    MATRIX_FAULTS.map((fault): Cell => {
      const reason = NOT_APPLICABLE[provider]?.[fault];
      return {
        id: cellId(procedure, provider, fault),
        procedure,
        provider,
        fault,
        ...(reason === undefined ? {} : { notApplicable: reason }),
      };
    }),
  ),
);

export function cellById(id: string): Cell {
  const cell = CELLS.find((c) => c.id === id);
  if (cell === undefined) throw new Error(`no fault-matrix cell ${id}`);
  return cell;
}

/**
 * What `npm test` runs: one cell per fault kind and per provider, both procedures represented,
 * chosen so each row of the matrix has a regression guard (see test/faults/faults.test.ts).
 */
export const NPM_TEST_CELLS: readonly string[] = [
  'data-leak/sendgrid/credentials-revoked',
  'data-leak/twilio/recipient-refused',
  'data-leak/salesforce/scope-missing',
  'data-leak/sendgrid/accepted-then-timeout',
  'lockout/sendgrid/server-errors',
  'lockout/chat/rate-limit-burst',
  'lockout/twilio/timeout',
  'data-leak/store/rate-limit-burst',
];

/**
 * Cells `npm test` skips until the workflow rewrite of issue 12 lands, each with what is pending.
 * Delete an entry when its fix is in: the cell then guards it. `npm run faults` runs them anyway.
 */
export const PENDING_WORKFLOW_FIX: Readonly<Record<string, string>> = {};
