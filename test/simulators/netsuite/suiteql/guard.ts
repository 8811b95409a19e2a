import { unsupportedFunction } from './functions.ts';
import { identifierName, isSymbol, isWord, type Token } from './lexer.ts';

/** A query NetSuite would not run: answered with the generic "Invalid or unsupported search". */
export class UnsupportedQuery extends Error {}

/** Schemas and catalogs of the PostgreSQL engine underneath, which NetSuite does not have. */
const ENGINE_INTERNALS = /^(pg_|information_schema$|ns_internal$|ns_compat$)/;

/** PostgreSQL-only syntax that Oracle-based SuiteQL refuses; clients page with the `limit`/`offset` URL parameters. */
const FOREIGN_WORDS = new Set(['limit', 'offset', 'ilike', 'returning']);

/** Oracle's own row limiting, `OFFSET n ROWS FETCH NEXT m ROWS ONLY`, is SQL:2008 and fine. */
const isOracleOffset = (tokens: Token[], i: number) =>
  isWord(tokens[i], 'offset') &&
  (tokens[i + 1]?.kind === 'number' || tokens[i + 1]?.kind === 'param') &&
  isWord(tokens[i + 2], 'row', 'rows');

/**
 * Accepts exactly one SELECT (or WITH … SELECT) statement over NetSuite's tables; everything else is refused before
 * it reaches the database. The query also runs in a read-only transaction, so a write that slipped past would fail.
 */
export function guard(all: Token[], tokens: Token[]): void {
  const first = tokens[0];
  if (!isWord(first, 'select', 'with')) throw new UnsupportedQuery('not a SELECT statement');
  all.forEach((token, i) => {
    // E'…' strings end at a different quote than standard ones; refusing them keeps the lexer and PostgreSQL agreed.
    if (isWord(token, 'e') && all[i + 1]?.kind === 'string') throw new UnsupportedQuery('escape string');
  });
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    if (token.kind === 'symbol' && [';', '$', ':', '\\', '{', '}'].includes(token.text)) {
      throw new UnsupportedQuery(`unexpected ${token.text}`);
    }
    if ((token.kind === 'word' || token.kind === 'quoted') && ENGINE_INTERNALS.test(identifierName(token))) {
      throw new UnsupportedQuery('engine internals');
    }
    const foreign = isWord(token, ...FOREIGN_WORDS) && !isOracleOffset(tokens, i);
    if (foreign && !isSymbol(previous, '.') && !isWord(previous, 'as')) {
      throw new UnsupportedQuery(`${token.text} is not SuiteQL`);
    }
    if (isWord(token, 'builtin') && !(isSymbol(tokens[i + 1], '.') && isWord(tokens[i + 2], 'df'))) {
      throw new UnsupportedQuery('unknown BUILTIN function');
    }
  });
  const unsupported = unsupportedFunction(tokens);
  if (unsupported) throw new UnsupportedQuery(`${unsupported} is not a SuiteQL function`);
}
