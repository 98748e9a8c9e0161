/**
 * Console sign-in sessions: a random id in an HttpOnly, SameSite=Strict cookie stands for the
 * caller a token identified; each session carries its own form token against cross-site posts.
 * Held in the API process's memory: a restart signs everyone out, which is safe.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiCaller } from '../api/tokens.ts';

export interface ConsoleSession {
  id: string;
  caller: ApiCaller;
  /** Every form posts it back; a post without it is refused. */
  formToken: string;
  expiresAt: number;
}

/** Eight hours: a shift. */
export const SESSION_TTL_MS = 8 * 60 * 60_000;

const randomId = () => randomBytes(32).toString('base64url');

export class ConsoleSessions {
  readonly #sessions = new Map<string, ConsoleSession>();

  constructor(
    private readonly ttlMs = SESSION_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  open(caller: ApiCaller): ConsoleSession {
    this.#sweep();
    const session = { id: randomId(), caller, formToken: randomId(), expiresAt: this.now() + this.ttlMs };
    this.#sessions.set(session.id, session);
    return session;
  }

  find(id: string | undefined): ConsoleSession | undefined {
    const session = id === undefined ? undefined : this.#sessions.get(id);
    if (session === undefined || session.expiresAt > this.now()) return session;
    this.#sessions.delete(session.id);
    return undefined;
  }

  close(id: string | undefined): void {
    if (id !== undefined) this.#sessions.delete(id);
  }

  #sweep(): void {
    const now = this.now();
    for (const [id, s] of this.#sessions) if (s.expiresAt <= now) this.#sessions.delete(id);
  }
}

/** Whether a posted form token is the session's (constant time). */
export function formTokenMatches(session: ConsoleSession, posted: unknown): boolean {
  if (typeof posted !== 'string') return false;
  const a = Buffer.from(session.formToken);
  const b = Buffer.from(posted);
  return a.length === b.length && timingSafeEqual(a, b);
}
