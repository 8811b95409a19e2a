import { describe, expect, it } from 'vitest';
import { prepare } from './dialect.ts';
import { UnsupportedQuery } from './guard.ts';

/** The translation layer alone: what PostgreSQL is asked to run, and what NetSuite calls the columns. */
describe('SuiteQL dialect', () => {
  it('binds ? in order, but not inside literals, quoted names or comments', () => {
    const prepared = prepare(`SELECT "a?" FROM t WHERE x = ? AND y = '?' /* ? */ AND z IN (?, ?) -- ?`);
    expect(prepared.parameterCount).toBe(3);
    expect(prepared.sql).toContain(`x = $1 AND y = '?'`);
    expect(prepared.sql).toContain('IN ($2, $3)');
    expect(prepared.sql).not.toContain('/*');
    expect(prepared.sql).not.toContain('--');
  });

  it('names columns as NetSuite does: alias, else column, else expr1, expr2, …', () => {
    const { columnNames } = prepare(
      `SELECT t.id, T.TranId, COUNT(*), t.status statuslabel, MAX(x) AS "Biggest", CASE WHEN a THEN b END,
         CASE WHEN a THEN b END kind, DISTINCT_NOT_A_KEYWORD, a + b, 'x' label FROM transaction t`,
    );
    expect(columnNames).toEqual([
      'id',
      'tranid',
      'expr1',
      'statuslabel',
      'biggest',
      'expr2',
      'kind',
      'distinct_not_a_keyword',
      'expr3',
      'label',
    ]);
  });

  it('names the columns of the main SELECT after WITH', () => {
    expect(prepare('WITH x AS (SELECT a, b FROM t) SELECT a, COUNT(b) FROM x GROUP BY a').columnNames).toEqual([
      'a',
      'expr1',
    ]);
    expect(prepare('SELECT * FROM t').columnNames).toBeUndefined();
    expect(prepare('SELECT DISTINCT t.a FROM t').columnNames).toEqual(['a']);
  });

  it('knows the tables by alias, for error messages', () => {
    const { aliases } = prepare(
      'SELECT 1 FROM transaction t JOIN transactionline AS tl ON tl.transaction = t.id LEFT JOIN customer c ON 1=1',
    );
    expect(Object.fromEntries(aliases)).toEqual({ t: 'transaction', tl: 'transactionline', c: 'customer' });
    const oracleStyle = prepare('SELECT 1 FROM transaction t, item WHERE t.id = item.id').aliases;
    expect(Object.fromEntries(oracleStyle)).toEqual({ t: 'transaction', item: 'item' });
  });

  it('rewrites BUILTIN.DF by the column it displays', () => {
    expect(prepare('SELECT BUILTIN.DF(t.status), BUILTIN.DF( status ) FROM transaction t').sql).toBe(
      'SELECT builtin.df_status(t.status, t.type), builtin.df_status(status, type) FROM transaction t',
    );
    expect(prepare('SELECT BUILTIN.DF(tl.item), BUILTIN.DF(memo), BUILTIN.DF(UPPER(x)) FROM y').sql).toBe(
      'SELECT builtin.df_item(tl.item), builtin.df(memo), builtin.df(UPPER(x)) FROM y',
    );
  });

  it('translates NVL, DECODE, SYSDATE and ROWNUM', () => {
    expect(prepare('SELECT NVL(a, 0), DECODE(b, 1, 2, 3) FROM t').sql).toBe(
      'SELECT COALESCE(a, 0), (CASE b WHEN  1 THEN  2 ELSE  3 END) FROM t',
    );
    expect(prepare('SELECT a FROM t WHERE SYSDATE > b').sql).toContain('ns_internal.sysdate()');
    expect(prepare('SELECT a FROM t WHERE ROWNUM <= ? AND b = ? ORDER BY a').sql).toBe(
      'SELECT a FROM t WHERE TRUE AND b = $2 ORDER BY a FETCH FIRST $1 ROWS ONLY ',
    );
    expect(prepare('SELECT a FROM t WHERE b = 1 OR ROWNUM <= 5').sql).toContain('ROWNUM <= 5');
  });

  it('accepts Oracle row limiting, which is standard SQL', () => {
    expect(prepare('SELECT a FROM t ORDER BY a OFFSET ? ROWS FETCH NEXT 10 ROWS ONLY').sql).toBe(
      'SELECT a FROM t ORDER BY a OFFSET $1 ROWS FETCH NEXT 10 ROWS ONLY',
    );
  });

  it.each([
    'UPDATE t SET a = 1',
    'SELECT 1; SELECT 2',
    'SELECT 1 /* unterminated',
    "SELECT 'unterminated",
    'SELECT a FROM t LIMIT 5',
    'SELECT a FROM t OFFSET 5',
    'SELECT a::int FROM t',
    'SELECT relname FROM pg_catalog.pg_class',
    'SELECT a FROM ns_internal.label',
    'SELECT BUILTIN.HIERARCHY(a) FROM t',
    'SELECT left(a, 2) FROM t',
  ])('refuses %s', (q) => {
    expect(() => prepare(q)).toThrow(UnsupportedQuery);
  });
});
