/**
 * A deliberately small SOQL parser for the Salesforce sandbox. It accepts only
 *   SELECT <fields> | COUNT() FROM <object> [WHERE <cond> [AND <cond>]...] [ORDER BY Id [ASC]] [LIMIT n]
 * over the objects it is given (Contact by default, Account where the sandbox serves it)
 * where <cond> is `Field = 'v'` or `Field IN ('a', 'b')`, with Salesforce string escapes.
 * Anything else is MALFORMED_QUERY, so an adapter that builds other SOQL fails loudly in tests.
 */

export class SoqlError extends Error {
  constructor(
    readonly errorCode: 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE',
    message: string,
  ) {
    super(message);
  }
}

export interface SoqlCondition {
  field: string;
  values: string[];
}

export interface SoqlQuery {
  /** The sObject queried, as the caller spells it in `knownFields` (e.g. "Contact"). */
  object: string;
  /** Empty for `SELECT COUNT()`. */
  fields: string[];
  /** True for `SELECT COUNT()`: the answer is the number of matching rows, no records. */
  count: boolean;
  conditions: SoqlCondition[];
  limit?: number;
}

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'punct'; text: string };

const ESCAPES: Record<string, string> = { "'": "'", '"': '"', '\\': '\\', n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < soql.length) {
    const c = soql.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(soql.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'word', text: m[0] });
      i += m[0].length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+/.exec(soql.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else if (c === "'") {
      let text = '';
      i++;
      for (;;) {
        if (i >= soql.length) throw new SoqlError('MALFORMED_QUERY', 'unterminated string literal');
        const ch = soql.charAt(i);
        if (ch === "'") {
          i++;
          break;
        }
        if (ch === '\\') {
          const next = soql.charAt(i + 1);
          const replacement = ESCAPES[next];
          if (replacement === undefined) throw new SoqlError('MALFORMED_QUERY', `invalid escape sequence \\${next}`);
          text += replacement;
          i += 2;
        } else {
          text += ch;
          i++;
        }
      }
      tokens.push({ kind: 'string', text });
    } else if (c === ',' || c === '(' || c === ')' || c === '=') {
      tokens.push({ kind: 'punct', text: c });
      i++;
    } else {
      throw new SoqlError('MALFORMED_QUERY', `unexpected token '${c}' at column ${i + 1}`);
    }
  }
  return tokens;
}

/**
 * Parses `soql`, resolving field names (case-insensitive) against `knownFields`: the Contact fields,
 * or the fields of each queryable object by object name.
 */
export function parseSoql(
  soql: string,
  knownFields: readonly string[] | Readonly<Record<string, readonly string[]>>,
): SoqlQuery {
  const tokens = tokenize(soql);
  const objects: Readonly<Record<string, readonly string[]>> = Array.isArray(knownFields)
    ? { Contact: knownFields as readonly string[] }
    : (knownFields as Readonly<Record<string, readonly string[]>>);
  // The object decides which fields exist, and it comes after them: look it up first.
  const fromAt = tokens.findIndex((t) => t.kind === 'word' && t.text.toUpperCase() === 'FROM');
  const named = fromAt >= 0 ? tokens[fromAt + 1] : undefined;
  const object = Object.keys(objects).find(
    (o) => named?.kind === 'word' && o.toLowerCase() === named.text.toLowerCase(),
  );
  // An unknown object is refused at FROM; until then its fields are checked as Contact's.
  const fieldsOf = objects[object ?? 'Contact'] ?? [];
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isWord = (word: string): boolean => {
    const t = peek();
    return t?.kind === 'word' && t.text.toUpperCase() === word;
  };
  const expectWord = (word: string): void => {
    if (!isWord(word))
      throw new SoqlError('MALFORMED_QUERY', `expected ${word} near '${peek()?.text ?? 'end of query'}'`);
    pos++;
  };
  const expectPunct = (p: string): void => {
    const t = peek();
    if (t?.kind !== 'punct' || t.text !== p)
      throw new SoqlError('MALFORMED_QUERY', `expected '${p}' near '${t?.text ?? 'end of query'}'`);
    pos++;
  };
  const field = (): string => {
    const t = peek();
    if (t?.kind !== 'word')
      throw new SoqlError('MALFORMED_QUERY', `expected a field name near '${t?.text ?? 'end of query'}'`);
    pos++;
    const known = fieldsOf.find((f) => f.toLowerCase() === t.text.toLowerCase());
    if (!known) throw new SoqlError('INVALID_FIELD', `No such column '${t.text}' on entity '${object ?? 'Contact'}'.`);
    return known;
  };
  const stringLiteral = (): string => {
    const t = peek();
    if (t?.kind !== 'string')
      throw new SoqlError('MALFORMED_QUERY', `expected a string literal near '${t?.text ?? 'end of query'}'`);
    pos++;
    return t.text;
  };

  expectWord('SELECT');
  const count = isWord('COUNT') && tokens[pos + 1]?.text === '(';
  const fields: string[] = [];
  if (count) {
    pos++;
    expectPunct('(');
    expectPunct(')');
  } else {
    fields.push(field());
    while (peek()?.text === ',') {
      pos++;
      fields.push(field());
    }
  }
  expectWord('FROM');
  if (object === undefined) {
    throw new SoqlError('MALFORMED_QUERY', `sObject type '${peek()?.text ?? ''}' is not supported`);
  }
  pos++;

  const conditions: SoqlCondition[] = [];
  if (isWord('WHERE')) {
    pos++;
    for (;;) {
      const name = field();
      if (peek()?.text === '=') {
        pos++;
        conditions.push({ field: name, values: [stringLiteral()] });
      } else if (isWord('IN')) {
        pos++;
        expectPunct('(');
        const values = [stringLiteral()];
        while (peek()?.text === ',') {
          pos++;
          values.push(stringLiteral());
        }
        expectPunct(')');
        conditions.push({ field: name, values });
      } else {
        throw new SoqlError('MALFORMED_QUERY', `unsupported operator near '${peek()?.text ?? 'end of query'}'`);
      }
      if (!isWord('AND')) break;
      pos++;
    }
  }
  if (isWord('ORDER')) {
    pos++;
    expectWord('BY');
    if (field() !== 'Id') throw new SoqlError('MALFORMED_QUERY', 'only ORDER BY Id is supported');
    if (isWord('ASC')) pos++;
  }
  let limit: number | undefined;
  if (isWord('LIMIT')) {
    pos++;
    const t = peek();
    if (t?.kind !== 'number') throw new SoqlError('MALFORMED_QUERY', 'LIMIT needs a number');
    pos++;
    limit = Number(t.text);
  }
  if (pos !== tokens.length) throw new SoqlError('MALFORMED_QUERY', `unexpected '${peek()?.text}' after end of query`);
  return { object, fields, count, conditions, ...(limit === undefined ? {} : { limit }) };
}

/** Salesforce text comparison: case-insensitive; Ids compare on their 15-character case-sensitive form. */
export function matches(field: string, actual: string | null, wanted: string): boolean {
  if (actual === null) return false;
  if (field === 'Id')
    return actual.slice(0, 15) === wanted.slice(0, 15) && (wanted.length === 15 || wanted.length === 18);
  return actual.toLowerCase() === wanted.toLowerCase();
}
