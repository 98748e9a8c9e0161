/**
 * The operations console (issue 14) in a real browser: Debian's Chromium through playwright-core
 * against the API process's /console over a dev server and worker. Sign-in per role, acknowledge
 * and approve with the keyboard only, a refused action's reason on the field, escaping of what
 * procedures hold, the form token, and axe-core's WCAG 2.2 AA rules on every page reached — at
 * desktop width and at 320 CSS px.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { buildApi } from '../../client/api/app.ts';
import { loadAlertRoutes } from '../../client/api/load-api-files.ts';
import { sha256Hex, TokenRegistry } from '../../client/api/tokens.ts';
import { ConsoleSessions } from '../../client/console/sessions.ts';
import { SsoSignIns } from '../../client/console/sso-sign-in.ts';
import { OidcVerifier } from '../../client/auth/oidc-verifier.ts';
import { IDP_AUDIENCE, IDP_ISSUER, startOidcProvider } from '../support/oidc-provider.ts';
import type { OidcProvider } from '../support/oidc-provider.ts';
import { getStatus, startDataLeak, dataLeakHandle } from '../../client/data-leak-client.ts';
import { axeViolations, launchBrowser } from '../support/browser.ts';
import { useDevServerWorker } from '../support/dev-server-worker.ts';
import { testTriggers } from '../support/triggers.ts';
import { incident } from '../support/workflow-harness.ts';
import { lockout } from '../support/lockout-fixture.ts';
import { actOnLockout, getLockoutStatus, lockoutHandle, startLockout } from '../../client/lockout-client.ts';

const taskQueue = 'herald-console';
const stack = useDevServerWorker({ port: 24160, taskQueue });
const TOKENS = { responder: 'console-token-olga-0123456789', legal: 'console-token-lee-0123456789' };
const ID = 'CONSOLE-1';

let base = '';
let close: () => Promise<void> = async () => {};
let browser: Browser;

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(`${base}/console`);
  assert.match(page.url(), /\/console\/sign-in$/, 'signed out: sent to sign in');
  await tabTo(page, '#token'); // keyboard only
  await page.keyboard.insertText(token); // pasted, as a password manager would
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/console`);
}

/** Tabs until the focused element matches `selector`; fails after 60 presses. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
  }
  assert.fail(`no focusable ${selector} by keyboard`);
}

/** With HERALD_CONSOLE_SCREENSHOTS=<dir>, saves the page there (the README's pictures come from it). */
async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.HERALD_CONSOLE_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}

async function assertAccessible(page: Page, where: string): Promise<void> {
  assert.equal(await axeViolations(page), '', `axe on ${where}`);
  // 2.5.8: every control at least 24 × 24 CSS px.
  const small = await page.evaluate(`[...document.querySelectorAll('button, input, select, textarea')]
    .filter((e) => e.type !== 'hidden')
    .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.width < 24 || r.height < 24); })
    .map((e) => e.outerHTML.slice(0, 80))`);
  assert.deepEqual(small, [], `targets under 24 px on ${where}`);
}

