/**
 * The README and the pages in docs/ point at things that exist: every relative link and image at a
 * file, every `#anchor` into a Markdown page at one of its headings (GitHub's slugs), and every
 * `npm run` script, `herald` command and repository path they name in code. Fast: no servers.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { Command } from 'commander';
import type { CliContext } from '../../client/cli/context.ts';
import { heraldProgram } from '../../client/cli/program.ts';
import { githubSlug, headingAnchors } from '../../scripts/reference-docs/markdown.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** README.md and every Markdown file under docs/, relative to the repository. */
function pages(): string[] {
  const found = ['README.md'];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) found.push(path);
    }
  };
  walk('docs');
  return found;
}

interface Parts {
  /** The page without fenced blocks and code spans: where links are links. */
  prose: string;
  /** Text inside fenced blocks and code spans: where commands and paths are named (not ```text blocks: trees, prose). */
  code: string[];
}

function split(markdown: string): Parts {
  const code: string[] = [];
  const prose: string[] = [];
  let fence: string | undefined;
  let plainText = false;
  let block: string[] = [];
  for (const line of markdown.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined && marker !== undefined) {
      fence = marker;
      plainText = line.trim().slice(marker.length).trim() === 'text';
      block = [];
      prose.push('');
    } else if (fence !== undefined) {
      if (marker !== undefined && marker.startsWith(fence) && line.trim() === marker) {
        fence = undefined;
        if (!plainText) code.push(block.join('\n'));
      } else block.push(line);
      prose.push('');
    } else prose.push(line);
  }
  // Code spans may wrap lines; a span never crosses a blank line.
  const text = prose
    .join('\n')
    .replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (_all, _ticks: string, inner: string) => {
      code.push(inner);
      return ' ';
    });
  return { prose: text, code };
}

/** Link and image destinations in prose: inline, reference definitions, and HTML src/href. */
function destinations(prose: string): string[] {
  const found: string[] = [];
  for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) if (m[1]) found.push(m[1]);
  for (const m of prose.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) if (m[1]) found.push(m[1]);
  for (const m of prose.matchAll(/<(?:img|a)\s[^>]*(?:src|href)="([^"]+)"/g)) if (m[1]) found.push(m[1]);
  return found;
}

const external = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

const anchorsOf = new Map<string, Set<string>>();
function anchors(path: string): Set<string> {
  let set = anchorsOf.get(path);
  if (set === undefined) {
    set = headingAnchors(readFileSync(join(ROOT, path), 'utf8'));
    anchorsOf.set(path, set);
  }
  return set;
}

/** Why `target` (as written in `page`) points nowhere, or undefined when it points somewhere. */
function brokenLink(page: string, target: string): string | undefined {
  if (external(target)) return undefined;
  const hash = target.indexOf('#');
  const pathPart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
  const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
  const absolute = pathPart === '' ? join(ROOT, page) : resolve(ROOT, dirname(page), pathPart);
  const inRepo = relative(ROOT, absolute);
  if (inRepo.startsWith('..')) return `${target}: outside the repository`;
  if (!existsSync(absolute)) return `${target}: no such file (${inRepo})`;
  if (anchor === undefined || !inRepo.endsWith('.md') || statSync(absolute).isDirectory()) return undefined;
  return anchors(inRepo).has(anchor) ? undefined : `${target}: no heading with the anchor #${anchor} in ${inRepo}`;
}

/** Every `herald` command path (`incident`, `incident status`, …). */
function heraldCommands(): Map<string, Command> {
  const trap = new Proxy({} as CliContext, {
    get: (_target, key) => {
      throw new Error(`the CLI touched its context (${String(key)}) while only being defined`);
    },
  });
  const commands = new Map<string, Command>();
  const add = (command: Command, prefix: string) => {
    const name = prefix === '' ? command.name() : `${prefix} ${command.name()}`;
    commands.set(name, command);
    for (const sub of command.commands) add(sub, name);
  };
  for (const command of heraldProgram(trap).commands) add(command, '');
  return commands;
}

/** Directories and files at the top of the repository that docs name paths under. */
const TOP = [
  'workflows',
  'activities',
  'workers',
  'client',
  'sandbox',
  'scripts',
  'test',
  'bench',
  'config',
  'docs',
  'bin',
];
/** Written by runs, git-ignored: named as outputs, not expected in a checkout. */
const OUTPUTS = ['bench/results/'];

