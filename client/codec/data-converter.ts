/**
 * Herald's data converters: none when no payload keys are configured, else the AES-GCM codec with
 * encoded failure attributes. One for workers (converter by path, as the workflow sandbox needs it)
 * and one for clients (loaded objects).
 */
import { fileURLToPath } from 'node:url';
import { defaultPayloadConverter } from '@temporalio/common';
import type { DataConverter, LoadedDataConverter } from '@temporalio/common';
import { AesGcmCodec } from './aes-gcm-codec.ts';
import type { PayloadKey } from './aes-gcm-codec.ts';
import { failureConverter } from './failure-converter.ts';

/** Where the workflow sandbox loads the failure converter from: bundled into the workflow code. */
export const FAILURE_CONVERTER_PATH = fileURLToPath(new URL('./failure-converter.ts', import.meta.url));

export function workerDataConverter(keys: readonly PayloadKey[]): DataConverter | undefined {
  if (keys.length === 0) return undefined;
  return { payloadCodecs: [new AesGcmCodec(keys)], failureConverterPath: FAILURE_CONVERTER_PATH };
}

export function clientDataConverter(keys: readonly PayloadKey[]): LoadedDataConverter | undefined {
  if (keys.length === 0) return undefined;
  return { payloadConverter: defaultPayloadConverter, failureConverter, payloadCodecs: [new AesGcmCodec(keys)] };
}
