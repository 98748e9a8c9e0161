/**
 * NodeTlsProbe over real handshakes with local TLS servers presenting self-signed certificates
 * built for the test (any expiry, to the second): validity, trust, expiry, unreachable endpoints.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { after, describe, test } from 'node:test';
import { NodeTlsProbe, parseEndpoint } from '../../../activities/monitors/tls-probe.ts';
import { selfSignedCertificate } from '../../support/tls-cert.ts';
import type { TestCertificate } from '../../support/tls-cert.ts';
import { closedPort, startTlsServer } from '../../support/tls-server.ts';
import type { TestTlsServer } from '../../support/tls-server.ts';

const HOUR = 3_600_000;
/**
 * The probe's clock, pinned (to a whole second, as certificates keep no milliseconds) so hoursLeft
 * is exact. Validity itself is checked by OpenSSL against the real clock, so certificates are
 * built around the real time.
 */
const NOW = Math.floor(Date.now() / 1000) * 1000;

const servers: TestTlsServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function serve(credentials: TestCertificate): Promise<TestTlsServer> {
  const server = await startTlsServer(credentials);
  servers.push(server);
  return server;
}

describe('the test certificate helper', () => {
  test('builds a self-signed v3 certificate with the exact validity, SANs and CA flag', () => {
    const notBefore = new Date('2026-11-20T06:30:15Z');
    const notAfter = new Date('2027-03-01T17:45:59Z');
    const { cert, key } = selfSignedCertificate({ notBefore, notAfter, commonName: 'watch.test' });
    const x509 = new X509Certificate(cert);
    assert.equal(new Date(x509.validFrom).toISOString(), notBefore.toISOString());
    assert.equal(new Date(x509.validTo).toISOString(), notAfter.toISOString());
    assert.equal(x509.subject, 'CN=watch.test');
    assert.equal(x509.issuer, 'CN=watch.test');
    assert.equal(x509.ca, true);
    assert.equal(x509.subjectAltName, 'IP Address:127.0.0.1, DNS:localhost');
    assert.ok(x509.verify(x509.publicKey), 'signed by its own key');
    assert.match(key, /^-----BEGIN PRIVATE KEY-----/);
  });

  test('dates outside 1950–2049 are GeneralizedTime and parse back', () => {
    const notBefore = new Date('1949-12-31T23:59:59Z');
    const notAfter = new Date('2050-01-01T00:00:00Z');
    const x509 = new X509Certificate(selfSignedCertificate({ notBefore, notAfter }).cert);
    assert.equal(new Date(x509.validFrom).toISOString(), notBefore.toISOString());
    assert.equal(new Date(x509.validTo).toISOString(), notAfter.toISOString());
  });
});

describe('NodeTlsProbe', () => {
  const valid = selfSignedCertificate({ notAfter: new Date(NOW + 71 * HOUR), commonName: 'valid.test' });

  test('reads validTo and hoursLeft; the chain verifies when the certificate is a given trust anchor', async () => {
    const server = await serve(valid);
    const check = await new NodeTlsProbe({ ca: valid.cert, now: () => NOW }).inspect(server.endpoint);
    const x509 = new X509Certificate(valid.cert);
    assert.equal(check.endpoint, server.endpoint);
    assert.equal(check.validTo, new Date(NOW + 71 * HOUR).toISOString());
    assert.equal(check.validFrom, new Date(x509.validFrom).toISOString());
    assert.equal(check.hoursLeft, 71);
    assert.equal(check.chainValid, true);
    assert.equal(check.authorizationError, undefined);
    assert.equal(check.subject, 'CN=valid.test');
    assert.equal(check.issuer, 'CN=valid.test');
    assert.equal(check.fingerprint256, x509.fingerprint256);
  });

  test('the host name is checked too: localhost matches the dNSName SAN', async () => {
    const server = await serve(valid);
    const check = await new NodeTlsProbe({ ca: valid.cert, now: () => NOW }).inspect(`localhost:${server.port}`);
    assert.equal(check.chainValid, true);
  });

  test('without the trust anchor the certificate is still read, but the chain does not verify', async () => {
    const server = await serve(valid);
    const check = await new NodeTlsProbe({ now: () => NOW }).inspect(server.endpoint);
    assert.equal(check.validTo, new Date(NOW + 71 * HOUR).toISOString());
    assert.equal(check.chainValid, false);
    assert.equal(check.authorizationError, 'DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  test('an expired certificate: negative hoursLeft, chain invalid with CERT_HAS_EXPIRED', async () => {
    const expired = selfSignedCertificate({
      notBefore: new Date(Date.now() - 48 * HOUR),
      notAfter: new Date(Date.now() - 2 * HOUR),
    });
    const server = await serve(expired);
    const check = await new NodeTlsProbe({ ca: expired.cert }).inspect(server.endpoint);
    assert.ok(check.hoursLeft < 0, `hoursLeft ${check.hoursLeft} is negative`);
    assert.equal(check.chainValid, false);
    assert.equal(check.authorizationError, 'CERT_HAS_EXPIRED');
  });

  test('an endpoint nothing listens on rejects (transient: the activity retries)', async () => {
    const port = await closedPort();
    await assert.rejects(new NodeTlsProbe().inspect(`127.0.0.1:${port}`), /ECONNREFUSED/);
  });

  test('an endpoint that never completes a handshake rejects at the deadline', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = silent.address() as AddressInfo;
      await assert.rejects(
        new NodeTlsProbe({ timeoutMs: 200 }).inspect(`127.0.0.1:${port}`),
        /TLS handshake with 127\.0\.0\.1:\d+ timed out after 200 ms/,
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('parseEndpoint', () => {
  test('host:port, [v6]:port', () => {
    assert.deepEqual(parseEndpoint('api.example.com:443'), { host: 'api.example.com', port: 443 });
    assert.deepEqual(parseEndpoint(' 127.0.0.1:8443 '), { host: '127.0.0.1', port: 8443 });
    assert.deepEqual(parseEndpoint('[::1]:443'), { host: '::1', port: 443 });
  });

  test('refuses what is not host:port, naming the value', () => {
    for (const bad of ['api.example.com', 'api.example.com:', ':443', 'host:0', 'host:65536', '::1:443', 'a:b:443']) {
      assert.throws(
        () => parseEndpoint(bad),
        (err: Error) => err instanceof TypeError && err.message.includes(bad),
      );
    }
  });
});
