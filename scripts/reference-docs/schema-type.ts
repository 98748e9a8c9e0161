/** A JSON Schema (as zod's OpenAPI 3.1 output writes them) told in a few words for a table cell. */

export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
}

/** A `#/components/schemas/…` reference: the component's name and schema. */
export type Resolve = (ref: string) => { name: string; schema: JsonSchema };

export function schemaType(schema: JsonSchema, resolve: Resolve): string {
  if (schema.$ref) return resolve(schema.$ref).name;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return [...new Set(variants.map((v) => schemaType(v, resolve)))].join(' | ');
  if (schema.allOf) return schema.allOf.map((v) => schemaType(v, resolve)).join(' & ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length === 0) return 'any JSON';
  return types
    .map((type) => {
      if (type === 'array') {
        const item = schema.items ? schemaType(schema.items, resolve) : 'any JSON';
        return item.includes(' ') ? `(${item})[]` : `${item}[]`;
      }
      return schema.format ? `${type} (${schema.format})` : type;
    })
    .join(' | ');
}
