import { decodeEdits } from './decode.ts';
import {
  identifierName,
  isSymbol,
  isWord,
  matchingParen,
  nextSignificant,
  previousSignificant,
  type Token,
} from './lexer.ts';
import { rownumEdits } from './rownum.ts';

/** Which display function `BUILTIN.DF(column)` needs, by the referenced column's name (names fix the record type). */
const DISPLAY_FUNCTION: Record<string, string> = {
  status: 'df_status',
  type: 'df_type',
  entity: 'df_entity',
  customer: 'df_entity',
  item: 'df_item',
  itemtype: 'df_itemtype',
  location: 'df_location',
  subsidiary: 'df_subsidiary',
  currency: 'df_currency',
  account: 'df_account',
  createdfrom: 'df_transaction',
  transaction: 'df_transaction',
  previousdoc: 'df_transaction',
  nextdoc: 'df_transaction',
  itemfulfillment: 'df_transaction',
  commitinventory: 'df_commitinventory',
  pricelevel: 'df_pricelevel',
};

/** Oracle's clock functions read the simulator clock (set per query), not the host's. */
const CLOCK: Record<string, string> = {
  sysdate: 'ns_internal.sysdate()',
  systimestamp: 'ns_internal.sysdate()',
  current_timestamp: 'ns_internal.sysdate()',
  localtimestamp: 'ns_internal.sysdate()',
  current_date: 'CAST(ns_internal.sysdate() AS date)',
};

export interface Rewritten {
  sql: string;
  parameterCount: number;
}

/**
 * Turns SuiteQL into PostgreSQL: `?` → `$n`, `NVL` → `COALESCE`, `DECODE` → `CASE`, `ROWNUM <= n` → `FETCH FIRST`,
 * `SYSDATE` → simulator clock, `BUILTIN.DF(col)` → the display function for that column. Comments are dropped, so
 * PostgreSQL runs exactly what was inspected.
 */
export function rewrite(all: Token[]): Rewritten {
  const tokens = all.map((token): Token => (token.kind === 'comment' ? { kind: 'space', text: ' ' } : token));
  const parameters = numberParameters(tokens);
  const edits = new Map<number, string>();
  const inserts = new Map<number, string>();
  decodeEdits(tokens, edits);
  rownumEdits(tokens, parameters, edits, inserts);

  let sql = '';
  for (let i = 0; i < tokens.length; i++) {
    sql += inserts.get(i) ?? '';
    const token = tokens[i] as Token;
    const edit = edits.get(i);
    const parameter = parameters.get(i);
    if (edit !== undefined) sql += edit;
    else if (parameter !== undefined) sql += `$${parameter}`;
    else if (token.kind === 'word' && !isSymbol(tokens[previousSignificant(tokens, i)], '.')) {
      const display = isWord(token, 'builtin') ? displayCall(tokens, i) : undefined;
      if (display) {
        sql += display.sql;
        i = display.end;
      } else sql += dialectWord(tokens, i);
    } else sql += token.text;
  }
  return { sql: sql + (inserts.get(tokens.length) ?? ''), parameterCount: parameters.size };
}

/** `?` placeholders in order of appearance, as `$1`, `$2`, … by token index. */
function numberParameters(tokens: Token[]): Map<number, number> {
  const parameters = new Map<number, number>();
  tokens.forEach((token, i) => {
    if (token.kind === 'param') parameters.set(i, parameters.size + 1);
  });
  return parameters;
}

function dialectWord(tokens: Token[], i: number): string {
  const token = tokens[i] as Token;
  const word = token.text.toLowerCase();
  if (word === 'nvl' && isSymbol(tokens[nextSignificant(tokens, i)], '(')) return 'COALESCE';
  const clock = CLOCK[word];
  return clock ? ` ${clock} ` : token.text;
}

/** `BUILTIN.DF(` at `start`: the replacement text and the index of the last token it consumes. */
function displayCall(tokens: Token[], start: number): { sql: string; end: number } | undefined {
  const dot = nextSignificant(tokens, start);
  const df = nextSignificant(tokens, dot);
  const open = nextSignificant(tokens, df);
  if (!isSymbol(tokens[dot], '.') || !isWord(tokens[df], 'df') || !isSymbol(tokens[open], '(')) return undefined;
  const close = matchingParen(tokens, open);
  const argument = tokens.slice(open + 1, close).filter((token) => token.kind !== 'space');
  const column = columnReference(argument);
  const fn = column && DISPLAY_FUNCTION[identifierName(column.name)];
  if (!column || !fn || close === undefined) return { sql: 'builtin.df', end: df };
  const text = argument.map((token) => token.text).join('');
  const qualifier = column.qualifier ? `${column.qualifier.text}.` : '';
  const args = fn === 'df_status' ? `${text}, ${qualifier}type` : text;
  return { sql: `builtin.${fn}(${args})`, end: close };
}

function columnReference(tokens: Token[]): { qualifier?: Token; name: Token } | undefined {
  const named = (token: Token | undefined) => token?.kind === 'word' || token?.kind === 'quoted';
  const [a, b, c] = tokens;
  if (tokens.length === 1 && a && named(a)) return { name: a };
  if (tokens.length === 3 && a && c && named(a) && isSymbol(b, '.') && named(c)) return { qualifier: a, name: c };
  return undefined;
}
