/** Reads and validates the directory file; a bad file stops the worker with the field named. */
import { readFile } from 'node:fs/promises';
import { directorySchema } from '../activities/directory.ts';
import type { Directory } from '../activities/directory.ts';
import { describeZodError } from '../workflows/domain/operator-actions.ts';

export async function loadDirectory(path: string): Promise<Directory> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new Error(`HERALD_DIRECTORY_FILE ${path}: ${(err as Error).message}`);
  }
  const parsed = directorySchema.safeParse(raw);
  if (!parsed.success) throw new Error(`HERALD_DIRECTORY_FILE ${path}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}
