/** Reads and validates the worker's JSON files; a bad file stops the worker with the variable and field named. */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { directorySchema } from '../activities/directory.ts';
import type { Directory } from '../activities/directory.ts';
import { vendorAssessmentSchema } from '../activities/documents/vendor-assessment.ts';
import type { VendorAssessment } from '../activities/documents/vendor-assessment.ts';
import { describeZodError } from '../workflows/domain/operator-actions.ts';

async function loadJsonFile<T>(variable: string, path: string, schema: z.ZodType<T>): Promise<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new Error(`${variable} ${path}: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`${variable} ${path}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

export function loadDirectory(path: string): Promise<Directory> {
  return loadJsonFile('HERALD_DIRECTORY_FILE', path, directorySchema);
}

export function loadVendorAssessment(path: string): Promise<VendorAssessment> {
  return loadJsonFile('HERALD_VENDOR_ASSESSMENT_FILE', path, vendorAssessmentSchema);
}
