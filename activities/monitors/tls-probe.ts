/**
 * TlsProbe over node:tls: connects, reads the certificate the endpoint presents and whether its
 * chain and host name verify, and hangs up. It never sends application data.
 */
import { isIP } from 'node:net';
import { connect, rootCertificates } from 'node:tls';
import type { PeerCertificate } from 'node:tls';
import type { TlsCertificateCheck, TlsProbe } from '../ports.ts';

const HOUR_MS = 3_600_000;

export interface NodeTlsProbeOptions {
  /** Extra trust anchors (PEM), added to Node's root certificates: a private CA. */
  ca?: string;
  /** Connect and handshake deadline; default 10 s. */
  timeoutMs?: number;
  /** Clock for hoursLeft; tests may pin it. */
  now?: () => number;
}

/** Splits `host:port` or `[v6]:port`. */
export function parseEndpoint(endpoint: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(endpoint.trim());
  const host = m?.[1] ?? m?.[2];
  const port = Number(m?.[3]);
  if (!host || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new TypeError(`not a host:port endpoint: ${JSON.stringify(endpoint)}`);
  }
  return { host, port };
}

/** "CN=api.example.com, O=Example" from a certificate subject or issuer. */
function distinguishedName(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
    .join(', ');
}

export class NodeTlsProbe implements TlsProbe {
  readonly #ca: string[] | undefined;
  readonly #timeoutMs: number;
  readonly #now: () => number;

  constructor(options: NodeTlsProbeOptions = {}) {
    this.#ca = options.ca ? [...rootCertificates, options.ca] : undefined;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** The endpoint's certificate; rejects (transient) when it cannot be reached or shakes no hands. */
  inspect(endpoint: string): Promise<TlsCertificateCheck> {
    const { host, port } = parseEndpoint(endpoint);
    return new Promise((resolve, reject) => {
      const socket = connect({
        host,
        port,
        // SNI takes names only; an IP address is matched against the certificate's IP SANs.
        ...(isIP(host) === 0 ? { servername: host } : {}),
        ...(this.#ca ? { ca: this.#ca } : {}),
        // We want to see an untrusted or expired certificate, not be refused by it.
        rejectUnauthorized: false,
      });
      const timer = setTimeout(
        () => socket.destroy(new Error(`TLS handshake with ${endpoint} timed out after ${this.#timeoutMs} ms`)),
        this.#timeoutMs,
      );
      // `on`, not `once`: a reset after the handshake must not become an unhandled 'error'.
      socket.on('error', (err: Error) => {
        clearTimeout(timer);
        reject(err);
      });
      socket.once('secureConnect', () => {
        clearTimeout(timer);
        const cert = socket.getPeerCertificate();
        const authorized = socket.authorized;
        // Node sets a string code here (e.g. CERT_HAS_EXPIRED), although the typings say Error.
        const authorizationError: unknown = socket.authorizationError;
        socket.end();
        if (!cert || Object.keys(cert).length === 0) {
          reject(new Error(`${endpoint} presented no certificate`));
          return;
        }
        const validTo = new Date(cert.valid_to);
        const validFrom = new Date(cert.valid_from);
        if (Number.isNaN(validTo.getTime()) || Number.isNaN(validFrom.getTime())) {
          reject(new Error(`${endpoint} presented a certificate with unreadable validity dates`));
          return;
        }
        const check: TlsCertificateCheck = {
          endpoint,
          validTo: validTo.toISOString(),
          validFrom: validFrom.toISOString(),
          issuer: distinguishedName(cert.issuer),
          subject: distinguishedName(cert.subject),
          hoursLeft: Math.floor(((validTo.getTime() - this.#now()) / HOUR_MS) * 10) / 10,
          chainValid: authorized,
          fingerprint256: cert.fingerprint256,
        };
        if (!authorized && authorizationError) {
          check.authorizationError =
            typeof authorizationError === 'string'
              ? authorizationError
              : authorizationError instanceof Error
                ? authorizationError.message
                : 'UNKNOWN_VERIFY_ERROR';
        }
        resolve(check);
      });
    });
  }
}
