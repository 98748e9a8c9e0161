/**
 * Console forms from the actions' own zod schemas: each plain field (text, number, choice, yes/no,
 * several of a list) becomes a form control, a nested object's fields a group of them, and a posted
 * form becomes the action's body. The schemas stay the one statement of what an action takes; the
 * server validates the body with them, as for the API.
 */
import type { z } from 'zod';

export interface FormField {
  /** The body's path, dotted for a group's field (`regulatory.nis2Entity`); also the control's name. */
  name: string;
  /** The field's own name, without its group. */
  label: string;
  /** The nested object the field belongs to, if any. */
  group?: string;
  kind: 'text' | 'long-text' | 'number' | 'choice' | 'yes-no' | 'several';
  required: boolean;
  options?: readonly string[];
  /** From the schema's description, where it has one. */
  hint?: string;
}

/** A form's values as posted or prefilled: a checkbox group posts several. */
export type FormValues = Record<string, string | string[]>;

/** Fields the server fills itself: the caller names neither. */
const SERVER_FIELDS = new Set(['actor', 'claim']);
/** Free text long enough for a paragraph. */
const LONG_TEXT = new Set(['reason', 'note', 'replacementText', 'text', 'rootCause', 'evidence', 'description']);

/** What the schemas say only in comments, for the fields people type by hand. */
const HINTS: Readonly<Record<string, string>> = {
  at: 'An instant with its zone, e.g. 2026-12-03T09:30:00Z.',
  clockId: 'The legal clock’s id, as the deadlines table shows it, e.g. sec:8-k-item-1.05:filing.',
  sha256: 'The SHA-256 of the exact notice text shown above.',
  reference: 'The portal reference, filing or case number.',
  filedBy: 'Who filed it.',
  surfaces: 'The whole new list: it replaces the one shown above. Tick none to keep that one.',
  regions: 'The whole new list: it replaces the one shown above. Tick none to keep that one.',
};
const INSTANT_HINT = HINTS.at as string;

interface Def {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string>;
  format?: string;
}
const defOf = (t: z.ZodType) => (t as unknown as { def: Def }).def;
const WRAPPERS = ['optional', 'default', 'nullable'];

/** The action's form fields, or null when one of them has no form control (the CLI and API take those). */
export function formFieldsOf(fields: z.ZodObject, group?: string, groupRequired = true): FormField[] | null {
  const out: FormField[] = [];
  for (const [label, schema] of Object.entries<z.ZodType>(fields.shape)) {
    if (SERVER_FIELDS.has(label)) continue;
    let t = schema;
    let required = groupRequired;
    while (WRAPPERS.includes(defOf(t).type) && defOf(t).innerType) {
      required = false;
      t = defOf(t).innerType as z.ZodType;
    }
    const def = defOf(t);
    if (def.type === 'object' && group === undefined) {
      const inner = formFieldsOf(t as z.ZodObject, label, required);
      if (inner === null) return null;
      out.push(...inner);
      continue;
    }
    const name = group === undefined ? label : `${group}.${label}`;
    const hint =
      schema.description ?? t.description ?? HINTS[label] ?? (def.format === 'datetime' ? INSTANT_HINT : undefined);
    const base = { name, label, ...(group ? { group } : {}), required, ...(hint ? { hint } : {}) };
    const element = def.element ? defOf(def.element) : undefined;
    if (def.type === 'string') out.push({ ...base, kind: LONG_TEXT.has(label) ? 'long-text' : 'text' });
    else if (def.type === 'number') out.push({ ...base, kind: 'number' });
    else if (def.type === 'boolean') out.push({ ...base, kind: 'yes-no' });
    else if (def.type === 'enum' && def.entries)
      out.push({ ...base, kind: 'choice', options: Object.values(def.entries) });
    else if (def.type === 'array' && element?.type === 'enum' && element.entries)
      out.push({ ...base, kind: 'several', options: Object.values(element.entries) });
    else return null;
  }
  return out;
}

/** A posted form as the action's body: empty fields left out, numbers, yes/no and groups converted. */
export function bodyFromForm(fields: readonly FormField[], form: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const put = (f: FormField, value: unknown) => {
    if (f.group === undefined) {
      body[f.name] = value;
      return;
    }
    const group = (body[f.group] ??= {}) as Record<string, unknown>;
    group[f.label] = value;
  };
  for (const f of fields) {
    const posted: unknown[] = ([] as unknown[]).concat(form[f.name]);
    if (f.kind === 'several') {
      const chosen = posted.filter((v): v is string => typeof v === 'string');
      if (chosen.length > 0) put(f, chosen);
      continue;
    }
    const raw = posted.at(-1);
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    if (f.kind === 'yes-no') put(f, raw === 'yes');
    else put(f, f.kind === 'number' && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw);
  }
  return body;
}
