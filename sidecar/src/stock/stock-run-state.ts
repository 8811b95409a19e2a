/**
 * The progress of a connection's stock sync, for "Sync stock now" and the admin screen: one `settings` row per
 * connection (`stock-sync:{connectionId}`), rewritten as the run goes. Small, and a cache of the ledger's job.
 */
import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { settings } from '../db/schema.ts';

export interface StockRunState {
  state: 'queued' | 'running' | 'succeeded' | 'failed' | 'superseded';
  jobId: string | null;
  startedAt: string | null;
  skusChecked: number;
  skusChanged: number;
  batchesSent: number;
  /** SKUs whose store stock differs from the computed value (drift check of this run). */
  drifting: number;
  /** Mapped SKUs the store has no product for: never found there, or deleted since they were last written. */
  skusNotInStore: number;
  /** The first of them (sorted), to name in the admin screen. */
  notInStore: string[];
  finishedAt: string | null;
  error: { code: string; message: string } | null;
}

export const idleRunState = (): StockRunState => ({
  state: 'queued',
  jobId: null,
  startedAt: null,
  skusChecked: 0,
  skusChanged: 0,
  batchesSent: 0,
  drifting: 0,
  skusNotInStore: 0,
  notInStore: [],
  finishedAt: null,
  error: null,
});

const keyOf = (connectionId: string) => `stock-sync:${connectionId}`;

export async function readRunState(db: Queryable, connectionId: string): Promise<StockRunState | undefined> {
  const [row] = await db
    .select()
    .from(settings)
    .where(eq(settings.key, keyOf(connectionId)));
  return row?.value as StockRunState | undefined;
}

export async function saveRunState(db: Queryable, connectionId: string, state: StockRunState): Promise<void> {
  await db
    .insert(settings)
    .values({ key: keyOf(connectionId), value: state })
    .onConflictDoUpdate({ target: settings.key, set: { value: state, updatedAt: sql`now()` } });
}
