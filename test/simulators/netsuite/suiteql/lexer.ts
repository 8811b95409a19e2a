/**
 * Splits SuiteQL text into tokens, so the dialect layer can inspect and rewrite a query without ever mistaking the
 * inside of a string literal, a quoted identifier or a comment for SQL.
 */
export type TokenKind = 'space' | 'comment' | 'string' | 'quoted' | 'word' | 'number' | 'param' | 'symbol';

export interface Token {
  kind: TokenKind;
  text: string;
}

export class LexError extends Error {}

const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;
const SPACE = /\s/;

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const take = (kind: TokenKind, end: number) => {
    tokens.push({ kind, text: sql.slice(i, end) });
    i = end;
  };
  while (i < sql.length) {
    const char = sql[i] as string;
    const next = sql[i + 1];
    if (SPACE.test(char)) take('space', scanWhile(sql, i, SPACE));
    else if (char === '-' && next === '-') take('comment', lineEnd(sql, i));
    else if (char === '/' && next === '*') take('comment', blockCommentEnd(sql, i));
    else if (char === "'") take('string', quotedEnd(sql, i, "'"));
    else if (char === '"') take('quoted', quotedEnd(sql, i, '"'));
    else if (WORD_START.test(char)) take('word', scanWhile(sql, i, WORD_PART));
    else if (DIGIT.test(char) || (char === '.' && next !== undefined && DIGIT.test(next)))
      take('number', numberEnd(sql, i));
    else if (char === '?') take('param', i + 1);
    else take('symbol', i + 1);
  }
  return tokens;
}

/** Tokens that carry meaning (no whitespace, no comments). */
export const significant = (tokens: Token[]) => tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');

export const isWord = (token: Token | undefined, ...words: string[]) =>
  token?.kind === 'word' && (words.length === 0 || words.includes(token.text.toLowerCase()));

export const isSymbol = (token: Token | undefined, symbol: string) => token?.kind === 'symbol' && token.text === symbol;

/** Index of the next token after `index` that is not whitespace (or `tokens.length`). */
export function nextSignificant(tokens: Token[], index: number): number {
  let i = index + 1;
  while (tokens[i]?.kind === 'space' || tokens[i]?.kind === 'comment') i++;
  return i;
}

/** Index of the closest token before `index` that is not whitespace (or -1). */
export function previousSignificant(tokens: Token[], index: number): number {
  let i = index - 1;
  while (tokens[i]?.kind === 'space' || tokens[i]?.kind === 'comment') i--;
  return i;
}

/** Index of the `)` closing the `(` at `open`, skipping whitespace and nested parentheses. */
export function matchingParen(tokens: Token[], open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isSymbol(tokens[i], '(')) depth++;
    if (isSymbol(tokens[i], ')') && --depth === 0) return i;
  }
  return undefined;
}

/** The name a word or quoted identifier denotes, as PostgreSQL folds it. */
export function identifierName(token: Token): string {
  return token.kind === 'quoted' ? token.text.slice(1, -1).replaceAll('""', '"') : token.text.toLowerCase();
}

function scanWhile(sql: string, start: number, pattern: RegExp): number {
  let end = start;
  while (end < sql.length && pattern.test(sql[end] as string)) end++;
  return end;
}

function lineEnd(sql: string, start: number): number {
  const end = sql.indexOf('\n', start);
  return end === -1 ? sql.length : end;
}

function blockCommentEnd(sql: string, start: number): number {
  const end = sql.indexOf('*/', start + 2);
  if (end === -1) throw new LexError('unterminated comment');
  return end + 2;
}

/** Quotes are escaped by doubling them, in literals and identifiers alike. */
function quotedEnd(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  throw new LexError('unterminated quote');
}

function numberEnd(sql: string, start: number): number {
  let i = scanWhile(sql, start, DIGIT);
  if (sql[i] === '.') i = scanWhile(sql, i + 1, DIGIT);
  if ((sql[i] === 'e' || sql[i] === 'E') && /[0-9+-]/.test(sql[i + 1] ?? '')) {
    i = scanWhile(sql, i + 2, DIGIT);
  }
  return i;
}
