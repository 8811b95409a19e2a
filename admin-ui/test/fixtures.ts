import type { Connection, ConnectionSettings, ReviewQueueEntry, SkuMapping } from '../src/api/types.ts';

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

export const connectionSettings = (overrides: Partial<ConnectionSettings> = {}): ConnectionSettings => ({
  externalIdPrefix: 'WOO_',
  orderStatuses: ['processing', 'on-hold', 'completed'],
  subsidiaryId: null,
  masterLocationId: '1',
  locationRules: [{ country: 'CA', locationId: '3' }],
  shippingItems: { flat_rate: '12' },
  discountItemId: null,
  refundItemId: null,
  feeItemId: null,
  paymentMethods: {},
  taxMode: 'override',
  taxCodes: {},
  glTemplates: [],
  postingMode: 'invoice',
  currencyMap: {},
  priceLevelId: null,
  priceCurrencyId: null,
  goLiveAt: '2026-11-01T00:00:00.000Z',
  netsuiteTimeZone: 'UTC',
  ...overrides,
});

export const connection = (overrides: Partial<Connection> = {}): Connection => ({
  id: '0190a000-0000-7000-8000-0000000000c1',
  platform: 'woocommerce',
  name: 'Main shop',
  storeUrl: 'https://shop.test',
  netsuiteAccountId: '0190a000-0000-7000-8000-0000000000a0',
  webhookUrl: 'http://sidecar.test/webhooks/woocommerce/0190a000-0000-7000-8000-0000000000c1',
  settings: connectionSettings(),
  lastDeliveryAt: null,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  ...overrides,
});
