import { call } from './call.ts';

/**
 * Shapes and calls of the sidecar's stock routes of a WooCommerce connection, through the plugin's proxy:
 * `connections/{id}/stock-sync` (GET the latest run's progress, POST Sync stock now) and `connections/{id}/stock-drift`.
 */

/** `idle`: no run yet for this store; `superseded`: replaced by a newer run before it started. */
export type StockRunStateName = 'idle' | 'queued' | 'running' | 'succeeded' | 'failed' | 'superseded';

/** The store's latest stock run, rewritten by the sidecar as it goes. */
export interface StockRun {
  state: StockRunStateName;
  jobId: string | null;
  startedAt: string | null;
  skusChecked: number;
  skusChanged: number;
  batchesSent: number;
  /** SKUs whose store stock still differs from what NetSuite allows (the run's drift check). */
  drifting: number;
  /** Mapped SKUs the store has no product for: never found there, or deleted since they were last written. */
  skusNotInStore: number;
  /** The first 20 of them, sorted. */
  notInStore: string[];
  finishedAt: string | null;
  error: { code: string; message: string } | null;
}

/** One SKU whose WooCommerce stock differs from what NetSuite allows. */
export interface StockDifference {
  sku: string;
  productId: number | null;
  parentId: number | null;
  /** WooCommerce's stock_quantity (null: stock not managed). */
  storefront: number | null;
  manageStock: boolean | 'parent' | null;
  /** NetSuite available at the store's locations, less pending sales. */
  computed: number;
}

export interface StockDrift {
  connectionId: string;
  checkedAt: string;
  skusChecked: number;
  differences: StockDifference[];
}

/** The runs still going: the sidecar rewrites their progress until they end. */
export const isActiveRun = (run: StockRun) => run.state === 'queued' || run.state === 'running';

const base = (connectionId: string) => `connections/${encodeURIComponent(connectionId)}`;

export const getStockRun = (connectionId: string) => call<StockRun>('GET', `${base(connectionId)}/stock-sync`);

export const startStockSync = (connectionId: string) => call<StockRun>('POST', `${base(connectionId)}/stock-sync`);

export const getStockDrift = (connectionId: string) => call<StockDrift>('GET', `${base(connectionId)}/stock-drift`);
