import { describe, expect, it } from 'vitest';
import {
  everythingShipped,
  type Fulfillment,
  noteText,
  planWriteback,
  readFulfillmentsMeta,
} from '../../sidecar/src/flows/fulfillment-writeback.ts';
import type { SalesOrderProgress } from '../../sidecar/src/flows/sales-order-progress.ts';
import { netsuiteTimestampMinus } from '../../sidecar/src/sync/netsuite-poll-cursors.ts';

const products = new Map([
  ['10', { sku: 'TSHIRT-BLK-M', name: 'Cotton T-Shirt' }],
  ['11', { sku: 'MUG-WHT', name: 'Ceramic Mug' }],
]);

const progress = (shirtsShipped: bigint, mugsShipped: bigint, mugClosed = false): SalesOrderProgress => ({
  id: '500',
  total: '40.70',
  shipsTo: '',
  lines: [
    { line: 1, itemId: '10', quantity: 2n, fulfilled: shirtsShipped, billed: 0n, closed: false },
    { line: 2, itemId: '11', quantity: 1n, fulfilled: mugsShipped, billed: 0n, closed: mugClosed },
    // A discount line: never fulfilled, and not a product the customer waits for.
    { line: 3, itemId: '99', quantity: 1n, fulfilled: 0n, billed: 0n, closed: false },
  ],
});

const shirts: Fulfillment = {
  id: '700',
  tranId: 'IF700',
  shipStatus: 'C',
  carrier: 'UPS Ground',
  trackingNumbers: ['1Z001', '1Z002'],
  lines: [{ orderLine: 1, itemId: '10', quantity: 2n }],
};

describe('fulfillment write-back plan', () => {
  it('a partial shipment: a note with carrier and tracking numbers, meta, the order left processing', () => {
    const plan = planWriteback({
      fulfillment: shirts,
      progress: progress(2n, 0n),
      products,
      orderStatus: 'processing',
      currentMeta: undefined,
      alreadyTold: undefined,
    });
    expect(plan.note).toBe(
      'Part of your order has shipped with UPS Ground: 2 × Cotton T-Shirt. Tracking numbers: 1Z001, 1Z002. ' +
        'The rest of your order will follow. (shipment IF700)',
    );
    expect(plan).toMatchObject({ complete: false, status: undefined, newTrackingNumbers: ['1Z001', '1Z002'] });
    expect(plan.meta).toEqual([
      {
        fulfillmentId: '700',
        tranId: 'IF700',
        carrier: 'UPS Ground',
        trackingNumbers: ['1Z001', '1Z002'],
        lines: [{ sku: 'TSHIRT-BLK-M', name: 'Cotton T-Shirt', quantity: '2' }],
      },
    ]);
  });

  it('the last shipment completes the order and adds its entry to the meta already there', () => {
    const mug: Fulfillment = {
      ...shirts,
      id: '701',
      tranId: 'IF701',
      trackingNumbers: ['9400'],
      lines: [{ orderLine: 2, itemId: '11', quantity: 1n }],
    };
    const first = planWriteback({
      fulfillment: shirts,
      progress: progress(2n, 0n),
      products,
      orderStatus: 'processing',
      currentMeta: undefined,
      alreadyTold: undefined,
    });
    const plan = planWriteback({
      fulfillment: mug,
      progress: progress(2n, 1n),
      products,
      orderStatus: 'processing',
      currentMeta: first.meta,
      alreadyTold: undefined,
    });
    expect(plan.note).toBe(
      'Your order has shipped with UPS Ground: 1 × Ceramic Mug. Tracking number: 9400. (shipment IF701)',
    );
    expect(plan).toMatchObject({ complete: true, status: 'completed' });
    expect(plan.meta.map((entry) => entry.fulfillmentId)).toEqual(['700', '701']);
  });

  it('closed (refunded) lines count as done; a cancelled or refunded order keeps its status', () => {
    expect(everythingShipped(progress(2n, 0n, true), products)).toBe(true);
    expect(everythingShipped(progress(1n, 1n), products)).toBe(false);
    const plan = planWriteback({
      fulfillment: shirts,
      progress: progress(2n, 0n, true),
      products,
      orderStatus: 'refunded',
      currentMeta: [],
      alreadyTold: undefined,
    });
    expect(plan).toMatchObject({ complete: true, status: undefined });
  });

  it('a fulfillment told once is told again only about tracking numbers added since', () => {
    const base = { progress: progress(2n, 0n), products, orderStatus: 'processing', currentMeta: undefined };
    expect(planWriteback({ ...base, fulfillment: shirts, alreadyTold: ['1Z001', '1Z002'] }).note).toBeUndefined();
    const more = { ...shirts, trackingNumbers: ['1Z001', '1Z002', '1Z003'] };
    const plan = planWriteback({ ...base, fulfillment: more, alreadyTold: ['1Z001', '1Z002'] });
    expect(plan.newTrackingNumbers).toEqual(['1Z003']);
    expect(plan.note).toContain('Tracking number: 1Z003.');
  });

  it('a shipment without carrier or tracking still says what shipped; meta that is not ours is ignored', () => {
    const meta = readFulfillmentsMeta('not json');
    expect(meta).toEqual([]);
    expect(readFulfillmentsMeta([{ fulfillmentId: '1' }, { other: true }])).toHaveLength(1);
    const text = noteText(
      {
        fulfillmentId: '1',
        tranId: null,
        carrier: null,
        trackingNumbers: [],
        lines: [{ sku: 'A', name: 'A thing', quantity: '3' }],
      },
      [],
      true,
    );
    expect(text).toBe('Your order has shipped: 3 × A thing.');
  });

  it('the poll overlap is wall-clock arithmetic on NetSuite timestamp text', () => {
    expect(netsuiteTimestampMinus('2026-01-01 00:01:00', 120_000)).toBe('2025-12-31 23:59:00');
    expect(() => netsuiteTimestampMinus('2026-01-01T00:00:00Z', 1)).toThrow(RangeError);
  });
});
