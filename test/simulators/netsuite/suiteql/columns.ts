import { identifierName, isSymbol, isWord, type Token } from './lexer.ts';

/** Words that end a select list at nesting depth 0. */
const LIST_END = new Set([
  'from',
  'where',
  'group',
  'having',
  'order',
  'union',
  'intersect',
  'except',
  'minus',
  'fetch',
]);

/** Keywords that can continue an expression: an implicit alias never follows them. */
const OPERATOR_WORDS = ['and', 'or', 'not', 'is', 'in', 'like', 'between', 'case', 'when', 'then', 'else', 'escape'];

/** Keywords that may end an expression, so they are never an implicit alias themselves. */
const NEVER_ALIAS = new Set([...OPERATOR_WORDS, 'end', 'null', 'true', 'false', 'day', 'month', 'year', 'second']);

const CONTINUES_EXPRESSION = new Set([...OPERATOR_WORDS, 'distinct', 'all']);

/**
 * The result column names NetSuite gives the outermost select list: an alias, else the column's own name, else
 * `expr1`, `expr2`, … for unnamed expressions (numbered in order among themselves). Undefined when the list holds a
 * `*`, whose columns only the database knows.
 */
export function resultColumnNames(tokens: Token[]): string[] | undefined {
  const items = selectItems(tokens);
  if (!items || items.some(isStar)) return undefined;
  let unnamed = 0;
  return items.map((item) => aliasOf(item) ?? columnNameOf(item) ?? `expr${++unnamed}`);
}

function selectItems(tokens: Token[]): Token[][] | undefined {
  let start = mainSelect(tokens);
  if (start === undefined) return undefined;
  start++;
  while (isWord(tokens[start], 'distinct', 'all', 'unique')) start++;
  const items: Token[][] = [[]];
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (depth === 0 && token.kind === 'word' && LIST_END.has(token.text.toLowerCase())) break;
    if (isSymbol(token, '(')) depth++;
    if (isSymbol(token, ')')) depth--;
    if (depth === 0 && isSymbol(token, ',')) items.push([]);
    else items.at(-1)?.push(token);
  }
  return items;
}

/** Index of the SELECT whose list names the result: the first one, or the first at depth 0 after WITH's CTEs. */
function mainSelect(tokens: Token[]): number | undefined {
  if (isWord(tokens[0], 'select')) return 0;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (isSymbol(tokens[i], '(')) depth++;
    if (isSymbol(tokens[i], ')')) depth--;
    if (depth === 0 && isWord(tokens[i], 'select')) return i;
  }
  return undefined;
}

const isStar = (item: Token[]) => isSymbol(item.at(-1), '*') && (item.length === 1 || isSymbol(item.at(-2), '.'));

const isName = (token: Token | undefined) => token?.kind === 'word' || token?.kind === 'quoted';

function aliasOf(item: Token[]): string | undefined {
  const last = item.at(-1);
  const before = item.at(-2);
  if (!last || !isName(last) || item.length < 2) return undefined;
  if (isWord(before, 'as')) return identifierName(last).toLowerCase();
  if (last.kind === 'word' && NEVER_ALIAS.has(last.text.toLowerCase())) return undefined;
  const endsExpression =
    isSymbol(before, ')') ||
    before?.kind === 'string' ||
    before?.kind === 'number' ||
    before?.kind === 'param' ||
    (isName(before) && !(before?.kind === 'word' && CONTINUES_EXPRESSION.has(before.text.toLowerCase())));
  return endsExpression ? identifierName(last).toLowerCase() : undefined;
}

/** `col`, `t.col` or `schema.t.col`: named after the column. */
function columnNameOf(item: Token[]): string | undefined {
  const dotted = item.every((token, i) => (i % 2 === 0 ? isName(token) : isSymbol(token, '.')));
  const last = item.at(-1);
  return dotted && item.length % 2 === 1 && last ? identifierName(last).toLowerCase() : undefined;
}
