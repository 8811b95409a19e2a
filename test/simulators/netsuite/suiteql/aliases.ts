import { identifierName, isSymbol, isWord, type Token } from './lexer.ts';

/** Words that follow a table reference and so are not its alias. */
const CLAUSE_WORDS = new Set([
  'where',
  'join',
  'inner',
  'left',
  'right',
  'full',
  'outer',
  'cross',
  'natural',
  'on',
  'using',
  'group',
  'order',
  'having',
  'fetch',
  'union',
  'intersect',
  'except',
  'minus',
  'window',
  'for',
  'connect',
  'start',
  'lateral',
]);

/**
 * The query's tables by alias (`{t=transaction, tl=transactionline}`), as NetSuite lists "Available identifiers" when
 * a query names one it does not know.
 */
export function tableAliases(tokens: Token[]): Map<string, string> {
  const aliases = new Map<string, string>();
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i], 'from', 'join')) continue;
    let next = i + 1;
    for (;;) {
      const reference = tableReference(tokens, next);
      if (!reference) break;
      aliases.set(reference.alias, reference.table);
      next = reference.end;
      if (!isWord(tokens[i], 'from') || !isSymbol(tokens[next], ',')) break;
      next++;
    }
  }
  return aliases;
}

function tableReference(tokens: Token[], start: number): { table: string; alias: string; end: number } | undefined {
  let i = start;
  const isName = (token: Token | undefined) => token?.kind === 'word' || token?.kind === 'quoted';
  if (!isName(tokens[i])) return undefined;
  while (isSymbol(tokens[i + 1], '.') && isName(tokens[i + 2])) i += 2;
  const table = identifierName(tokens[i] as Token);
  i++;
  if (isWord(tokens[i], 'as')) i++;
  const candidate = tokens[i];
  if (
    candidate &&
    isName(candidate) &&
    !(candidate.kind === 'word' && CLAUSE_WORDS.has(candidate.text.toLowerCase()))
  ) {
    return { table, alias: identifierName(candidate), end: i + 1 };
  }
  return { table, alias: table, end: i };
}

export function describeAliases(aliases: Map<string, string>): string {
  return `{${[...aliases].map(([alias, table]) => `${alias}=${table}`).join(', ')}}`;
}
