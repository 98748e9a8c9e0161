/**
 * The console's template pages in a real browser (Debian's Chromium via playwright-core) over the
 * API with a real store (PGlite) and the real accessibility review: the list shows every shipped
 * template and locale; a responder proposes a change (an invalid one is refused, naming the
 * problem), it shows as a draft, is submitted, the author's own approval is refused with the
 * reason shown, legal approves and the list shows the new approved version. axe-core finds nothing
 * on the list and on a template's page (also at 320 px, with no sideways scrolling); a post
 * without the form token changes nothing; without the shared store the page says templates need it.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { Client } from '@temporalio/client';
import type { Browser, Page } from 'playwright-core';
import { buildApi } from '../../client/api/app.ts';
import type { ApiOptions } from '../../client/api/app.ts';
import { sha256Hex, TokenRegistry } from '../../client/api/tokens.ts';
import { ConsoleSessions } from '../../client/console/sessions.ts';
import { ChromiumTemplateReviewer } from '../../client/templates/template-reviewer.ts';
import { openStore } from '../../activities/store/open-store.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { SEED_TEMPLATES } from '../../activities/templates/seed/seed-templates.ts';
import { axeViolations, CHROMIUM, launchBrowser } from '../support/browser.ts';
import { consoleSessionCookie } from '../support/console-session.ts';
import { testTriggers } from '../support/triggers.ts';

const PEOPLE = [
  { id: 'olga', role: 'responder' },
  { id: 'lee', role: 'legal' },
] as const;
const tokenOf = (id: string) => `console-template-token-${id}-0123456789`;
const VARIANT = '/console/templates/deadline-missed/en';

/** The API with its console on a free loopback port; `templates` off: no shared store. */
async function serveApi(store: HeraldStore, templates: boolean): Promise<{ base: string; close: () => Promise<void> }> {
  // The template pages never reach Temporal; a lazy client never connects.
  const client = new Client();
  const options: ApiOptions = {
    client,
    taskQueue: 'herald-console-templates',
    tokens: new TokenRegistry(PEOPLE.map((p) => ({ ...p, sha256: sha256Hex(tokenOf(p.id)) }))),
    alertRoutes: {},
    triggers: testTriggers({ client, taskQueue: 'herald-console-templates', store }),
    rateLimitPerMinute: 10_000,
    maxBodyBytes: 256 * 1024,
    console: { sessions: new ConsoleSessions(), temporalUiUrl: 'http://127.0.0.1:8233' },
    ...(templates ? { templates: { registry: store.templates, review: new ChromiumTemplateReviewer(CHROMIUM) } } : {}),
  };
  const server = serve({ fetch: buildApi(options).fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('console template pages', () => {
  let store: HeraldStore;
  let api = { base: '', close: async () => {} };
  let browser: Browser;

  before(async () => {
    store = await openStore();
    api = await serveApi(store, true);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await api.close();
    await store?.close();
  });

  const sessionCookie = (base: string, id: string) => consoleSessionCookie(base, tokenOf(id));

  /** A page signed in as `id` (the procedure list needs Temporal, which this test has none of). */
  async function signIn(id: string): Promise<Page> {
    const [name, value] = (await sessionCookie(api.base, id)).split('=') as [string, string];
    const context = await browser.newContext();
    await context.addCookies([{ name, value, url: `${api.base}/console` }]);
    const page = await context.newPage();
    await page.goto(`${api.base}/console/templates`);
    return page;
  }

  /** The list's row of deadline-missed in English (not lockout-deadline-missed). */
  const variantRow = (page: Page) =>
    page.locator('tbody tr').filter({ has: page.getByRole('link', { name: 'deadline-missed (en)', exact: true }) });
  const alertText = (page: Page) => page.locator('[role=alert]').innerText();
  const rowOf = (page: Page, version: number) =>
    page.locator('tbody tr').filter({ has: page.locator('th', { hasText: new RegExp(`^v${version}\\b`) }) });

  it('a responder proposes and submits; their own approval is refused; legal approves; the list shows it', async () => {
    const olga = await signIn('olga');
    const shipped = Object.values(SEED_TEMPLATES).reduce((n, locales) => n + Object.keys(locales).length, 0);
    assert.equal(await olga.locator('tbody tr').count(), shipped, 'every shipped template and locale');
    const listed = variantRow(olga);
    assert.equal(await listed.locator('td').nth(1).innerText(), 'v1');
    assert.equal(await axeViolations(olga), '', 'axe on the template list');

    await listed.locator('a').click();
    await olga.waitForURL(`${api.base}${VARIANT}`);
    const shippedTexts = SEED_TEMPLATES['deadline-missed'].en!;
    assert.equal(await olga.inputValue('#propose-smsTail'), shippedTexts.smsTail, 'prefilled from the approved');
    assert.equal(await olga.inputValue('#propose-text'), shippedTexts.text);
    assert.equal(await olga.locator('form[action$="/approve"]').count(), 0);

    // An invalid proposal: refused with its reason, the typed texts kept, nothing stored.
    await olga.fill('#propose-text', `${shippedTexts.text}\nSeverity: {severity}`);
    await olga.click('form[action$="/propose"] button');
    assert.match(await alertText(olga), /Refused: .*uses \{severity\}, which deadline-missed does not have/);
    assert.match(await olga.inputValue('#propose-text'), /Severity: \{severity\}$/);
    assert.equal((await store.templates.list('deadline-missed')).filter((v) => v.locale === 'en').length, 1);

    await olga.fill('#propose-text', shippedTexts.text);
    await olga.fill('#propose-smsTail', 'Act now: details by email.');
    await olga.fill('#propose-note', 'a colon reads better');
    await olga.click('form[action$="/propose"] button');
    await olga.waitForURL(/done=proposed/);
    assert.match(await olga.locator('#page-status').innerText(), /v2 proposed/);
    assert.match(await rowOf(olga, 2).innerText(), /draft\s+olga\s+a colon reads better/);
    const stored = await store.templates.get('deadline-missed', 'en', 2);
    assert.equal(stored?.texts.text, shippedTexts.text, 'the text as shown, line ends and all');
    assert.equal(stored?.author, 'olga');

    await olga.goto(`${api.base}${VARIANT}?version=2&from=1&to=2`);
    assert.match(await olga.locator('.diff del').first().innerText(), /Act now; details by email\./);
    assert.match(await olga.locator('.diff ins').first().innerText(), /Act now: details by email\./);
    assert.equal(await axeViolations(olga), '', 'axe on the template page with its diff');

    await olga.click('form[action$="/2/submit"] button');
    await olga.waitForURL(/done=submitted/);
    assert.match(await rowOf(olga, 2).innerText(), /in-review/);
    assert.equal(await olga.locator('form[action$="/approve"]').count(), 0, 'the author gets no approve form');

    // The author's own approval, posted anyway with her form token: refused, the reason on the page.
    const cookie = (await olga.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const formToken = await olga.locator('input[name=formToken]').first().inputValue();
    const own = await fetch(`${api.base}${VARIANT}/2/approve`, {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams({ formToken }),
      redirect: 'manual',
    });
    assert.equal(own.status, 409);
    assert.match(await own.text(), /role="alert"><p class="problem">Refused: .*its author cannot approve it/);
    // Without the form token: nothing happens.
    const stale = await fetch(`${api.base}${VARIANT}/2/approve`, {
      method: 'POST',
      headers: { cookie },
      redirect: 'manual',
    });
    assert.equal(stale.status, 403);
    assert.equal((await store.templates.get('deadline-missed', 'en', 2))?.state, 'in-review');
    await olga.context().close();

    const lee = await signIn('lee');
    await lee.goto(`${api.base}${VARIANT}?version=2`);
    await lee.click('form[action$="/2/approve"] button');
    await lee.waitForURL(/done=approved/);
    assert.match(await lee.locator('#page-status').innerText(), /v2 approved/);
    assert.match(await rowOf(lee, 2).innerText(), /approved\s+olga\s+a colon reads better\s+lee \(legal\)\s+passed/);
    assert.match(await rowOf(lee, 1).innerText(), /superseded/);
    assert.equal(await axeViolations(lee), '', 'axe on the approved version');
    await lee.setViewportSize({ width: 320, height: 800 });
    await lee.reload();
    const overflow = Number(await lee.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    assert.ok(overflow <= 0, `no horizontal scroll at 320 px (${overflow} px over)`);
    assert.equal(await axeViolations(lee), '', 'axe on the template page at 320 px');
    await lee.setViewportSize({ width: 1280, height: 800 });

    await lee.click('nav a:has-text("Message templates")');
    await lee.waitForURL(`${api.base}/console/templates`);
    const row = variantRow(lee);
    assert.equal(await row.locator('td').nth(1).innerText(), 'v2', 'the list shows the new approved version');
    await lee.context().close();
  });

  it('without the shared store the page says templates need it', async () => {
    const bare = await serveApi(store, false);
    try {
      const cookie = await sessionCookie(bare.base, 'lee');
      const res = await fetch(`${bare.base}/console/templates`, { headers: { cookie } });
      assert.equal(res.status, 200);
      assert.match(await res.text(), /Templates need the shared store/);
    } finally {
      await bare.close();
    }
  });
});
