/** A signed-in console session for tests, from the console's own sign-in form (no browser needed). */
import assert from 'node:assert/strict';

/** The session cookie (`name=value`) the console sets for `token`. */
export async function consoleSessionCookie(base: string, token: string): Promise<string> {
  const res = await fetch(`${base}/console/sign-in`, {
    method: 'POST',
    body: new URLSearchParams({ token }),
    redirect: 'manual',
  });
  assert.equal(res.status, 303, `the console's sign-in answered ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}
