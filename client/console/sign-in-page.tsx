/**
 * Sign-in: single sign-on through the identity provider where configured, or paste an API token (or
 * an OIDC access token); no puzzle, paste allowed (WCAG 3.3.8).
 */
import type { ApiCaller } from '../api/tokens.ts';
import { Page } from './layout.tsx';

/** `problem`: the pasted token's; `ssoProblem`: why single sign-on did not sign the caller in. */
export function SignInPage(props: { problem?: string; sso?: boolean; ssoProblem?: string }) {
  const alert = props.problem ?? props.ssoProblem;
  return (
    <Page title="Sign in" {...(alert ? { problem: alert } : {})}>
      <h1>Sign in</h1>
      {props.sso && (
        <>
          {props.ssoProblem && <p class="error-text">{props.ssoProblem}</p>}
          <p>
            <a class="button" href="/console/sign-in/sso">
              Sign in with single sign-on
            </a>
          </p>
          <h2>Or with a token</h2>
        </>
      )}
      <form method="post" action="/console/sign-in">
        <label for="token">Your Herald token</label>
        <p class="hint" id="token-hint">
          The API token your administrator gave you, or an access token from your identity provider. Paste it here; it
          is checked, never stored.
        </p>
        {props.problem && (
          <p class="error-text" id="token-error">
            {props.problem}
          </p>
        )}
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="current-password"
          required
          aria-describedby={props.problem ? 'token-hint token-error' : 'token-hint'}
          aria-invalid={props.problem ? 'true' : undefined}
        />
        <p>
          <button type="submit">Sign in</button>
        </p>
      </form>
    </Page>
  );
}

/**
 * After single sign-on: the session cookie is SameSite=Strict, and a browser does not send it on the
 * redirect that ends a trip through another site, so this page moves on to the console itself.
 */
export function SignedInPage(props: { caller: ApiCaller }) {
  return (
    <Page title="Signed in" moveOnTo="/console">
      <h1>Signed in</h1>
      <p>
        {`Signed in as ${props.caller.id} (${props.caller.role}). `}
        <a href="/console">Continue to the console</a>
      </p>
    </Page>
  );
}
