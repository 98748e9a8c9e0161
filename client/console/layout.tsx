/**
 * The console's page frame: language, title, a skip link, the signed-in caller, one main landmark,
 * and a status region that announces what an action did (WCAG 4.1.3). The style keeps text at
 * 4.5:1 or more, a 3 px focus ring that nothing covers, targets of 44 px, and reflow at 320 px.
 */
import type { Child } from 'hono/jsx';
import type { ApiCaller } from '../api/tokens.ts';

const STYLE = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --line: #8a8a8a; --accent: #0b4f9c;
  --bad: #a4000f; --good: #0a5c2b; --warn: #7a4a00; --paper: #ffffff; --tint: #f1f4f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, sans-serif; color: var(--ink); background: var(--paper); }
a { color: var(--accent); }
.skip { position: absolute; left: -999px; top: 0; }
.skip:focus { left: 0.5rem; z-index: 10; background: var(--paper); padding: 0.5rem; }
header { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between;
  padding: 0.5rem 1rem; border-bottom: 1px solid var(--line); }
header .brand { font-weight: 700; text-decoration: none; color: var(--ink); }
header nav ul { display: flex; flex-wrap: wrap; gap: 0 1rem; list-style: none; margin: 0; padding: 0; }
header nav a { display: inline-block; min-height: 44px; padding: 0.6rem 0; }
main { padding: 1rem; max-width: 72rem; margin: 0 auto; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
button, input, select, textarea { font: inherit; }
button, .button { min-height: 44px; min-width: 44px; padding: 0.5rem 1rem; border: 2px solid var(--accent);
  background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; }
a.button { display: inline-block; text-decoration: none; }
button.secondary { background: var(--paper); color: var(--accent); }
input, select, textarea { min-height: 44px; padding: 0.4rem; border: 1px solid var(--line); border-radius: 4px;
  max-width: 100%; }
textarea, input.wide { width: 100%; }
textarea { min-height: 6rem; }
input[type=checkbox] { width: 1.5rem; height: 1.5rem; min-height: 0; vertical-align: middle; }
label { display: block; font-weight: 600; margin-top: 0.75rem; }
fieldset { border: 1px solid var(--line); border-radius: 4px; margin: 0.75rem 0; min-width: 0; }
legend { font-weight: 600; padding: 0 0.25rem; }
label.choice { font-weight: 400; margin-top: 0.25rem; min-height: 44px; display: flex; align-items: center; gap: 0.5rem; }
.hint { color: var(--muted); font-size: 0.95rem; }
.error-text { color: var(--bad); font-weight: 600; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
caption { text-align: left; font-weight: 700; padding: 0.25rem 0; }
.state-met { color: var(--good); font-weight: 700; }
.state-missed, .state-at-risk { color: var(--bad); font-weight: 700; }
.state-pending { color: var(--warn); font-weight: 700; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--tint); padding: 0.75rem; }
code { overflow-wrap: anywhere; }
.diff ins { background: #d9f2df; text-decoration: underline; }
.diff del { background: #fbe0e0; text-decoration: line-through; }
.diff ins::before { content: "+ "; } .diff del::before { content: "− "; }
p, li, dd, h1, h2, h3 { overflow-wrap: anywhere; }
.notice { border-left: 4px solid var(--good); background: var(--tint); padding: 0.5rem 1rem; }
.problem { border-left: 4px solid var(--bad); background: #fff4f4; padding: 0.5rem 1rem; }
section.action { border: 1px solid var(--line); border-radius: 4px; padding: 0 1rem 1rem; margin: 1rem 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dl.facts dt { font-weight: 600; }
@media (max-width: 30rem) { dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin: 0 0 0.5rem; } }
@media (prefers-reduced-motion: reduce) { * { animation: none !important; transition: none !important; } }
`;

export interface PageProps {
  title: string;
  caller?: ApiCaller;
  formToken?: string;
  /** What the last action did: announced politely. */
  notice?: string;
  /** Why it was refused: announced at once. */
  problem?: string;
  /** A same-site address the page moves on to at once (after a sign-in that came back from elsewhere). */
  moveOnTo?: string;
  children?: Child;
}

export function Page(props: PageProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Herald`}</title>
        {props.moveOnTo && <meta http-equiv="refresh" content={`0; url=${props.moveOnTo}`} />}
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header>
          <a class="brand" href="/console">
            Herald console
          </a>
          {props.caller && (
            <nav aria-label="Console">
              <ul>
                <li>
                  <a href="/console">Procedures</a>
                </li>
                <li>
                  <a href="/console/templates">Message templates</a>
                </li>
              </ul>
            </nav>
          )}
          {props.caller && (
            <form method="post" action="/console/sign-out">
              <span>
                Signed in as <strong>{props.caller.id}</strong> ({props.caller.role}){' '}
              </span>
              <input type="hidden" name="formToken" value={props.formToken ?? ''} />
              <button class="secondary" type="submit">
                Sign out
              </button>
            </form>
          )}
        </header>
        <main id="main">
          <div id="page-status" role="status" aria-live="polite">
            {props.notice && <p class="notice">{props.notice}</p>}
          </div>
          <div role="alert">{props.problem && <p class="problem">{props.problem}</p>}</div>
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** A table that may scroll sideways on a narrow screen: focusable, so the keyboard can scroll it too. */
export function ScrollRegion(props: { label: string; children?: Child }) {
  return (
    <div class="scroll" tabindex={0} role="region" aria-label={props.label}>
      {props.children}
    </div>
  );
}

/** A table's column headings, in order. */
export function ColumnHeads(props: { names: readonly string[] }) {
  return (
    <thead>
      <tr>
        {props.names.map((name) => (
          <th scope="col">{name}</th>
        ))}
      </tr>
    </thead>
  );
}
