/** `npm run codec-server`: the codec server for Temporal UI, with the worker's payload keys. */
import { parseCodecServerConfig } from '../../workers/config.ts';
import { oidcVerifierOf } from '../auth/oidc-verifier.ts';
import { AesGcmCodec } from './aes-gcm-codec.ts';
import { startCodecServer } from './codec-server.ts';

try {
  const config = parseCodecServerConfig(process.env);
  const oidc = await oidcVerifierOf(config);
  const insecure = config.HERALD_CODEC_INSECURE_NO_AUTH === '1';
  const server = await startCodecServer({
    codec: new AesGcmCodec(config.HERALD_PAYLOAD_KEYS),
    allowedOrigins: config.HERALD_CODEC_ALLOWED_ORIGINS,
    ...(config.HERALD_CODEC_TOKEN ? { token: config.HERALD_CODEC_TOKEN } : {}),
    ...(oidc ? { oidc } : {}),
    allowUnauthenticated: insecure,
    port: config.HERALD_CODEC_PORT,
    host: config.HERALD_CODEC_HOST,
  });
  const auth = [
    config.HERALD_CODEC_TOKEN ? 'bearer token' : undefined,
    oidc ? `OIDC access tokens from ${config.HERALD_OIDC_ISSUER ?? ''}` : undefined,
  ].filter(Boolean);
  console.log(
    `herald codec server on ${server.url} for ${config.HERALD_CODEC_ALLOWED_ORIGINS.join(', ')}: ` +
      (auth.length
        ? `requires a ${auth.join(' or ')}`
        : 'NO authentication (HERALD_CODEC_INSECURE_NO_AUTH=1, loopback only)'),
  );
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
