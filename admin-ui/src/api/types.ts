/** Shapes of the sidecar's admin API (GET /api/v1/openapi.json) and the plugin's own routes, as the screens use them. */

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type JobState = 'queued' | 'running' | 'retrying' | 'held' | 'dead' | 'succeeded' | 'cancelled';

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

export interface JobWithTimeline extends Job {
  timeline: AuditEvent[];
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
