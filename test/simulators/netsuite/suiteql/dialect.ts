import { tableAliases } from './aliases.ts';
import { resultColumnNames } from './columns.ts';
import { guard, UnsupportedQuery } from './guard.ts';
import { LexError, significant, tokenize } from './lexer.ts';
import { rewrite } from './rewrite.ts';

/** A SuiteQL query checked and translated for PostgreSQL, with what NetSuite's answer needs to know about it. */
export interface PreparedQuery {
  sql: string;
  parameterCount: number;
  /** NetSuite's names for the result columns, when the select list alone decides them. */
  columnNames: string[] | undefined;
  /** Table by alias, for "Unknown identifier" messages. */
  aliases: Map<string, string>;
}

export function prepare(suiteql: string): PreparedQuery {
  let all: ReturnType<typeof tokenize>;
  try {
    all = tokenize(suiteql);
  } catch (error) {
    if (error instanceof LexError) throw new UnsupportedQuery(error.message);
    throw error;
  }
  const tokens = significant(all);
  guard(all, tokens);
  const { sql, parameterCount } = rewrite(all);
  return { sql, parameterCount, columnNames: resultColumnNames(tokens), aliases: tableAliases(tokens) };
}
