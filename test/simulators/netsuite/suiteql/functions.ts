import { identifierName, isSymbol, isWord, matchingParen, type Token } from './lexer.ts';

/**
 * SuiteQL "doesn't allow you to use unsupported SQL functions" (Oracle, "SuiteQL Supported and Unsupported
 * Functions", section_158513731864). These are the supported ones it lists, plus the SQL-92 forms and Oracle
 * aggregates and window functions queries commonly use. A PostgreSQL-only function (`string_agg`, `date_trunc`,
 * `substring`, `left`, …) is refused, as NetSuite would refuse it, even though the engine underneath has it.
 */
const SUPPORTED = new Set(
  `abs acos add_months approx_count_distinct ascii asciistr asin atan atan2 avg bfilename bitand ceil chartorowid chr
  coalesce compose concat corr corr_k corr_s cos cosh count covar_pop covar_samp current_date current_timestamp decode
  decompose dense_rank empty_blob empty_clob exp floor from_tz greatest initcap instr last_day least length length2
  length4 lengthb lengthc ln localtimestamp log lower lpad ltrim max median min mod months_between nanvl new_time
  next_day nlssort nls_initcap nls_lower nls_upper nullif nvl nvl2 ora_hash power rank regexp_instr regexp_replace
  regexp_substr remainder replace round row_number rpad rtrim sign sin sinh soundex sqrt substr sum sys_extract_utc tan
  tanh to_binary_double to_binary_float to_char to_clob to_date to_multi_byte to_nchar to_nclob to_number
  to_single_byte to_timestamp to_timestamp_tz translate trunc tz_offset unistr upper vsize width_bucket
  cast extract trim stddev variance lag lead first_value last_value ntile percent_rank cume_dist`.split(/\s+/),
);

/** Keywords a `(` may follow without a function being called. */
const KEYWORDS = new Set(
  `in exists any some all as over values and or not from join on where select when then else by using lateral distinct
  within having case union intersect except minus between like is escape with recursive`.split(/\s+/),
);

/** The first function the query calls that SuiteQL does not support, if any. */
export function unsupportedFunction(tokens: Token[]): string | undefined {
  const cteNames = commonTableExpressionNames(tokens);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (!(token.kind === 'word' || token.kind === 'quoted') || !isSymbol(tokens[i + 1], '(')) continue;
    if (isSymbol(tokens[i - 1], '.')) continue; // BUILTIN.DF, checked by the guard
    const name = identifierName(token).toLowerCase();
    if (!SUPPORTED.has(name) && !(token.kind === 'word' && KEYWORDS.has(name)) && !cteNames.has(name)) return name;
  }
  return undefined;
}

/** `WITH name (col, …) AS (…)`: the name is followed by a column list, not called. */
function commonTableExpressionNames(tokens: Token[]): Set<string> {
  const names = new Set<string>();
  tokens.forEach((token, i) => {
    if (token.kind !== 'word' || !isSymbol(tokens[i + 1], '(')) return;
    const close = matchingParen(tokens, i + 1);
    if (close !== undefined && isWord(tokens[close + 1], 'as')) names.add(token.text.toLowerCase());
  });
  return names;
}
