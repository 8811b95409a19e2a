/**
 * The list endpoint's `q` filter (spec §3.6): `field OPERATOR value` conditions joined by AND (binding tighter) and
 * OR, with parentheses; values bare, in double quotes, or as `[a, b]` lists. Text matches ignore case, as NetSuite
 * searches do.
 */
import type { RecordType } from '../record-types.ts';
import { NsError } from '../responses.ts';
import type { SimRecord } from '../store.ts';
import { parseDecimal } from './decimal.ts';
import { type FieldDef, lookupField } from './field-defs.ts';
import { dateValue } from './normalize.ts';
import { SCHEMAS } from './schema.ts';
import { refId } from './sublists.ts';

type Kind = 'text' | 'number' | 'select' | 'date' | 'datetime' | 'boolean';

interface Condition {
  kind: 'condition';
  field: string;
  operator: string;
  values: string[];
}
type Expression = Condition | { kind: 'and' | 'or'; parts: Expression[] };

export type RecordFilter = (record: SimRecord) => boolean;

const OPERATORS: Record<Kind, readonly string[]> = {
  text: ['IS', 'CONTAIN', 'START_WITH', 'END_WITH', 'ENDWITH', 'EMPTY'],
  number: ['EQUAL', 'GREATER', 'GREATER_OR_EQUAL', 'LESS', 'LESS_OR_EQUAL', 'BETWEEN', 'WITHIN', 'ANY_OF', 'EMPTY'],
  select: ['ANY_OF', 'IS', 'EQUAL', 'EMPTY'],
  date: ['AFTER', 'BEFORE', 'ON', 'ON_OR_AFTER', 'ON_OR_BEFORE', 'WITHIN', 'EMPTY'],
  datetime: ['AFTER', 'BEFORE', 'ON', 'ON_OR_AFTER', 'ON_OR_BEFORE', 'WITHIN', 'EMPTY'],
  boolean: ['IS'],
};
const WITHOUT_VALUE = new Set(['EMPTY']);

export function parseFilter(type: RecordType, q: string, oneWorld: boolean): RecordFilter {
  const parser = new Parser(tokenize(q));
  const expression = parser.expression();
  parser.end();
  return compile(type, expression, oneWorld);
}

function queryError(detail: string): NsError {
  return new NsError(400, 'INVALID_PARAMETER', detail, { 'o:errorQueryParam': 'q' });
}

type Token = { kind: 'word' | 'string' | 'punct'; text: string };

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < q.length) {
    const char = q.charAt(index);
    if (/\s/.test(char)) {
      index++;
    } else if ('()[],'.includes(char)) {
      tokens.push({ kind: 'punct', text: char });
      index++;
    } else if (char === '"') {
      const end = q.indexOf('"', index + 1);
      if (end < 0) throw queryError(`Invalid search query: unterminated string in ${q}`);
      tokens.push({ kind: 'string', text: q.slice(index + 1, end) });
      index = end + 1;
    } else {
      const match = /^[^\s()[\],"]+/.exec(q.slice(index)) as RegExpExecArray;
      tokens.push({ kind: 'word', text: match[0] });
      index += match[0].length;
    }
  }
  return tokens;
}

