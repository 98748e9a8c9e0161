/** Sign-in: paste an API token (or an OIDC access token); no puzzle, paste allowed (WCAG 3.3.8). */
import { Page } from './layout.tsx';

export function SignInPage(props: { problem?: string }) {
  return (
    <Page title="Sign in" {...(props.problem ? { problem: props.problem } : {})}>
      <h1>Sign in</h1>
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
