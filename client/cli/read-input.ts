/** Reads a JSON document from a file or standard input, with errors that name the source. */
import { readFile } from 'node:fs/promises';
import { InvalidInputError } from '../data-leak-client.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `path` is a file, or `-` for standard input. */
export async function readText(path: string): Promise<string> {
  if (path === '-') return readStdin();
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new InvalidInputError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

export async function readJson(path: string): Promise<unknown> {
  const text = await readText(path);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InvalidInputError(`${path === '-' ? 'standard input' : path} is not JSON: ${(err as Error).message}`);
  }
}
