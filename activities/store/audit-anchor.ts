/**
 * Audit anchors: the chain's head `(seq, hash)` at a moment, signed (Ed25519 JWS through `jose`)
 * and appended as one JSON line to `audit-anchors.jsonl` in a directory outside the database. An
 * owner of the database who truncates or rewrites the chain cannot make the anchors agree: they
 * would need the signing key, and the anchor directory, which lives elsewhere (its own volume,
 * copied off the host, append-only). `verify` then checks the chain against every anchor.
 */
import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CompactSign, compactVerify } from 'jose';
import type { CryptoKey } from 'jose';
import type { AuditHead } from '../../workflows/domain/status.ts';
import type { RecordedHead } from '../ports.ts';

/** The file every writer appends to (one line per anchor; O_APPEND keeps lines whole). */
export const ANCHOR_FILE = 'audit-anchors.jsonl';
/** The JWS `typ` of an anchor: never mistaken for an actor claim. */
export const ANCHOR_TYP = 'herald-audit-anchor+jws';

/** The chain's head as an anchor records it. */
export type ChainHead = AuditHead;

/** One anchor, read back and its signature verified (`at`: the writer's clock; `where`: `file:line`). */
export type AuditAnchor = RecordedHead;

/** A key to sign with (the first private key of HERALD_AUDIT_ANCHOR_KEY_FILE). */
export interface AnchorSigningKey {
  kid: string;
  privateKey: CryptoKey;
}

/** Keys to verify with, by kid (public halves suffice). */
export type AnchorKeys = ReadonlyMap<string, CryptoKey>;

/**
 * Appends signed anchors, coalescing: while one write is in flight, later heads wait and the next
 * write records the newest, so a burst of appends costs a few writes, and every caller's head is
 * covered when `cover` resolves.
 */
export class AuditAnchorWriter {
  readonly #dir: string;
  readonly #key: AnchorSigningKey;
  readonly #now: () => Date;
  #written = 0;
  #pending: ChainHead | undefined;
  #flight: Promise<void> | undefined;

  constructor(options: { dir: string; key: AnchorSigningKey; now?: () => Date }) {
    this.#dir = options.dir;
    this.#key = options.key;
    this.#now = options.now ?? (() => new Date());
  }

  /** Resolves once an anchor at `head.seq` or later is on disk (written and synced). */
  async cover(head: ChainHead): Promise<void> {
    if (head.seq <= this.#written) return;
    if (this.#pending === undefined || head.seq > this.#pending.seq) this.#pending = head;
    while (head.seq > this.#written) {
      this.#flight ??= this.#flush().finally(() => {
        this.#flight = undefined;
      });
      await this.#flight;
    }
  }

  async #flush(): Promise<void> {
    const head = this.#pending;
    this.#pending = undefined;
    if (head === undefined || head.seq <= this.#written) return;
    const at = this.#now().toISOString();
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify({ seq: head.seq, hash: head.hash, at })))
      .setProtectedHeader({ alg: 'EdDSA', typ: ANCHOR_TYP, kid: this.#key.kid })
      .sign(this.#key.privateKey);
    const line = `${JSON.stringify({ seq: head.seq, hash: head.hash, at, kid: this.#key.kid, jws })}\n`;
    await mkdir(this.#dir, { recursive: true });
    const file = await open(join(this.#dir, ANCHOR_FILE), 'a');
    try {
      await file.write(line);
      await file.datasync();
    } finally {
      await file.close();
    }
    this.#written = Math.max(this.#written, head.seq);
  }
}

/** Anchors read from a directory, and the lines that are not genuine anchors. */
export interface AnchorReading {
  anchors: AuditAnchor[];
  /** Each bad line named: unsigned, signed by an unknown key, altered, or not an anchor. */
  problems: string[];
}

/**
 * Reads every `*.jsonl` in `dir` (a missing directory has no anchors) and verifies each line's
 * signature with `keys`; the plain fields must be what was signed.
 */
export async function readAnchors(dir: string, keys: AnchorKeys): Promise<AnchorReading> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.jsonl')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { anchors: [], problems: [] };
    throw err;
  }
  const anchors: AuditAnchor[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const lines = (await readFile(join(dir, file), 'utf8')).split('\n');
    for (const [i, line] of lines.entries()) {
      if (line.trim() === '') continue;
      const where = `${file}:${i + 1}`;
      const anchor = await readAnchorLine(line, keys);
      if (typeof anchor === 'string') problems.push(`anchor ${where}: ${anchor}`);
      else anchors.push({ ...anchor, where });
    }
  }
  return { anchors, problems };
}

/** One line as an anchor, or what is wrong with it. */
async function readAnchorLine(line: string, keys: AnchorKeys): Promise<Omit<AuditAnchor, 'where'> | string> {
  let record: { seq?: unknown; hash?: unknown; at?: unknown; jws?: unknown };
  try {
    record = JSON.parse(line) as typeof record;
  } catch {
    return 'not JSON';
  }
  if (typeof record.jws !== 'string') return 'unsigned';
  let signed: { seq?: unknown; hash?: unknown; at?: unknown };
  try {
    const { payload, protectedHeader } = await compactVerify(record.jws, async (header) => {
      const key = header.kid === undefined ? undefined : keys.get(header.kid);
      if (key === undefined) throw new Error(`signed with unknown key ${header.kid ?? '(none)'}`);
      return key;
    });
    if (protectedHeader.typ !== ANCHOR_TYP) return `not an audit anchor (typ ${protectedHeader.typ ?? 'none'})`;
    signed = JSON.parse(new TextDecoder().decode(payload)) as typeof signed;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return /unknown key/.test(message) ? message : 'signature does not verify (forged or altered)';
  }
  if (typeof signed.seq !== 'number' || typeof signed.hash !== 'string' || typeof signed.at !== 'string') {
    return 'signed payload is not {seq, hash, at}';
  }
  if (record.seq !== signed.seq || record.hash !== signed.hash || record.at !== signed.at) {
    return 'its fields differ from what was signed (altered)';
  }
  return { seq: signed.seq, hash: signed.hash, at: signed.at };
}
