/**
 * Console forms from the actions' own zod schemas: each plain field (text, number, choice, yes/no)
 * becomes a form control, and a posted form becomes the action's body. The schemas stay the one
 * statement of what an action takes; the server validates the body with them, as for the API.
 */
import type { z } from 'zod';

export interface FormField {
  name: string;
  kind: 'text' | 'long-text' | 'number' | 'choice' | 'yes-no';
  required: boolean;
  options?: readonly string[];
  /** From the schema's description, where it has one. */
  hint?: string;
}

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
};

interface Def {
  type: string;
  innerType?: z.ZodType;
  entries?: Record<string, string>;
}
const defOf = (t: z.ZodType) => (t as unknown as { def: Def }).def;

/** The action's form fields, or null when one of them is not plain (the CLI and API take those). */
export function formFieldsOf(fields: z.ZodObject): FormField[] | null {
  const out: FormField[] = [];
  for (const [name, schema] of Object.entries<z.ZodType>(fields.shape)) {
    if (SERVER_FIELDS.has(name)) continue;
    let t = schema;
    let required = true;
    while (['optional', 'default', 'nullable'].includes(defOf(t).type) && defOf(t).innerType) {
      required = false;
      t = defOf(t).innerType as z.ZodType;
    }
    const def = defOf(t);
    const hint = schema.description ?? t.description ?? HINTS[name];
    const base = { name, required, ...(hint ? { hint } : {}) };
    if (def.type === 'string') out.push({ ...base, kind: LONG_TEXT.has(name) ? 'long-text' : 'text' });
    else if (def.type === 'number') out.push({ ...base, kind: 'number' });
    else if (def.type === 'boolean') out.push({ ...base, kind: 'yes-no' });
    else if (def.type === 'enum' && def.entries)
      out.push({ ...base, kind: 'choice', options: Object.values(def.entries) });
    else return null;
  }
  return out;
}

/** A posted form as the action's body: empty fields left out, numbers and yes/no converted. */
export function bodyFromForm(fields: readonly FormField[], form: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = form[f.name];
    if (f.kind === 'yes-no') {
      if (raw !== undefined) body[f.name] = raw === 'yes';
      continue;
    }
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    body[f.name] = f.kind === 'number' && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
  }
  return body;
}