async function waitForPhrase(page: Page, url: string, phrase: RegExp, seconds = 30): Promise<void> {
  for (let i = 0; i < seconds * 2; i++) {
    await page.goto(url);
    if (phrase.test(await page.innerText('main'))) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.fail(`${url} never showed ${phrase}`);
}

/** The API with its console over the test stack, on a free port; `extra` adds OIDC and single sign-on. */
async function serveConsole(
  extra: { oidc?: OidcVerifier; sso?: SsoSignIns } = {},
): Promise<{ base: string; close: () => Promise<void> }> {
  const routes = await loadAlertRoutes('config/alert-routes.example.json');
  const app = buildApi({
    client: stack().env.client,
    taskQueue,
    tokens: new TokenRegistry([
      { id: 'olga', role: 'responder', sha256: sha256Hex(TOKENS.responder) },
      { id: 'lee', role: 'legal', sha256: sha256Hex(TOKENS.legal) },
    ]),
    ...(extra.oidc ? { oidc: extra.oidc } : {}),
    alertRoutes: routes,
    triggers: testTriggers({ client: stack().env.client, taskQueue, store: stack().store, routes }),
    rateLimitPerMinute: 10_000,
    maxBodyBytes: 64 * 1024,
    console: {
      sessions: new ConsoleSessions(),
      temporalUiUrl: 'http://127.0.0.1:8233',
      store: stack().store,
      liveEveryMs: 1_000,
      ...(extra.sso ? { sso: extra.sso } : {}),
    },
  });
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('operations console', () => {
  before(async () => {
    ({ base, close } = await serveConsole());
    const leak = incident(ID, new Date().toISOString());
    await startDataLeak(
      stack().env.client,
      { incident: { ...leak, description: `${leak.description} <img src=x onerror="alert(1)"> & more` } },
      taskQueue,
    );
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await close();
  });

  it('refuses a wrong token with its reason, and signs nobody in', async () => {
    const res = await fetch(`${base}/console/sign-in`, {
      method: 'POST',
      body: new URLSearchParams({ token: 'not-a-token' }),
      redirect: 'manual',
    });
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('set-cookie'), null);
    assert.match(await res.text(), /That token was not accepted/);
  });

  it('responder: keyboard-only acknowledge, the status announced; no approve form; axe clean at desktop and 320 px', async () => {
    const page = await browser.newPage();
    await signIn(page, TOKENS.responder);
    await waitForPhrase(page, `${base}/console`, new RegExp(ID));
    await assertAccessible(page, 'the procedure list');
    await screenshot(page, 'console-procedures');

    await page.goto(`${base}/console/data-leaks/${ID}`);
    assert.equal(await page.locator('form[action$="/actions/approve"]').count(), 0, 'legal alone approves');
    await assertAccessible(page, 'the incident page');
    await tabTo(page, '#acknowledge-note');
    await page.keyboard.insertText('on it from the console');
    await tabTo(page, 'form[action$="/actions/acknowledge"] button');
    const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineWidth');
    assert.notEqual(outline, '0px', 'the focused button shows its focus (2.4.7)');
    const inView = await page.evaluate(
      '(() => { const r = document.activeElement.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()',
    );
    assert.equal(inView, true, 'the focused control is in view, nothing covers it (2.4.11)');
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=acknowledge/);
    assert.match(await page.locator('#page-status').innerText(), /acknowledge: accepted/);
    assert.match(await page.innerText('main'), /by olga at/);
    assert.equal((await getStatus(dataLeakHandle(stack().env.client, ID))).acknowledgement?.by.id, 'olga');
    assert.match(await page.innerText('main'), /The chain verifies: \d+ entries/);
    const audited = page.locator('tbody tr', { hasText: 'olga' }).filter({ hasText: 'acknowledge' });
    assert.ok((await audited.count()) >= 1, 'the acknowledgement is in the audit trail shown');

    // Reduced motion: the console moves nothing (no animation or transition runs), and the page has
    // the same parts with motion reduced, so nothing is lost.
    const parts = `[...document.querySelectorAll('main h1, main h2, main h3, main form')].map((e) => e.tagName + ' ' + (e.id || e.textContent.trim().slice(0, 40)))`;
    const withMotion = await page.evaluate(parts);
    assert.equal(await page.evaluate('document.getAnimations().length'), 0, 'no motion');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.reload();
    assert.deepEqual(await page.evaluate(parts), withMotion, 'nothing lost with reduced motion');

    await page.setViewportSize({ width: 320, height: 800 });
    await page.reload();
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    assert.ok(overflow <= 0, `no horizontal scroll at 320 px (${overflow} px over)`);
    await assertAccessible(page, 'the incident page at 320 px');
    // Text at 200 % (1.4.4) on a 640 px window: still no sideways scrolling.
    await page.setViewportSize({ width: 640, height: 800 });
    await page.evaluate("document.documentElement.style.fontSize = '200%'");
    const over = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    assert.ok(over <= 0, `no horizontal scroll with 200 % text (${over} px over)`);
    await page.evaluate("document.documentElement.style.fontSize = ''");
    await page.setViewportSize({ width: 320, height: 800 });
    await screenshot(page, 'console-procedure-phone');
    await page.close();
  });

  it('legal: the notice text escaped, a refused reject names its field, keyboard-only approve sends the notice', async () => {
    const page = await browser.newPage();
    await signIn(page, TOKENS.legal);
    const url = `${base}/console/data-leaks/${ID}`;
    await waitForPhrase(page, url, /SHA-256/);
    const html = await page.content();
    assert.ok(!html.includes('<img src=x'), 'the description is text, not markup');
    assert.match(await page.locator('pre').innerText(), /<img src=x onerror="alert\(1\)"> & more/);
    await page.locator('h2', { hasText: 'Authority notice' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'console-legal-review');

    await page.fill('#reject-reason', 'no');
    await page.click('form[action$="/actions/reject"] button');
    assert.match(await page.locator('[role=alert]').innerText(), /reject refused: reason: a reason of at least 3/);
    assert.equal(await page.getAttribute('#reject-reason', 'aria-invalid'), 'true');
    await assertAccessible(page, 'the refused reject');

    // A real rejection with legal's corrected text: v2 follows, shown with what changed.
    const corrected = `${await page.locator('pre').innerText()}\nCorrected by legal: the export ran for 36 hours.`;
    await page.fill('#reject-reason', 'the exposure window is wrong');
    await page.fill('#reject-replacementText', corrected);
    await page.click('form[action$="/actions/reject"] button');
    await page.waitForURL(/done=reject/);
    await waitForPhrase(page, url, /Changes from v1 to v2/);
    assert.match(await page.locator('.diff ins').first().innerText(), /Corrected by legal/);
    await assertAccessible(page, 'the v2 review with its diff');

    await page.goto(url);
    await tabTo(page, 'form[action$="/actions/approve"] button');
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=approve/);
    const handle = dataLeakHandle(stack().env.client, ID);
    const notice = async () => (await getStatus(handle)).milestones.find((m) => m.id === 'authority-notice');
    for (let i = 0; i < 60 && (await notice())?.state !== 'met'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await page.goto(url);
    const row = page
      .locator('tbody tr', { hasText: (await notice())?.title ?? '?' })
      .filter({ hasText: '(milestone)' });
    assert.equal(await row.locator('td.state-met').innerText(), 'met', 'the approved notice went out');

    await waitForPhrase(page, url, /compliance-report v\d+ \(Markdown/);
    const link = await page.locator('a', { hasText: /compliance-report v/ }).getAttribute('href');
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const report = await fetch(`${base}${link ?? ''}`, { headers: { cookie } });
    assert.equal(report.status, 200);
    assert.match(
      report.headers.get('content-disposition') ?? '',
      /attachment; filename="CONSOLE-1-compliance-report-v\d+\.md"/,
    );
    assert.match(await report.text(), /CONSOLE-1/);
    await page.close();
  });

  it('the list shows a new procedure by itself; a lockout’s page: its clocks, the scope change form (nested fields), axe clean', async () => {
    const page = await browser.newPage();
    await signIn(page, TOKENS.responder);
    await page.waitForSelector('#live-toggle', { state: 'visible' });
    await startLockout(stack().env.client, { incident: lockout('LO-CONSOLE', new Date().toISOString()) }, taskQueue);
    // The list was open before the lockout started: it refreshes itself and announces it.
    await page.waitForFunction('document.getElementById("live-status").innerText.includes("LO-CONSOLE")', null, {
      timeout: 30_000,
    });
    assert.match(await page.innerText('#live-said'), /Updated at/);

    await waitForPhrase(page, `${base}/console/lockouts/LO-CONSOLE`, /Compliance lockout LO-CONSOLE/);
    assert.equal(await page.locator('form[action$="/actions/resolve"]').count(), 1);
    await assertAccessible(page, 'the lockout page');

    // The scope change: a reason alone names nothing that changed; the cross-field rule says so.
    const scopeForm = 'form[action$="/actions/scopeChange"]';
    await page.fill('#scopeChange-reason', 'the EU storefront is down too');
    await page.click(`${scopeForm} button`);
    assert.match(
      await page.locator('[role=alert]').innerText(),
      /scopeChange refused: .*name at least one of surfaces/,
    );
    assert.equal(await page.inputValue('#scopeChange-reason'), 'the EU storefront is down too', 'kept for the retry');
    await assertAccessible(page, 'the refused scope change');
    // Several regions (checkboxes) and a regulatory fact (a nested field), by keyboard.
    await page.locator(`${scopeForm} input[name=regions][value=EU]`).check();
    await page.locator(`${scopeForm} input[name=regions][value=UK]`).check();
    await page.selectOption('#scopeChange-regulatory-nis2Entity', 'important');
    await page.click(`${scopeForm} button`);
    await page.waitForURL(/done=scopeChange/);
    const lockoutStatus = () => getLockoutStatus(lockoutHandle(stack().env.client, 'LO-CONSOLE'));
    assert.deepEqual([...(await lockoutStatus()).scope.regions].sort(), ['EU', 'UK']);
    assert.equal((await lockoutStatus()).regulatory?.nis2Entity, 'important');

    // Acknowledged elsewhere (the CLI, another operator): the open page shows it by itself.
    await actOnLockout(lockoutHandle(stack().env.client, 'LO-CONSOLE'), 'acknowledge', {
      actor: { id: 'rita', role: 'responder' },
    });
    await page.waitForFunction('document.getElementById("live-status").innerText.includes("by rita")', null, {
      timeout: 15_000,
    });
    assert.match(await page.innerText('#live-said'), /Updated at/);
    await page.click('#live-toggle');
    assert.equal(await page.getAttribute('#live-toggle', 'aria-pressed'), 'true');
    await page.close();
  });

  it('a form without the session’s form token changes nothing', async () => {
    const page = await browser.newPage();
    await signIn(page, TOKENS.responder);
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await fetch(`${base}/console/data-leaks/${ID}/actions/override`, {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams({ kind: 'pause', reason: 'cross-site attempt' }),
      redirect: 'manual',
    });
    assert.equal(res.status, 403);
    assert.notEqual((await getStatus(dataLeakHandle(stack().env.client, ID))).phase, 'paused');
    await page.close();
  });
});

describe('console single sign-on (authorization code with PKCE)', () => {
  let idp: OidcProvider;
  let sso = { base: '', close: async () => {} };
  let browser: Browser;

  before(async () => {
    idp = await startOidcProvider(24166, '/tmp/herald-console-sso');
    const oidc = await OidcVerifier.create({
      issuer: IDP_ISSUER,
      audience: IDP_AUDIENCE,
      jwks: { url: idp.jwksUrl },
      roleClaim: 'groups',
      roles: [{ value: 'herald-legal', role: 'legal' }],
      actorClaim: 'sub',
    });
    const signIns = new SsoSignIns({
      authorizationUrl: idp.authorizationUrl,
      tokenUrl: idp.tokenUrl,
      clientId: 'herald-console',
      scope: 'openid',
    });
    sso = await serveConsole({ oidc, sso: signIns });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await sso.close();
    await idp?.close();
  });

  const sessionCookies = async (page: Page) =>
    (await page.context().cookies()).filter((c) => c.name === 'herald_console');

  it('signs legal in through the identity provider, by keyboard; axe clean on the sign-in page', async () => {
    idp.signInAs({ sub: 'lee.sso', groups: ['staff', 'herald-legal'] });
    const page = await browser.newPage();
    await page.goto(`${sso.base}/console`);
    await assertAccessible(page, 'the sign-in page with single sign-on');
    await tabTo(page, 'a[href="/console/sign-in/sso"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${sso.base}/console`);
    assert.match(await page.innerText('header'), /Signed in as lee\.sso \(legal\)/);
    assert.equal((await sessionCookies(page)).length, 1);
    assert.deepEqual(idp.tokenRefusals(), []);
    await page.close();
  });

  it('a refused, unmapped or forged sign-in signs nobody in, and says why', async () => {
    const page = await browser.newPage();
    idp.signInAs('refuse');
    await page.goto(`${sso.base}/console/sign-in/sso`);
    assert.match(await page.innerText('[role=alert]'), /did not sign you in: access_denied/);
    await assertAccessible(page, 'the refused single sign-on');

    idp.signInAs({ sub: 'sam.staff', groups: ['staff'] });
    await page.goto(`${sso.base}/console/sign-in/sso`);
    assert.match(await page.innerText('[role=alert]'), /Herald did not accept its token/);
    assert.deepEqual(await sessionCookies(page), []);

    // A callback this browser did not start (a code sent by someone else): refused before any exchange.
    idp.signInAs({ sub: 'mallory', groups: ['herald-legal'] });
    const started = await fetch(`${sso.base}/console/sign-in/sso`, { redirect: 'manual' });
    const atProvider = await fetch(started.headers.get('location') ?? '', { redirect: 'manual' });
    const res = await fetch(atProvider.headers.get('location') ?? '', { redirect: 'manual' });
    assert.equal(res.status, 401);
    assert.match(await res.text(), /not started in this browser/);
    assert.equal(res.headers.get('set-cookie')?.includes('herald_console='), false);
    await page.close();
  });
});
