import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * queued → running → succeeded; running → retrying → running; running → held → queued (release);
 * running → dead → queued (replay); queued | retrying | held | dead → cancelled.
 */
export const jobState = pgEnum('job_state', [
  'queued',
  'running',
  'retrying',
  'held',
  'dead',
  'succeeded',
  'cancelled',
]);

/** The job ledger: every unit of work the sidecar does, durable from the moment its caller commits. */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey(),
    /** Insertion order; decides which job of an entity goes first. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    /** Jobs sharing an entity key run one at a time, in `seq` order (one order, one customer, …). */
    entityKey: text('entity_key').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    payload: jsonb('payload').notNull(),
    state: jobState('state').notNull().default('queued'),
    /** Starts of the current run of this job; reset by release and replay. */
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    replays: integer('replays').notNull().default(0),
    runAt: timestamptz('run_at').notNull().defaultNow(),
    lockedBy: text('locked_by'),
    lockedUntil: timestamptz('locked_until'),
    lastError: jsonb('last_error').$type<JobErrorRecord>(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [
    uniqueIndex('jobs_idempotency_key_uq').on(t.idempotencyKey),
    // The database itself refuses a second running job of one entity, whatever a claim races against.
    uniqueIndex('jobs_one_running_per_entity_uq').on(t.entityKey).where(sql`${t.state} = 'running'`),
    index('jobs_entity_seq_idx').on(t.entityKey, t.seq),
    index('jobs_claimable_idx').on(t.runAt, t.seq).where(sql`${t.state} in ('queued', 'retrying', 'running')`),
    index('jobs_state_idx').on(t.state, t.id),
  ],
);

export type JobErrorRecord = { code: string; message: string; detail?: unknown };

/** What happened, when, to which job and record: every job transition and every outbound call. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey(),
    at: timestamptz('at').notNull().defaultNow(),
    type: text('type').notNull(),
    jobId: uuid('job_id'),
    entityKey: text('entity_key'),
    externalId: text('external_id'),
    state: jobState('state'),
    attempt: integer('attempt'),
    requestId: text('request_id'),
    message: text('message').notNull(),
    data: jsonb('data'),
  },
  (t) => [
    index('audit_job_idx').on(t.jobId, t.at),
    index('audit_entity_idx').on(t.entityKey, t.at),
    // Only outbound calls and flow steps name a record; job transitions (most rows) stay out of this index.
    index('audit_external_id_idx').on(t.externalId, t.at).where(sql`${t.externalId} is not null`),
    index('audit_at_idx').on(t.at),
  ],
);

/** Encrypted secrets (compact JWE, dir/A256GCM), one row per named secret. */
export const secrets = pgTable('secrets', {
  name: text('name').primaryKey(),
  ciphertext: text('ciphertext').notNull(),
  keyId: text('key_id').notNull(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

/** Small facts the sidecar keeps about itself (the master key's check value, …). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

/**
 * NetSuite's account-wide concurrency cap, shared by every sidecar process on this database: one row per slot
 * (created on demand, `slot` < the cap), held by one request in flight. A holder that dies frees its slot when
 * `expires_at` passes.
 */
export const netsuitePermits = pgTable(
  'netsuite_permits',
  {
    accountId: text('account_id').notNull(),
    slot: integer('slot').notNull(),
    /** host:pid:uuid of the request holding the slot; null when free. */
    holder: text('holder'),
    expiresAt: timestamptz('expires_at'),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.slot] })],
);

