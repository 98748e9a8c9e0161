/** Polls until a value satisfies a condition: for state a real server reaches in its own time. */

/** Reads `read()` every 100 ms until `ok` accepts it (then returns it), at most `attempts` times. */
export async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  attempts = 150,
): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
