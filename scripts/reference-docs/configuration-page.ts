/**
 * docs/reference/configuration.md: one table per process. Names, defaults and what is required come
 * from the zod schemas themselves (CONFIG_SCHEMAS); meanings from the JSDoc above each key in the
 * source, which zod cannot see.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { CONFIG_SCHEMAS } from '../../workers/config.ts';
import { code, generatedNotice, prose, table } from './markdown.ts';
import { schemaComments } from './schema-comments.ts';

export const SOURCE = 'workers/config.ts';
const sourcePath = fileURLToPath(new URL(`../../${SOURCE}`, import.meta.url));

/** Headings and a line of context per process; typed by the map, so a new process cannot be left out. */
export const PROCESSES: Record<keyof typeof CONFIG_SCHEMAS, { title: string; about: string }> = {
  worker: {
    title: 'Worker',
    about: 'The worker (`npm run worker`) runs the procedures and their provider activities.',
  },
  api: { title: 'HTTP API', about: 'The HTTP API and console (`npm run api`).' },
  cli: { title: 'Command line', about: 'The `herald` command line (see [cli.md](cli.md)).' },
  codecServer: {
    title: 'Codec server',
    about: 'The codec server (`npm run codec-server`) decrypts payloads for Temporal UI and the Temporal CLI.',
  },
  demo: { title: 'Demo and `herald dev`', about: 'The demo (`npm run demo`) and the local stack of `herald dev`.' },
  localTemporal: {
    title: 'Local Temporal binaries',
    about:
      'Where the demo, `herald dev` and the tests find the Temporal CLI and test server (`scripts/env.sh` sets both).',
  },
};

export interface ConfigurationPage {
  markdown: string;
  /** `process: VARIABLE` for each variable with neither a JSDoc comment nor a zod description. */
  undocumented: string[];
}

export async function configurationPage(): Promise<ConfigurationPage> {
  const comments = schemaComments(SOURCE, await readFile(sourcePath, 'utf8'), 'CONFIG_SCHEMAS');
  const undocumented: string[] = [];
  const sections = Object.entries(PROCESSES).flatMap(([key, { title, about }]) => {
    const { shape } = CONFIG_SCHEMAS[key as keyof typeof CONFIG_SCHEMAS];
    const meanings = comments[key] ?? new Map<string, string | undefined>();
    sameKeys(key, Object.keys(shape), [...meanings.keys()]);
    const rows = Object.entries(shape).map(([name, field]: [string, z.ZodType]) => {
      const meaning = meanings.get(name) ?? field.description;
      if (meaning === undefined) undocumented.push(`${key}: ${name}`);
      return [code(name), defaultCell(field), prose(meaning ?? '')];
    });
    return [`## ${title}`, '', about, '', table(['Variable', 'Default', 'Meaning'], rows), ''];
  });
  const markdown = [
    generatedNotice(`\`${SOURCE}\``),
    '',
    '# Configuration',
    '',
    `Every Herald process reads its configuration from environment variables, parsed once at start (\`${SOURCE}\`); a bad value stops the process with a message naming the variable.`,
    '',
    'Default: the value used when the variable is unset; required: the process does not start without it; —: unset is allowed and has no default.',
    '',
    ...sections,
  ].join('\n');
  return { markdown, undocumented };
}

/** The source reader and zod must agree on the keys, or the reader has lost track of the schemas. */
function sameKeys(key: string, fromZod: string[], fromSource: string[]): void {
  const missing = fromZod.filter((k) => !fromSource.includes(k));
  const extra = fromSource.filter((k) => !fromZod.includes(k));
  if (missing.length + extra.length === 0) return;
  throw new Error(
    `${SOURCE}: the source of CONFIG_SCHEMAS.${key} and its zod shape differ (not in source: ${missing.join(', ') || '—'}; not in zod: ${extra.join(', ') || '—'})`,
  );
}

/** "required" when unset fails to parse; else the default as typed in the environment, or "—". */
function defaultCell(field: z.ZodType): string {
  if (!field.safeParse(undefined).success) return 'required';
  const value = defaultOf(field);
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '—';
  // As it would be typed in the environment: an array as a comma-separated list.
  return code(Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : JSON.stringify(value));
}

/** The `.default()` inside the wrappers (pipes of preprocess/transform, optional, …), before any transform. */
function defaultOf(field: z.ZodType): unknown {
  const def = field.def as {
    type: string;
    defaultValue?: unknown;
    in?: z.ZodType;
    out?: z.ZodType;
    innerType?: z.ZodType;
  };
  if (def.type === 'default' || def.type === 'prefault') return def.defaultValue;
  if (def.in && def.out) return defaultOf(def.in) ?? defaultOf(def.out);
  return def.innerType ? defaultOf(def.innerType) : undefined;
}
