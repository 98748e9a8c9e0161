/**
 * Actor claims from the HTTP API (`POST /v1/claims`) for the privileged actions `herald` sends
 * straight to Temporal: with HERALD_API_URL and HERALD_API_TOKEN set, the API's token — not
 * `--as`/`--role` — decides who acts, and the procedure verifies the claim the API signed.
 */
import type { Actor } from '../../workflows/domain/status.ts';
import { CommandExit, EXIT } from './exit-codes.ts';

/** A claim and the actor it names. */
export interface ApiClaim {
  claim: string;
  actor: Actor;
}

export class ApiClaimSource {
  readonly #url: string;
  readonly #token: string;

  /** `url`: the API's base URL, e.g. `https://herald.example.org`. */
  constructor(url: string, token: string) {
    this.#url = url.replace(/\/+$/, '');
    this.#token = token;
  }

  /** A claim for `action` (its body's version, hash, kind and milestone bound) on `workflowId`. */
  async claimFor(workflowId: string, action: string, body: Readonly<Record<string, unknown>>): Promise<ApiClaim> {
    const bindings = Object.fromEntries(
      ['version', 'sha256', 'kind', 'milestone'].filter((k) => body[k] !== undefined).map((k) => [k, body[k]]),
    );
    let res: Response;
    try {
      res = await fetch(`${this.#url}/v1/claims`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.#token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ workflowId, action, ...bindings }),
      });
    } catch (err) {
      throw new CommandExit(
        EXIT.error,
        `cannot reach the HTTP API at ${this.#url} for a claim: ${(err as Error).message}`,
      );
    }
    const answer = (await res.json().catch(() => ({}))) as { claim?: string; actor?: Actor; detail?: string };
    if (res.ok && typeof answer.claim === 'string' && answer.actor !== undefined) {
      return { claim: answer.claim, actor: answer.actor };
    }
    const why = answer.detail ?? `HTTP ${res.status}`;
    if (res.status === 401) throw new CommandExit(EXIT.usage, `HERALD_API_TOKEN was not accepted: ${why}`);
    if (res.status === 403) throw new CommandExit(EXIT.rejected, `no claim for ${action}: ${why}`);
    throw new CommandExit(EXIT.error, `no claim for ${action} from ${this.#url}: ${why}`);
  }
}