describe('links and names in README.md and docs/', () => {
  const all = pages().map((path) => ({ path, ...split(readFileSync(join(ROOT, path), 'utf8')) }));

  it('finds the pages and their links', () => {
    assert.ok(all.length >= 15, `${all.length} pages`);
    const links = all.flatMap(({ prose }) => destinations(prose)).filter((t) => !external(t));
    assert.ok(links.length >= 50, `${links.length} relative links`);
    assert.ok(links.some((t) => t.includes('#')));
    assert.ok(all.some((p) => p.path === 'docs/reference/configuration.md'));
  });

  it('points every relative link and image at an existing file, and every #anchor at a heading', () => {
    const broken = all.flatMap(({ path, prose }) =>
      destinations(prose).flatMap((target) => {
        const why = brokenLink(path, target);
        return why === undefined ? [] : [`${path}: ${why}`];
      }),
    );
    assert.deepEqual(broken, []);
  });

  it('reads links the way GitHub does', () => {
    assert.equal(
      githubSlug('Who may do what: verified identities and tamper evidence'),
      'who-may-do-what-verified-identities-and-tamper-evidence',
    );
    assert.equal(githubSlug("The codec server's token"), 'the-codec-servers-token');
    assert.equal(githubSlug('Demo and `herald dev`'), 'demo-and-herald-dev');
    assert.equal(githubSlug('## `POST /v1/data-leaks/{id}`'.slice(3)), 'post-v1data-leaksid');
    assert.equal(githubSlug('Single sign-on (OIDC)'), 'single-sign-on-oidc');
    assert.equal(githubSlug('[Linked](x.md) snake_case × 2'), 'linked-snake_case--2');
    assert.deepEqual(
      [...headingAnchors('# A\n\n## A\n\n```\n# not a heading\n```\n\n## A\n<a id="here"></a>\n')],
      ['a', 'a-1', 'a-2', 'here'],
    );
    const { prose, code } = split('See [x](a.md#b) and `[y](not-a-link.md)`.\n\n```sh\n[z](nor-this.md)\n```\n');
    assert.deepEqual(destinations(prose), ['a.md#b']);
    assert.deepEqual(code, ['[z](nor-this.md)', '[y](not-a-link.md)']);
    assert.deepEqual(split('```text\nherald nothing\n```\n').code, []);
    assert.match(brokenLink('docs/api.md', 'nowhere.md') ?? '', /no such file/);
    assert.match(brokenLink('docs/api.md', 'cli.md#no-such-heading') ?? '', /no heading/);
    assert.equal(brokenLink('docs/api.md', 'cli.md#running-things'), undefined);
    assert.equal(brokenLink('README.md', 'https://temporal.io'), undefined);
  });

  it('names only npm scripts that package.json defines', () => {
    const scripts = Object.keys(
      (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
    );
    const unknown = all.flatMap(({ path, code }) =>
      code.flatMap((text) =>
        [...text.matchAll(/\bnpm run ([a-z][\w:-]*)/g)]
          .map((m) => m[1] ?? '')
          .filter((name) => !scripts.includes(name))
          .map((name) => `${path}: npm run ${name}`),
      ),
    );
    assert.deepEqual(unknown, []);
  });

  it('names only herald commands that exist', () => {
    const commands = heraldCommands();
    const unknown = all.flatMap(({ path, code }) =>
      code.flatMap((text) =>
        [...text.matchAll(/(?<![\w./-])(?:bin\/)?herald[ \t]+([a-z][a-z-]*)(?:[ \t]+([a-z][a-z-]*))?/g)].flatMap(
          (m) => {
            const [first, second] = [m[1] ?? '', m[2]];
            const command = commands.get(first);
            if (command === undefined) return [`${path}: herald ${first}`];
            if (second === undefined || command.commands.length === 0) return [];
            return commands.has(`${first} ${second}`) ? [] : [`${path}: herald ${first} ${second}`];
          },
        ),
      ),
    );
    assert.deepEqual(unknown, []);
  });

  it('names only repository paths that exist', () => {
    const pattern = new RegExp(`(?<![\\w./-])((?:${TOP.join('|')})/[\\w./-]*)`, 'g');
    const missing = all.flatMap(({ path, code }) =>
      code.flatMap((text) =>
        [...text.matchAll(pattern)]
          .map((m) => (m[1] ?? '').replace(/[.,:;]+$/, ''))
          .filter((name) => !OUTPUTS.some((o) => name.startsWith(o)) && !existsSync(join(ROOT, name)))
          .map((name) => `${path}: ${name}`),
      ),
    );
    assert.deepEqual([...new Set(missing)], []);
  });
});
