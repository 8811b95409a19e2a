import { isSymbol, isWord, matchingParen, nextSignificant, previousSignificant, type Token } from './lexer.ts';

/**
 * Oracle's `DECODE(expr, search1, result1, …, default)` as `(CASE expr WHEN search1 THEN result1 … ELSE default END)`,
 * recorded as replacements of the call's own tokens. (Unlike DECODE, CASE never matches a NULL search value.)
 */
export function decodeEdits(tokens: Token[], edits: Map<number, string>): void {
  tokens.forEach((token, i) => {
    if (!isWord(token, 'decode') || isSymbol(tokens[previousSignificant(tokens, i)], '.')) return;
    const open = nextSignificant(tokens, i);
    const close = isSymbol(tokens[open], '(') ? matchingParen(tokens, open) : undefined;
    if (close === undefined) return;
    const commas = topLevelCommas(tokens, open, close);
    if (commas.length < 2) return;
    const hasDefault = commas.length % 2 === 1;
    edits.set(i, '');
    edits.set(open, '(CASE ');
    commas.forEach((comma, k) => {
      const last = k === commas.length - 1;
      edits.set(comma, k === 0 ? ' WHEN ' : last && hasDefault ? ' ELSE ' : k % 2 === 1 ? ' THEN ' : ' WHEN ');
    });
    edits.set(close, ' END)');
  });
}

function topLevelCommas(tokens: Token[], open: number, close: number): number[] {
  const commas: number[] = [];
  let depth = 0;
  for (let i = open + 1; i < close; i++) {
    if (isSymbol(tokens[i], '(')) depth++;
    else if (isSymbol(tokens[i], ')')) depth--;
    else if (depth === 0 && isSymbol(tokens[i], ',')) commas.push(i);
  }
  return commas;
}
