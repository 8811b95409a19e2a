import type { ReviewQueueEntry, SkuMapping } from '../src/api/types.ts';

export const heldOrder = (overrides: Partial<ReviewQueueEntry> = {}): ReviewQueueEntry => ({
  id: '0190a000-0000-7000-8000-000000000001',
  jobId: '0190a000-0000-7000-8000-000000000001',
  kind: 'woocommerce.order',
  connectionId: '0190a000-0000-7000-8000-0000000000c1',
  code: 'UNMAPPED_SKU',
  reason: 'SKU "TS-RED-M" has no NetSuite item. Map it in Review queue.',
  skus: ['TS-RED-M'],
  shippingMethods: [],
  order: { number: '1042', total: '59.90' },
  heldAt: '2026-11-20T10:00:00.000Z',
  ...overrides,
});

export const mapping = (overrides: Partial<SkuMapping> = {}): SkuMapping => ({
  sku: 'MUG-BLUE',
  netsuiteItemId: '311',
  connectionId: null,
  source: 'merchant',
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  ...overrides,
});
