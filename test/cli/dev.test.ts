/**
 * `herald dev` as a developer runs it: the whole stack comes up (dev server, sandbox, codec server,
 * worker, schedules, HTTP API with fresh tokens) and says how to reach each part; its API shares
 * the workers' store, so `/v1/templates` and the console's template list show the shipped
 * templates; SIGTERM (what Ctrl+C's forwarding sends) shuts it all down cleanly.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { SEED_TEMPLATES } from '../../activities/templates/seed/seed-templates.ts';
import type { TemplateVersion } from '../../activities/templates/template-lifecycle.ts';
import { spawnManaged } from '../support/child-process.ts';
import { consoleSessionCookie } from '../support/console-session.ts';
import { cachedWorkflowBundle } from '../support/workflow-bundle-cache.ts';

const heraldBin = fileURLToPath(new URL('../../bin/herald', import.meta.url));

test('herald dev brings the stack up with the API and tokens, serves the templates, then stops cleanly', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'herald-dev-'));
  const dev = spawnManaged(heraldBin, ['dev'], {
    env: {
      ...(process.env as Record<string, string>),
      HERALD_DEMO_EXIT: '0',
      HERALD_WORKFLOW_BUNDLE: (await cachedWorkflowBundle({ asImage: true })).codePath,
      HERALD_DEMO_TEMPORAL_PORT: '17533',
      HERALD_DEMO_UI_PORT: '18633',
      HERALD_DEMO_API_PORT: '0',
      HERALD_DEMO_STUDENTS: '50',
      HERALD_DATA_DIR: dataDir,
    },
  });
  try {
    await dev.waitFor(/press Ctrl\+C to stop/, 180_000);
    const output = dev.output();
    const url = /HTTP API on (http:\/\/127\.0\.0\.1:\d+) \(OpenAPI at /.exec(output)?.[1];
    assert.ok(url, output);
    const tokens: Record<string, string> = {};
    for (const role of ['responder', 'legal', 'compliance', 'integration']) {
      const token = new RegExp(`${role}\\s+Bearer (dev-${role}-[0-9a-f]{24})`).exec(output)?.[1];
      assert.ok(token, `a ${role} token in:\n${output}`);
      tokens[role] = token;
    }
    assert.match(output, /schedule herald-credential-watch (created|updated)/);
    assert.match(output, /herald command: TEMPORAL_ADDRESS=127\.0\.0\.1:17533 HERALD_PAYLOAD_KEYS=demo=/);
    assert.match(output, /stack up: Temporal UI http:\/\/127\.0\.0\.1:18633/);
    assert.match(output, new RegExp(`message templates: ${url}/console/templates`));

    // The workers' store seeded the shipped templates; the API reads the same store.
    const shipped = Object.values(SEED_TEMPLATES).reduce((n, locales) => n + Object.keys(locales).length, 0);
    const res = await fetch(`${url}/v1/templates`, { headers: { authorization: `Bearer ${tokens.responder}` } });
    assert.equal(res.status, 200, await res.clone().text());
    const { templates } = (await res.json()) as { templates: TemplateVersion[] };
    assert.equal(templates.length, shipped);
    assert.ok(templates.every((v) => v.version === 1 && v.state === 'approved'));
    assert.equal((await fetch(`${url}/v1/templates`)).status, 401, 'not without a token');

    const cookie = await consoleSessionCookie(url, tokens.legal!);
    const page = await fetch(`${url}/console/templates`, { headers: { cookie } });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.doesNotMatch(html, /Templates need the shared store/);
    assert.match(html, new RegExp(`<caption>${shipped} templates and languages</caption>`));
    assert.match(html, /href="\/console\/templates\/deadline-missed\/de"/);

    assert.doesNotMatch(dev.output(), /procedure finished/, 'no scenario runs');
    assert.equal(await dev.stop(60_000), 0, dev.output());
  } finally {
    await dev.kill();
    await rm(dataDir, { recursive: true, force: true });
  }
});