/** A NetSuite account the sidecar writes to. Its credentials are in the vault (`netsuite-account:{id}:…`). */
export const netsuiteAccounts = pgTable(
  'netsuite_accounts',
  {
    id: uuid('id').primaryKey(),
    /** As NetSuite prints it: `1234567`, `1234567_SB1`, `TSTDRV1234567`. */
    accountId: text('account_id').notNull(),
    /** An origin (scheme, host, port) when not the account's own SuiteTalk host (a simulator, a proxy). */
    baseUrl: text('base_url'),
    authType: text('auth_type').$type<'m2m' | 'tba'>().notNull(),
    /** Not secret: the integration's client id and certificate id (M2M), shown back to the admin. */
    clientId: text('client_id'),
    certificateId: text('certificate_id'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('netsuite_accounts_account_id_uq').on(t.accountId)],
);

/**
 * A storefront connected to a NetSuite account. Webhooks arrive at `/webhooks/{platform}/{id}`; its webhook
 * secrets and API credentials are in the vault (`connection:{id}:…`).
 */
export const connections = pgTable('connections', {
  id: uuid('id').primaryKey(),
  platform: text('platform').$type<'woocommerce' | 'shopify' | 'adobe-commerce'>().notNull(),
  name: text('name').notNull(),
  storeUrl: text('store_url').notNull(),
  netsuiteAccountId: uuid('netsuite_account_id')
    .notNull()
    .references(() => netsuiteAccounts.id),
  settings: jsonb('settings').notNull(),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

/**
 * Every verified webhook delivery, stored in the transaction that enqueues its job, before the sender hears 200.
 * An exact redelivery (same webhook, delivery id and body) is recognised by the unique key and adds nothing. Its job
 * is the one whose idempotency key is `inbound:{id}`.
 */
export const inboundEvents = pgTable(
  'inbound_events',
  {
    id: uuid('id').primaryKey(),
    connectionId: uuid('connection_id')
      .notNull()
      // Disconnecting a store removes what it sent: the bodies hold its customers' personal data.
      .references(() => connections.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    topic: text('topic').notNull(),
    /** The platform's id of the webhook that sent it (WooCommerce `X-WC-Webhook-ID`). */
    webhookId: text('webhook_id').notNull(),
    /** The platform's delivery id; not unique on its own for WooCommerce (it is derived from the second). */
    deliveryId: text('delivery_id').notNull(),
    bodySha256: text('body_sha256').notNull(),
    /** The exact bytes received (kept for the retention period, then cleared). */
    body: text('body'),
    headers: jsonb('headers').notNull(),
    /**
     * `webhook`: the platform sent it. `backfill`: the connector read it from the platform's REST API because the
     * webhook never came (WooCommerce does not retry a failed delivery); the body has the webhook's shape.
     */
    source: text('source').$type<'webhook' | 'backfill'>().notNull().default('webhook'),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inbound_events_delivery_uq').on(t.connectionId, t.webhookId, t.deliveryId, t.bodySha256),
    // Also answers "when did this store last deliver?" (max received_at): no per-delivery write to the connection.
    index('inbound_events_received_idx').on(t.connectionId, t.receivedAt),
  ],
);

/**
 * Which NetSuite item a storefront SKU is. A row without a connection serves every connection; a connection's own
 * row wins over it. `lookup` rows were found in NetSuite by item name and remembered; `merchant` rows were saved by
 * the merchant and are never overwritten by a look-up.
 */
export const skuMappings = pgTable(
  'sku_mappings',
  {
    id: uuid('id').primaryKey(),
    sku: text('sku').notNull(),
    connectionId: uuid('connection_id').references(() => connections.id, { onDelete: 'cascade' }),
    /** The connection, or `*` for all: unique with the SKU, and a plain column so upserts can name it as the target. */
    scope: text('scope').notNull().generatedAlwaysAs(sql`coalesce(connection_id::text, '*')`),
    netsuiteItemId: text('netsuite_item_id').notNull(),
    source: text('source').$type<'merchant' | 'lookup'>().notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sku_mappings_scope_sku_uq').on(t.scope, t.sku), index('sku_mappings_sku_idx').on(t.sku)],
);

/**
 * What the merchant should know about (an unmapped SKU, a failing store). A repeat of an open alert (same dedupe key,
 * not acknowledged) counts on the same row; once acknowledged, the next occurrence opens a new one.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    severity: text('severity').$type<'info' | 'warning' | 'error'>().notNull(),
    connectionId: uuid('connection_id').references(() => connections.id, { onDelete: 'cascade' }),
    dedupeKey: text('dedupe_key').notNull(),
    message: text('message').notNull(),
    firstSeen: timestamptz('first_seen').notNull().defaultNow(),
    lastSeen: timestamptz('last_seen').notNull().defaultNow(),
    count: integer('count').notNull().default(1),
    acknowledgedAt: timestamptz('acknowledged_at'),
  },
  (t) => [
    uniqueIndex('alerts_open_dedupe_key_uq').on(t.dedupeKey).where(sql`${t.acknowledgedAt} is null`),
    index('alerts_last_seen_idx').on(t.lastSeen),
  ],
);

/**
 * What the order flow last wrote to NetSuite for a storefront order: the sales order it became and the storefront's
 * modification time of the version written, the clock an older delivery is recognised as stale by.
 */
export const orderLinks = pgTable(
  'order_links',
  {
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    orderId: text('order_id').notNull(),
    salesOrderId: text('sales_order_id').notNull(),
    /** The storefront's `date_modified_gmt` of the version written, as canonical UTC text. */
    lastModifiedGmt: text('last_modified_gmt').notNull(),
    /** Digest of the order content last carried through completely: an unchanged redelivery is recognised by it. */
    fingerprint: text('fingerprint'),
    /** When the sales order was first written (the link is inserted right after that write, then only updated). */
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  // Also serves the Overview chart: orders first synced per day, across connections.
  (t) => [primaryKey({ columns: [t.connectionId, t.orderId] }), index('order_links_created_idx').on(t.createdAt)],
);

/**
 * Work the sidecar does on a clock (missed-webhook backfill, NetSuite polls, reports), one row per schedule. Whatever
 * the number of processes, a schedule runs once per period: a process runs it only after claiming the row with one
 * conditional UPDATE (due, and no live lease), which moves `next_run_at` one period on and takes the lease.
 */
export const schedules = pgTable('schedules', {
  name: text('name').primaryKey(),
  /** The period in ms, as configured on the process that registered it last. */
  cadenceMs: bigint('cadence_ms', { mode: 'number' }).notNull(),
  /** Due from this instant. */
  nextRunAt: timestamptz('next_run_at').notNull(),
  lastStartedAt: timestamptz('last_started_at'),
  lastFinishedAt: timestamptz('last_finished_at'),
  lastOutcome: text('last_outcome').$type<'succeeded' | 'failed'>(),
  /** What the last run reported (`{ message, details }`), or its error (`{ code, message, detail }`). */
  lastResult: jsonb('last_result'),
  /** The process running it now; its lease is renewed while it runs and lapses if the process dies. */
  runningBy: text('running_by'),
  leaseUntil: timestamptz('lease_until'),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

/**
 * How far the missed-webhook backfill has read a store's REST collection: everything modified up to `modified_after`
 * has been looked at and, if missing, enqueued. Never before the connection's `goLiveAt`.
 */
export const backfillCursors = pgTable(
  'backfill_cursors',
  {
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    /** `orders` or `customers`. */
    resource: text('resource').$type<'orders' | 'customers'>().notNull(),
    /** The store's `date_modified_gmt` read up to (the next poll starts a safety margin before it). */
    modifiedAfter: timestamptz('modified_after').notNull(),
    /**
     * A collection the store cannot list by modification time (customers) is swept page by page, in id order, over
     * as many polls as it takes: the page the sweep resumes at (1: a new sweep), when the sweep began (database
     * clock) and the newest `date_modified_gmt` it has read (store clock). Once the sweep is complete, the earlier of
     * the two becomes `modified_after`: a record changed after its page was read is then read again by the next sweep.
     */
    nextPage: integer('next_page').notNull().default(1),
    sweepStartedAt: timestamptz('sweep_started_at'),
    sweepNewestModified: timestamptz('sweep_newest_modified'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.resource] })],
);

/**
 * How far a NetSuite poll has read, per NetSuite account and record type (`itemFulfillment`): the newest
 * `lastmodifieddate` seen, as NetSuite's own text (`YYYY-MM-DD HH24:MI:SS`, the account's clock). The next poll reads
 * from a safety overlap before it (spec §6.5); what it reads again is recognised by the jobs' idempotency keys.
 */
export const netsuitePollCursors = pgTable(
  'netsuite_poll_cursors',
  {
    netsuiteAccountId: uuid('netsuite_account_id')
      .notNull()
      .references(() => netsuiteAccounts.id, { onDelete: 'cascade' }),
    recordType: text('record_type').$type<'itemFulfillment'>().notNull(),
    lastModified: text('last_modified').notNull(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.netsuiteAccountId, t.recordType] })],
);

/**
 * What was written back to the storefront for a NetSuite item fulfillment, so it is written once however often it is
 * polled or its job replayed: the customer note's id, the tracking numbers it carried, and the status set.
 */
export const fulfillmentWritebacks = pgTable(
  'fulfillment_writebacks',
  {
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    fulfillmentId: text('fulfillment_id').notNull(),
    orderId: text('order_id').notNull(),
    salesOrderId: text('sales_order_id').notNull(),
    /** The fulfillment's `lastmodifieddate` written back (NetSuite's text). */
    lastModified: text('last_modified').notNull(),
    noteId: text('note_id'),
    trackingNumbers: jsonb('tracking_numbers').$type<string[]>().notNull(),
    /** `completed` when this write-back completed the order, else null. */
    statusSet: text('status_set'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.connectionId, t.fulfillmentId] }),
    index('fulfillment_writebacks_order_idx').on(t.connectionId, t.orderId),
  ],
);

/**
 * What the stock sync knows of a storefront SKU: the WooCommerce product it is (resolved once by SKU, with its parent
 * for a variation), the stock it last computed from NetSuite and the stock it last wrote. A run writes a SKU only
 * when its computed value differs from `last_written`. `drift_since` is when the drift check first found the store's
 * stock differing from the computed value (cleared when they agree): a drift seen on two runs raises an alert.
 */
export const stockLevels = pgTable(
  'stock_levels',
  {
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    netsuiteItemId: text('netsuite_item_id').notNull(),
    /** WooCommerce product id (the variation's own id for a variation); null while the store has no such SKU. */
    productId: text('product_id'),
    /** The parent product of a variation, else null. */
    parentId: text('parent_id'),
    lastComputed: integer('last_computed'),
    lastWritten: integer('last_written'),
    writtenAt: timestamptz('written_at'),
    driftSince: timestamptz('drift_since'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.sku] })],
);

/**
 * What the price sync knows of a storefront SKU: the WooCommerce product it is (resolved once by SKU, with its parent
 * for a variation) and the regular price it last wrote, as the decimal string it sent. A run writes a SKU only when
 * NetSuite's price differs from `last_written`.
 */
export const priceLevels = pgTable(
  'price_levels',
  {
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    /** WooCommerce product id (the variation's own id for a variation); null while the store has no such SKU. */
    productId: text('product_id'),
    /** The parent product of a variation, else null. */
    parentId: text('parent_id'),
    lastWritten: text('last_written'),
    writtenAt: timestamptz('written_at'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.sku] })],
);
