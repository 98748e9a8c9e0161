/**
 * Progressive enhancement shared by the console's pages: due times in the viewer's zone beside UTC,
 * and live updates of a page's `#live-status` part every few seconds where JavaScript runs (paused by
 * a button, while the tab is hidden, and once a form is being filled in), announced politely when
 * something other than a countdown changed. Without JavaScript the page is complete as served.
 */
import type { Child } from 'hono/jsx';
import { countdown } from './procedure-list.ts';

export const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** A due time: UTC as served, its countdown, and the viewer's local time filled in by the script. */
export function When(props: { iso: string; now: Date }) {
  return (
    <time datetime={props.iso}>
      {utc(props.iso)}
      <span class="hint countdown">{` (${countdown(new Date(props.iso), props.now)})`}</span>
      <span class="local" />
    </time>
  );
}

/** The part of a page that refreshes itself, with the pause button and the announcement. */
export function LiveStatus(props: { everyMs: number; children?: Child }) {
  return (
    <>
      <p class="live-controls" hidden>
        <button type="button" class="secondary" id="live-toggle" aria-pressed="false">
          Pause live updates
        </button>{' '}
        <span id="live-said" role="status" aria-live="polite" />
      </p>
      <div id="live-status" data-every={String(props.everyMs)}>
        {props.children}
      </div>
    </>
  );
}

/** The script, last on the page so that every time on it is there when it runs. */
export function LiveScript() {
  // A constant script: nothing from a request is in it.
  return <script dangerouslySetInnerHTML={{ __html: LIVE_SCRIPT }} />;
}

const LIVE_SCRIPT = `(() => {
  const localTimes = () => {
    for (const t of document.querySelectorAll('time[datetime] .local')) {
      const at = new Date(t.parentElement.getAttribute('datetime'));
      t.textContent = ' — your time: ' + at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    }
  };
  localTimes();
  const live = document.getElementById('live-status');
  const toggle = document.getElementById('live-toggle');
  const said = document.getElementById('live-said');
  if (!live || !toggle || !window.fetch || !window.DOMParser) return;
  toggle.parentElement.hidden = false;
  let paused = false;
  let editing = false;
  document.addEventListener('input', () => { editing = true; });
  toggle.addEventListener('click', () => {
    paused = !paused;
    toggle.setAttribute('aria-pressed', String(paused));
    toggle.textContent = paused ? 'Resume live updates' : 'Pause live updates';
  });
  // What changed, leaving out the countdowns and the local times (they change by themselves).
  const facts = (el) => {
    const copy = el.cloneNode(true);
    for (const e of copy.querySelectorAll('.countdown, .local')) e.remove();
    return copy.textContent;
  };
  setInterval(async () => {
    if (paused || editing || document.hidden) return;
    try {
      const res = await fetch(location.pathname + location.search, { credentials: 'same-origin' });
      if (!res.ok) return;
      const next = new DOMParser().parseFromString(await res.text(), 'text/html').getElementById('live-status');
      if (!next) return;
      const changed = facts(next) !== facts(live);
      live.innerHTML = next.innerHTML;
      localTimes();
      if (changed) said.textContent = 'Updated at ' + new Date().toLocaleTimeString();
    } catch {}
  }, Number(live.dataset.every) || 20000);
})();`;
