/** `npm run codec-server`: the codec server for Temporal UI, with the worker's payload keys. */
import { parseCodecServerConfig } from '../../workers/config.ts';
import { AesGcmCodec } from './aes-gcm-codec.ts';
import { startCodecServer } from './codec-server.ts';

try {
  const config = parseCodecServerConfig(process.env);
  const server = await startCodecServer({
    codec: new AesGcmCodec(config.HERALD_PAYLOAD_KEYS),
    allowedOrigins: config.HERALD_CODEC_ALLOWED_ORIGINS,
    ...(config.HERALD_CODEC_TOKEN ? { token: config.HERALD_CODEC_TOKEN } : {}),
    port: config.HERALD_CODEC_PORT,
    host: config.HERALD_CODEC_HOST,
  });
  console.log(
    `herald codec server on ${server.url} for ${config.HERALD_CODEC_ALLOWED_ORIGINS.join(', ')}` +
      (config.HERALD_CODEC_TOKEN ? ' (bearer token required)' : ' (no token: keep it on a trusted network)'),
  );
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
