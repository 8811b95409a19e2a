import { isSymbol, isWord, nextSignificant, previousSignificant, type Token } from './lexer.ts';

/** Words that end a query block's clauses where FETCH FIRST can not simply be appended. */
const SET_OPERATORS = ['union', 'intersect', 'except', 'minus'];

/**
 * Oracle's row limit `WHERE … AND ROWNUM <= n` (also `< n`, `= 1`), the SuiteQL way to limit rows, as
 * `FETCH FIRST n ROWS ONLY` at the end of the same query block. Only a conjunct of the block's WHERE is translated;
 * any other use of ROWNUM is left alone (and fails as an unknown identifier). Oracle numbers rows before ORDER BY, so
 * its result is some n rows; FETCH FIRST picks the first n in order, one of those results.
 */
export function rownumEdits(
  tokens: Token[],
  parameters: Map<number, number>,
  edits: Map<number, string>,
  inserts: Map<number, string>,
): void {
  const depths = depthOf(tokens);
  tokens.forEach((token, i) => {
    if (!isWord(token, 'rownum') || isSymbol(tokens[previousSignificant(tokens, i)], '.')) return;
    const condition = limitCondition(tokens, i, parameters);
    const block = condition && enclosingBlock(tokens, depths, i);
    if (!condition || !block) return;
    const before = tokens[previousSignificant(tokens, i)];
    const after = tokens[nextSignificant(tokens, condition.end)];
    const conjunct = isWord(before, 'where', 'and') && (after === undefined || !isWord(after, 'or'));
    if (!conjunct || block.hasOr) return;
    edits.set(i, 'TRUE');
    for (let k = i + 1; k <= condition.end; k++) edits.set(k, '');
    inserts.set(block.end, `${inserts.get(block.end) ?? ''} FETCH FIRST ${condition.rows} ROWS ONLY `);
  });
}

function limitCondition(tokens: Token[], at: number, parameters: Map<number, number>) {
  let i = nextSignificant(tokens, at);
  let operator = '';
  for (; isSymbol(tokens[i], '<') || isSymbol(tokens[i], '='); i++) operator += tokens[i]?.text;
  if (tokens[i]?.kind === 'space') i = nextSignificant(tokens, i);
  const value = tokens[i];
  const parameter = parameters.get(i);
  const bound = value?.kind === 'number' ? value.text : parameter !== undefined ? `$${parameter}` : undefined;
  if (!bound) return undefined;
  if (operator === '<=') return { rows: bound, end: i };
  if (operator === '<') return { rows: `(${bound} - 1)`, end: i };
  if (operator === '=' && bound === '1') return { rows: '1', end: i };
  return undefined;
}

/** The query block around `at`: where it ends, and whether its WHERE has an OR (making ROWNUM non-conjunctive). */
function enclosingBlock(tokens: Token[], depths: number[], at: number) {
  const depth = depths[at] ?? 0;
  const atLevel = (i: number, ...words: string[]) => depths[i] === depth && isWord(tokens[i], ...words);
  let hasOr = false;
  let inWhere = true;
  let start = at;
  for (; start >= 0 && !atLevel(start, 'select'); start--) {
    if ((depths[start] ?? 0) < depth) return undefined;
    if (atLevel(start, 'where')) inWhere = false;
    if (inWhere && atLevel(start, 'or')) hasOr = true;
  }
  if (start < 0) return undefined;
  let end = at;
  for (; end < tokens.length && (depths[end] ?? 0) >= depth; end++) {
    if (atLevel(end, 'or')) hasOr = true;
    if (atLevel(end, ...SET_OPERATORS)) return undefined;
    if (depths[end] === depth && isSymbol(tokens[end], ')')) break;
  }
  return { end, hasOr };
}

/** Parenthesis depth of every token (a `)` counts at the inner depth, so it ends its block). */
function depthOf(tokens: Token[]): number[] {
  let depth = 0;
  return tokens.map((token) => {
    if (isSymbol(token, '(')) return depth++;
    if (isSymbol(token, ')')) return depth--;
    return depth;
  });
}
