/** Shapes of the sidecar's admin API (GET /api/v1/openapi.json) and the plugin's own routes, as the screens use them. */

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The sidecar's JobStateSchema, in its order. */
export const JOB_STATES = ['queued', 'running', 'retrying', 'held', 'dead', 'succeeded', 'cancelled'] as const;

export type JobState = (typeof JOB_STATES)[number];

export interface Job {
  id: string;
  kind: string;
  entityKey: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  replays: number;
  runAt: string;
  lastError?: { code?: string; message?: string } | null;
  createdAt?: string;
  updatedAt?: string;
}

export interface AuditEvent {
  id: string;
  at: string;
  type: string;
  jobId: string | null;
  entityKey: string | null;
  externalId: string | null;
  state: JobState | null;
  attempt: number | null;
  message: string;
  data: unknown;
}

/** The start of an audited body (2 KB, secrets redacted) and its whole size; JSON bodies as compact JSON text. */
export interface BodyPreview {
  preview: string;
  bytes: number;
  /** The preview is not the whole body: `audit/{id}` serves it. */
  truncated: boolean;
}

/**
 * An audit event as the lists carry it (`audit`, a job's timeline in `jobs/{id}`). An outbound call's bodies are not
 * in `data` but previewed in `bodies` (null: none sent or received); `bodies` is null on other events, and once the
 * event was read whole. `audit/{id}` answers the event as an AuditEvent, its bodies whole in `data`.
 */
export interface AuditEventPreview extends AuditEvent {
  bodies: { request: BodyPreview | null; response: BodyPreview | null } | null;
}

export interface JobWithTimeline extends Job {
  timeline: AuditEventPreview[];
}

export interface ReviewQueueEntry {
  id: string;
  jobId: string;
  kind: string;
  connectionId: string | null;
  code: string;
  reason: string;
  skus: string[];
  shippingMethods: string[];
  order: { number: string; total: string } | null;
  heldAt: string;
}

export interface SkuMapping {
  sku: string;
  netsuiteItemId: string;
  connectionId: string | null;
  source: 'merchant' | 'lookup';
  createdAt: string;
  updatedAt: string;
}

export interface SavedSkuMapping {
  sku: string;
  netsuiteItemId: string;
  connectionId: string | null;
  released: number;
}

export interface NetSuiteItem {
  id: string;
  itemId: string;
  displayName: string | null;
  type: string;
}

export interface Alert {
  id: string;
  kind: string;
  severity: 'info' | 'warning' | 'error';
  connectionId: string | null;
  message: string;
  firstSeen: string;
  lastSeen: string;
  count: number;
  acknowledged: boolean;
  acknowledgedAt: string | null;
}

export interface Pairing {
  sidecarUrl: string;
  paired: boolean;
}

export interface WebhookHealth {
  id: number;
  topic: string;
  status: string;
  failureCount: number;
}

export interface StoreState {
  connected: boolean;
  connectionId: string | null;
  webhookUrl: string | null;
  connectedAt: string | null;
  incomplete: boolean;
  webhooks: WebhookHealth[];
}

/** WooCommerce order statuses a connection may send on (the sidecar's WOOCOMMERCE_ORDER_STATUSES). */
export const ORDER_STATUSES = [
  'pending',
  'processing',
  'on-hold',
  'completed',
  'cancelled',
  'refunded',
  'failed',
  'checkout-draft',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface LocationRule {
  country: string;
  state?: string;
  locationId: string;
}

export interface GlTemplate {
  name: string;
  match: { category?: string };
  revenueAccountId?: string;
  departmentId?: string;
  classId?: string;
}

/** A connection's settings as the sidecar answers them (every default filled in): `ConnectionSettings`. */
export interface ConnectionSettings {
  externalIdPrefix: string;
  orderStatuses: OrderStatus[];
  subsidiaryId: string | null;
  masterLocationId: string;
  locationRules: LocationRule[];
  shippingItems: Record<string, string>;
  discountItemId: string | null;
  refundItemId: string | null;
  feeItemId: string | null;
  paymentMethods: Record<string, { accountId: string }>;
  taxMode: 'override' | 'netsuite';
  taxCodes: Record<string, string>;
  glTemplates: GlTemplate[];
  postingMode: 'invoice' | 'cash_sale' | 'off';
  currencyMap: Record<string, string>;
  /** The NetSuite price level whose unit price becomes the store's regular price; null: prices stay the store's. */
  priceLevelId: string | null;
  /** Multi-currency accounts: the NetSuite currency of the store's prices; null: the account has one currency. */
  priceCurrencyId: string | null;
  goLiveAt: string;
  netsuiteTimeZone: string;
}

/** `PATCH connections/{id}` takes `{ settings }`: each setting named replaces its value whole, the others stay. */
export type ConnectionSettingsPatch = Partial<ConnectionSettings>;

export interface Connection {
  id: string;
  platform: 'woocommerce' | 'shopify' | 'adobe-commerce';
  name: string;
  storeUrl: string;
  netsuiteAccountId: string;
  webhookUrl: string;
  settings: ConnectionSettings;
  lastDeliveryAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `GET stats/orders-per-day`: one entry per calendar day, oldest first. */
export interface OrdersPerDay {
  timeZone: string;
  days: { date: string; synced: number; held: number; dead: number }[];
}

/** `GET netsuite/health?hours=`: how each NetSuite account's calls went in the window. */
export interface NetSuiteAccountHealth {
  /** The sidecar's id of the account. */
  accountId: string;
  /** As NetSuite prints it: `TSTDRV1234567`. */
  netsuiteAccountId: string;
  authType: 'm2m' | 'tba';
  calls: number;
  failed: number;
  /** 429 answers. */
  throttled: number;
  /** 5xx answers. */
  serverErrors: number;
  /** 401/403 answers, and the token endpoint refusing the credentials. */
  authFailures: number;
  lastSuccessAt: string | null;
  /** `status` null: NetSuite did not answer. */
  lastFailure: { at: string; status: number | null; message: string } | null;
  lastTest: { at: string; ok: boolean; code?: string } | null;
  state: 'ok' | 'degraded' | 'failing' | 'idle';
}

export interface NetSuiteHealth {
  items: NetSuiteAccountHealth[];
  hours: number;
}

export interface Schedule {
  name: string;
  cadence: string;
  cadenceMs: number;
  lastRunAt: string | null;
  lastFinishedAt: string | null;
  nextRunAt: string;
  runningBy: string | null;
  lastOutcome: 'succeeded' | 'failed' | null;
  /** `{ message, details }` after a run, `{ code, message, detail }` after a failure, null before the first. */
  lastResult: unknown;
}

/** The Activity screen's filters, as the audit route takes them. */
export interface AuditFilter {
  q?: string;
  state?: JobState;
  /** ISO 8601 instants. */
  from?: string;
  to?: string;
}