class Parser {
  #tokens: Token[];
  #position = 0;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  expression(): Expression {
    const parts = [this.#conjunction()];
    while (this.#keyword('OR')) parts.push(this.#conjunction());
    return parts.length === 1 ? (parts[0] as Expression) : { kind: 'or', parts };
  }

  end(): void {
    const extra = this.#tokens[this.#position];
    if (extra) throw queryError(`Invalid search query: unexpected '${extra.text}'.`);
  }

  #conjunction(): Expression {
    const parts = [this.#factor()];
    while (this.#keyword('AND')) parts.push(this.#factor());
    return parts.length === 1 ? (parts[0] as Expression) : { kind: 'and', parts };
  }

  #factor(): Expression {
    if (this.#punct('(')) {
      const inner = this.expression();
      if (!this.#punct(')')) throw queryError('Invalid search query: missing closing parenthesis.');
      return inner;
    }
    const field = this.#next('a field name');
    const operator = this.#next('an operator').text.toUpperCase();
    if (WITHOUT_VALUE.has(operator.replace(/_NOT$/, '')))
      return { kind: 'condition', field: field.text, operator, values: [] };
    return { kind: 'condition', field: field.text, operator, values: this.#values() };
  }

  #values(): string[] {
    if (!this.#punct('[')) return [this.#next('a value').text];
    const values: string[] = [];
    do {
      values.push(this.#next('a value').text);
    } while (this.#punct(','));
    if (!this.#punct(']')) throw queryError('Invalid search query: missing closing bracket.');
    return values;
  }

  #next(what: string): Token {
    const token = this.#tokens[this.#position++];
    if (!token || token.kind === 'punct') throw queryError(`Invalid search query: expected ${what}.`);
    return token;
  }

  #punct(text: string): boolean {
    const token = this.#tokens[this.#position];
    if (token?.kind !== 'punct' || token.text !== text) return false;
    this.#position++;
    return true;
  }

  #keyword(word: string): boolean {
    const token = this.#tokens[this.#position];
    if (token?.kind !== 'word' || token.text.toUpperCase() !== word) return false;
    this.#position++;
    return true;
  }
}

interface Accessor {
  kind: Kind;
  read(record: SimRecord): unknown;
}

/** The fields `q` can filter on: id, externalId, timestamps and the type's body fields (not sublists). */
function accessor(type: RecordType, name: string, oneWorld: boolean): Accessor | undefined {
  switch (name.toLowerCase()) {
    case 'id':
    case 'internalid':
      return { kind: 'number', read: (record) => record.id };
    case 'externalid':
      return { kind: 'text', read: (record) => record.externalId };
    case 'lastmodifieddate':
      return { kind: 'datetime', read: (record) => record.lastModified };
    case 'datecreated':
    case 'createddate':
      return { kind: 'datetime', read: (record) => record.createdAt };
  }
  const found = lookupField(SCHEMAS[type], name, oneWorld);
  if (!found) return undefined;
  const [fieldName, def] = found;
  const kind = kindOf(def);
  if (!kind || def.notFilterable) return undefined;
  return { kind, read: (record) => record.fields[fieldName] };
}

function kindOf(def: FieldDef): Kind | undefined {
  switch (def.kind) {
    case 'string':
      return 'text';
    case 'integer':
    case 'decimal':
      return 'number';
    case 'ref':
    case 'enum':
      return 'select';
    case 'date':
      return 'date';
    case 'boolean':
      return 'boolean';
    default:
      return undefined;
  }
}

function compile(type: RecordType, expression: Expression, oneWorld: boolean): RecordFilter {
  if (expression.kind !== 'condition') {
    const parts = expression.parts.map((part) => compile(type, part, oneWorld));
    return expression.kind === 'and'
      ? (record) => parts.every((part) => part(record))
      : (record) => parts.some((part) => part(record));
  }
  const field = accessor(type, expression.field, oneWorld);
  if (!field) {
    throw queryError(
      `Invalid search query. Detailed unprocessed description follows. Search error occurred: Unknown field name: ${expression.field}.`,
    );
  }
  const negated = expression.operator.endsWith('_NOT');
  const operator = negated ? expression.operator.slice(0, -4) : expression.operator;
  if (!OPERATORS[field.kind].includes(operator)) {
    throw queryError(
      `Invalid search query. Detailed unprocessed description follows. Search error occurred: Invalid operator ${expression.operator} for field ${expression.field}.`,
    );
  }
  const test = predicate(field.kind, operator, expression.values);
  return (record) => {
    const value = field.read(record);
    if (operator === 'EMPTY') return isEmpty(value) !== negated;
    return test(value) !== negated;
  };
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

function predicate(kind: Kind, operator: string, values: string[]): (value: unknown) => boolean {
  switch (kind) {
    case 'text':
      return textPredicate(operator, (values[0] ?? '').toLowerCase());
    case 'number':
      return numberPredicate(operator, values.map(numberLiteral));
    case 'select': {
      const wanted = new Set(values.map((value) => value.toLowerCase()));
      return (value) => {
        const id = refId(value) ?? (typeof value === 'string' ? value : undefined);
        return id !== undefined && wanted.has(id.toLowerCase());
      };
    }
    case 'boolean': {
      const wanted = (values[0] ?? '').toLowerCase();
      if (!['true', 'false', 't', 'f'].includes(wanted))
        throw queryError(`Invalid search query: ${values[0]} is not a boolean.`);
      return (value) => (value === true) === (wanted === 'true' || wanted === 't');
    }
    default:
      return datePredicate(kind, operator, values.map(dayLiteral));
  }
}

function textPredicate(operator: string, wanted: string): (value: unknown) => boolean {
  const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).toLowerCase());
  switch (operator) {
    case 'IS':
      return (value) => text(value) === wanted;
    case 'CONTAIN':
      return (value) => text(value).includes(wanted);
    case 'START_WITH':
      return (value) => text(value).startsWith(wanted);
    default:
      return (value) => text(value).endsWith(wanted);
  }
}

function numberLiteral(text: string): bigint {
  const parsed = parseDecimal(text);
  if (parsed === undefined) throw queryError(`Invalid search query: ${text} is not a number.`);
  return parsed;
}

function numberPredicate(operator: string, wanted: bigint[]): (value: unknown) => boolean {
  const [first = 0n, second = 0n] = wanted;
  return (value) => {
    const number = parseDecimal(value);
    if (number === undefined) return false;
    switch (operator) {
      case 'EQUAL':
        return number === first;
      case 'GREATER':
        return number > first;
      case 'GREATER_OR_EQUAL':
        return number >= first;
      case 'LESS':
        return number < first;
      case 'LESS_OR_EQUAL':
        return number <= first;
      case 'ANY_OF':
        return wanted.includes(number);
      default:
        return number >= first && number <= second;
    }
  };
}

/** N/query date literals: "3/4/2025" or "2025-03-04" (spec §3.2); anything else is "Unparseable date". */
function dayLiteral(text: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text) || /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(text) ? dateValue(text) : undefined;
  if (!day) throw queryError(`Unparseable date: "${text}"`);
  return day;
}

function datePredicate(kind: Kind, operator: string, days: string[]): (value: unknown) => boolean {
  const [first = '', second = ''] = days;
  return (value) => {
    const day =
      kind === 'datetime' && typeof value === 'number'
        ? new Date(value).toISOString().slice(0, 10)
        : typeof value === 'string'
          ? value.slice(0, 10)
          : undefined;
    if (day === undefined) return false;
    switch (operator) {
      case 'AFTER':
        return day > first;
      case 'BEFORE':
        return day < first;
      case 'ON':
        return day === first;
      case 'ON_OR_AFTER':
        return day >= first;
      case 'ON_OR_BEFORE':
        return day <= first;
      default:
        return day >= first && day <= second;
    }
  };
}
