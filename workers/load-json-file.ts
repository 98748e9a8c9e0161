/** Reads and validates one JSON file; a bad file names the variable that points at it and the bad field. */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { describeZodError } from '../workflows/domain/operator-actions.ts';

export async function loadJsonFile<T>(variable: string, path: string, schema: z.ZodType<T>): Promise<T> {
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
