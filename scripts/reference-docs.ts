/**
 * `npm run docs`: writes the reference pages in docs/reference/ from the code itself — the zod
 * configuration schemas and their comments, the commander command tree, the API's OpenAPI
 * document — and the README's list of configuration variables (between its markers), so they
 * cannot drift; test/docs/reference-docs.test.ts fails when a committed page is out of date.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiPage } from './reference-docs/api-page.ts';
import { cliPage } from './reference-docs/cli-page.ts';
import { configurationPage } from './reference-docs/configuration-page.ts';
import { formatMarkdown } from './reference-docs/markdown.ts';
import { readmeConfigurationList, replaceReadmeConfiguration } from './reference-docs/readme-configuration.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface RenderOptions {
  /** Told each configuration variable that has no meaning to show. */
  warn?: (text: string) => void;
}

/**
 * Each page's markdown by its path relative to the repository, formatted as prettier wants; for
 * README.md, the committed README with its generated configuration list brought up to date.
 */
export async function renderReferenceDocs(options: RenderOptions = {}): Promise<Record<string, string>> {
  const warn = options.warn ?? ((text: string) => console.warn(text));
  const configuration = await configurationPage();
  if (configuration.undocumented.length > 0) {
    warn(
      `variables without a JSDoc comment in workers/config.ts or a zod description (empty Meaning):\n  ${configuration.undocumented.join('\n  ')}`,
    );
  }
  const pages: Record<string, string> = {
    'docs/reference/configuration.md': configuration.markdown,
    'docs/reference/cli.md': cliPage(),
    'docs/reference/api.md': await apiPage(),
    'README.md': replaceReadmeConfiguration(await readFile(join(ROOT, 'README.md'), 'utf8'), readmeConfigurationList()),
  };
  const formatted: Record<string, string> = {};
  for (const [path, markdown] of Object.entries(pages))
    formatted[path] = await formatMarkdown(markdown, join(ROOT, path));
  return formatted;
}

// Run as a script (not when the test imports it).
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [path, markdown] of Object.entries(await renderReferenceDocs())) {
    await mkdir(dirname(join(ROOT, path)), { recursive: true });
    await writeFile(join(ROOT, path), markdown);
    console.log(`wrote ${path}`);
  }
}
