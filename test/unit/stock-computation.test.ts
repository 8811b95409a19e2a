import { describe, expect, it } from 'vitest';
import {
  changedSkus,
  computeStock,
  connectionLocations,
  wholeUnits,
} from '../../sidecar/src/stock/stock-computation.ts';

const availability = new Map([
  [
    '101',
    new Map([
      ['1', '10'],
      ['2', '5'],
      ['9', '1000'],
    ]),
  ],
  ['102', new Map([['1', '2.5']])],
]);

describe('stock computation', () => {
  it('sums the available quantity of the connection’s locations only', () => {
    const computed = computeStock([{ sku: 'A', netsuiteItemId: '101' }], availability, ['1', '2'], new Map());
    expect(computed.get('A')).toBe(15);
  });

  it('counts a location once however often it is mapped, and an unstocked item as 0', () => {
    const computed = computeStock(
      [
        { sku: 'A', netsuiteItemId: '101' },
        { sku: 'Z', netsuiteItemId: '999' },
      ],
      availability,
      ['1', '1', '2'],
      new Map(),
    );
    expect(Object.fromEntries(computed)).toEqual({ A: 15, Z: 0 });
  });

  it('subtracts pending sales and never goes below 0', () => {
    const skus = [
      { sku: 'A', netsuiteItemId: '101' },
      { sku: 'B', netsuiteItemId: '102' },
    ];
    const computed = computeStock(
      skus,
      availability,
      ['1'],
      new Map([
        ['A', 4],
        ['B', 7],
      ]),
    );
    expect(Object.fromEntries(computed)).toEqual({ A: 6, B: 0 });
  });

  it('rounds fractional availability down to whole units', () => {
    expect(wholeUnits('2.5')).toBe(2);
    expect(wholeUnits(undefined)).toBe(0);
    expect(wholeUnits('not a number')).toBe(0);
  });

  it('the locations are the master location and every rule’s, once each', () => {
    expect(
      connectionLocations({
        masterLocationId: '1',
        locationRules: [{ locationId: '2' }, { locationId: '1' }],
      }),
    ).toEqual(['1', '2']);
  });

  it('only SKUs whose value differs from what was last written are sent', () => {
    const computed = new Map([
      ['A', 5],
      ['B', 0],
      ['C', 3],
    ]);
    const written = new Map<string, number | null>([
      ['A', 5],
      ['B', null],
    ]);
    expect(changedSkus(computed, written)).toEqual(['B', 'C']);
  });
});
