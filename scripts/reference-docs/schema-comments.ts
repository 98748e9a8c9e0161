/**
 * The JSDoc above each key of the zod object schemas in a source file, read with the TypeScript
 * compiler API: zod never sees comments, and the comments are where the variables' meanings live.
 */
import ts from 'typescript';

/** Key → its comment (undefined: none), for each entry of the object literal exported as `mapName`. */
export type SchemaComments = Record<string, Map<string, string | undefined>>;

export function schemaComments(fileName: string, sourceText: string, mapName: string): SchemaComments {
  const source = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.Latest, true);
  const consts = new Map<string, ts.VariableDeclaration>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) consts.set(d.name.text, d);
  }
  const fail = (node: ts.Node, why: string): never => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    throw new Error(`${fileName}:${line + 1}: ${why}: ${node.getText().slice(0, 80)}`);
  };
  const initializer = (name: string, at: ts.Node): ts.Expression =>
    consts.get(name)?.initializer ?? fail(at, `no const ${name} with an initializer`);

  /**
   * The comment of the const a key's value is built on, when that const is named after the key
   * (`HERALD_PUBLIC_URL: publicUrl`, `HERALD_PAYLOAD_KEYS: payloadKeys.refine(…)`): then it is that
   * variable's schema. Shared helpers such as `optionalPath` are not: their comment is about the helper.
   */
  const namesakeComment = (key: string, value: ts.Expression): string | undefined => {
    let root: ts.Expression = value;
    while (ts.isCallExpression(root) || ts.isPropertyAccessExpression(root)) root = root.expression;
    if (!ts.isIdentifier(root) || root.text !== camelCase(key)) return undefined;
    const declaration = consts.get(root.text);
    return declaration ? jsDocText(declaration) : undefined;
  };

  /** The keys a schema expression declares, in order: z.object({…}), X.extend({…}), X.shape, X.superRefine(…), … */
  const keysOf = (expr: ts.Expression): Map<string, string | undefined> => {
    if (ts.isIdentifier(expr)) return keysOf(initializer(expr.text, expr));
    if (ts.isPropertyAccessExpression(expr) && expr.name.text === 'shape') return keysOf(expr.expression);
    if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression)) {
      const { expression: target, name } = expr.expression;
      const [literal] = expr.arguments;
      if (name.text === 'object' && ts.isIdentifier(target) && target.text === 'z' && literal)
        return literalKeys(literal);
      if (name.text === 'extend' && literal) return new Map([...keysOf(target), ...literalKeys(literal)]);
      // Refinements and the like keep the keys of the schema they are called on.
      return keysOf(target);
    }
    return fail(expr, 'not a zod object schema this reader follows');
  };

  const literalKeys = (literal: ts.Expression): Map<string, string | undefined> => {
    if (!ts.isObjectLiteralExpression(literal)) return fail(literal, 'expected an object literal');
    const keys = new Map<string, string | undefined>();
    for (const p of literal.properties) {
      if (ts.isSpreadAssignment(p)) for (const [k, c] of keysOf(p.expression)) keys.set(k, c);
      else if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)))
        keys.set(p.name.text, jsDocText(p) ?? namesakeComment(p.name.text, p.initializer));
      else fail(p, 'expected `KEY: schema` or `...schema.shape`');
    }
    return keys;
  };

  const map = initializer(mapName, source);
  const literal = ts.isAsExpression(map) ? map.expression : map;
  if (!ts.isObjectLiteralExpression(literal)) return fail(map, `${mapName} is not an object literal`);
  const result: SchemaComments = {};
  for (const p of literal.properties) {
    if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name))
      return fail(p, `expected \`name: schema\` in ${mapName}`);
    result[p.name.text] = keysOf(p.initializer);
  }
  return result;
}

/** `HERALD_API_DATA_DIR` → `apiDataDir`. */
const camelCase = (key: string): string =>
  key
    .replace(/^HERALD_/, '')
    .toLowerCase()
    .replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The last JSDoc block's text on one line (a stray block above it belongs to something else). */
function jsDocText(node: ts.Node): string | undefined {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const text = ts.getTextOfJSDocComment(docs.at(-1)?.comment);
  return text === undefined ? undefined : text.replace(/\s+/g, ' ').trim() || undefined;
}
