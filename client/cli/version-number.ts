/** A template version number on the command line: a positive integer, written plainly. */
import { InvalidArgumentError } from 'commander';

export function versionNumber(value: string): number {
  const n = Number.parseInt(value, 10);
  if (!Number.isSafeInteger(n) || n < 1 || String(n) !== value)
    throw new InvalidArgumentError('a version number such as 2');
  return n;
}
