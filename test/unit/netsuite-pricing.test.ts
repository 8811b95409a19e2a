/** readPrices: the SuiteQL it sends and how it reads NetSuite's pricing rows (breaks, currencies, inactive items). */
import { describe, expect, it } from 'vitest';
import type { SuiteQlParam, SuiteQlRow } from '../../sidecar/src/netsuite/suiteql.ts';
import { ITEMS_PER_QUERY, readPrices } from '../../sidecar/src/prices/netsuite-pricing.ts';

/** Answers each query with the rows of the items it binds, and records what was sent. */
function fakeNetSuite(rows: SuiteQlRow[]) {
  const sent: { query: string; params: readonly SuiteQlParam[] }[] = [];
  return {
    sent,
    async *suiteql(query: string, params: readonly SuiteQlParam[] = []) {
      sent.push({ query, params });
      const bound = new Set(params.map(String));
      yield* rows.filter((row) => bound.has(row.item ?? ''));
    },
  };
}

describe('readPrices', () => {
  it('takes the lowest quantity break, in plain decimal text, and tells inactive and unpriced items apart', async () => {
    const netsuite = fakeNetSuite([
      { item: '10', isinactive: 'F', quantity: '10', unitprice: '13', currency: '1' },
      { item: '10', isinactive: 'F', quantity: '0', unitprice: '14.5', currency: '1' },
      { item: '11', isinactive: 'F', unitprice: '.5', currency: '1' },
      { item: '12', isinactive: 'F', unitprice: '2.345', currency: '1' },
      { item: '13', isinactive: 'T', unitprice: '6.00', currency: '1' },
      { item: '14', isinactive: 'F' },
      { item: '15', isinactive: 'F', unitprice: '-1.00', currency: '1' },
    ]);
    const prices = await readPrices(netsuite, ['10', '11', '12', '13', '14', '15', '16'], {
      priceLevelId: '1',
      currencyId: null,
    });
    expect(Object.fromEntries(prices)).toEqual({
      '10': { kind: 'price', price: '14.50' },
      '11': { kind: 'price', price: '0.50' },
      '12': { kind: 'price', price: '2.35' },
      '13': { kind: 'inactive' },
      '14': { kind: 'unpriced' },
      '15': { kind: 'unpriced' },
    });
    expect(netsuite.sent[0]?.params).toEqual(['1', '10', '11', '12', '13', '14', '15', '16']);
    expect(netsuite.sent[0]?.query).toContain('LEFT JOIN pricing p ON p.item = i.id AND p.pricelevel = ?\n');
  });

  it('refuses to guess among currencies, and filters on the one given', async () => {
    const rows = [
      { item: '10', isinactive: 'F', unitprice: '10.50', currency: '1' },
      { item: '10', isinactive: 'F', unitprice: '9.40', currency: '2' },
    ];
    const any = await readPrices(fakeNetSuite(rows), ['10'], { priceLevelId: '1', currencyId: null });
    expect(any.get('10')).toEqual({ kind: 'several-currencies' });
    const netsuite = fakeNetSuite(rows.filter((row) => row.currency === '2'));
    const euro = await readPrices(netsuite, ['10'], { priceLevelId: '1', currencyId: '2' });
    expect(euro.get('10')).toEqual({ kind: 'price', price: '9.40' });
    expect(netsuite.sent[0]?.query).toContain('AND p.pricelevel = ? AND p.currency = ?');
    expect(netsuite.sent[0]?.params).toEqual(['1', '2', '10']);
  });

  it(`asks for at most ${ITEMS_PER_QUERY} items per query`, async () => {
    const netsuite = fakeNetSuite([]);
    const items = Array.from({ length: ITEMS_PER_QUERY + 1 }, (_, n) => String(n + 1));
    await readPrices(netsuite, items, { priceLevelId: '1', currencyId: null });
    expect(netsuite.sent.map((call) => call.params.length - 1)).toEqual([ITEMS_PER_QUERY, 1]);
  });
});
