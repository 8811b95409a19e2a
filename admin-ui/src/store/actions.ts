import { type ApiError, request } from '../api/client.ts';
import type {
  Alert,
  AuditEvent,
  AuditEventPreview,
  AuditFilter,
  Connection,
  ConnectionSettingsPatch,
  Job,
  JobWithTimeline,
  NetSuiteHealth,
  OrdersPerDay,
  Page,
  Pairing,
  ReviewQueueEntry,
  SavedSkuMapping,
  Schedule,
  SkuMapping,
  StoreState,
} from '../api/types.ts';
import type { Action } from './reducer.ts';
import { COUNTED_STATES, type JobCounts, type RemoteKey, type State } from './state.ts';

/** What a thunk gets from @wordpress/data: dispatch of plain actions and the store's state. */
interface ThunkArgs {
  dispatch: (action: Action) => void;
  select: { getReviewQueue: () => State['reviewQueue']; getAudit: () => State['audit'] };
}

/** Loads one piece of remote data through REQUEST → RECEIVE | FAIL. */
const load =
  <T>(key: RemoteKey, fetcher: () => Promise<T>) =>
  async ({ dispatch }: ThunkArgs): Promise<void> => {
    dispatch({ type: 'REQUEST', key });
    try {
      dispatch({ type: 'RECEIVE', key, data: await fetcher() });
    } catch (error) {
      dispatch({ type: 'FAIL', key, error: error as ApiError });
    }
  };

const items = async <T>(route: string, query: Record<string, string | number | undefined> = {}) =>
  (await request<Page<T>>('GET', route, { query })).items;

const COUNT_PAGE = 200;

export const loadPairing = () => load('pairing', () => request<Pairing>('GET', 'pairing'));
export const loadStore = () => load('store', () => request<StoreState>('GET', 'store'));

export const loadJobCounts = () =>
  load('jobCounts', async () => {
    const pages = await Promise.all(
      COUNTED_STATES.map((state) => request<Page<Job>>('GET', 'jobs', { query: { state, limit: COUNT_PAGE } })),
    );
    const counts: JobCounts = {};
    COUNTED_STATES.forEach((state, index) => {
      const page = pages[index];
      if (page) counts[state] = { count: page.items.length, more: page.nextCursor !== null };
    });
    return counts;
  });

export const loadLastErrors = () => load('lastErrors', () => items<Job>('jobs', { state: 'dead', limit: 5 }));
export const loadReviewQueue = () => load('reviewQueue', () => items<ReviewQueueEntry>('review-queue', { limit: 200 }));
export const loadSkuMappings = () => load('skuMappings', () => items<SkuMapping>('sku-mappings', { limit: 200 }));
export const loadAlerts = () => load('alerts', () => items<Alert>('alerts', { acknowledged: 'false' }));

/** Audit events per page (Activity); the sidecar allows up to 200. */
export const AUDIT_PAGE = 50;

/** Searches the audit trail afresh: the first page for these filters (state, from/to, free text q). */
export const searchAudit = (filter: AuditFilter = {}) =>
  load('audit', async () => {
    const page = await request<Page<AuditEventPreview>>('GET', 'audit', { query: { ...filter, limit: AUDIT_PAGE } });
    return { filter, items: page.items, nextCursor: page.nextCursor };
  });

/** The next page of the current search (`before` = its nextCursor); rejects with an ApiError, the shown rows stay. */
export const loadMoreAudit =
  () =>
  async ({ dispatch, select }: ThunkArgs): Promise<void> => {
    const pages = select.getAudit().data;
    if (!pages?.nextCursor) return;
    const page = await request<Page<AuditEventPreview>>('GET', 'audit', {
      query: { ...pages.filter, limit: AUDIT_PAGE, before: pages.nextCursor },
    });
    dispatch({ type: 'AUDIT_MORE', items: page.items, nextCursor: page.nextCursor });
  };

export const loadConnections = () => load('connections', () => items<Connection>('connections'));
export const loadOrdersPerDay = (days = 14) =>
  load('ordersPerDay', () => request<OrdersPerDay>('GET', 'stats/orders-per-day', { query: { days } }));
export const loadNetSuiteHealth = (hours = 24) =>
  load('netsuiteHealth', () => request<NetSuiteHealth>('GET', 'netsuite/health', { query: { hours } }));
export const loadSchedules = () => load('schedules', () => items<Schedule>('schedules'));
export const loadJob = (id: string) => load('job', () => request<JobWithTimeline>('GET', `jobs/${id}`));

/**
 * One audit event whole, in place of its body previews wherever it is shown (the search list, the job's timeline):
 * a stock run's page would be MBs with every body in it. Rejects with an ApiError; the previews stay.
 */
export const loadAuditEvent =
  (id: string) =>
  async ({ dispatch }: ThunkArgs): Promise<void> => {
    const event = await request<AuditEvent>('GET', `audit/${id}`);
    dispatch({ type: 'AUDIT_EVENT_WHOLE', event });
  };

/** Re-enables a WooCommerce webhook; the store's health comes back with it. */
export const activateWebhook =
  (id: number) =>
  async ({ dispatch }: ThunkArgs): Promise<void> => {
    const store = await request<StoreState>('POST', `store/webhooks/${id}/activate`);
    dispatch({ type: 'RECEIVE', key: 'store', data: store });
  };

/**
 * Releases held orders one after another, reporting progress; one refusal (already released elsewhere) does not
 * stop the others. Answers which went and why the rest did not.
 */
export const releaseReviewEntries =
  (ids: string[]) =>
  async ({ dispatch }: ThunkArgs): Promise<{ released: string[]; failed: { id: string; error: ApiError }[] }> => {
    const released: string[] = [];
    const failed: { id: string; error: ApiError }[] = [];
    const progress = () => ({
      done: released.length + failed.length,
      total: ids.length,
      failed: failed.map(({ id, error }) => ({ id, message: error.message })),
    });
    dispatch({ type: 'PROGRESS', progress: progress() });
    // One at a time: each release queues a job the worker picks up at once; a burst would only contend for it.
    for (const id of ids) {
      try {
        await request('POST', `review-queue/${id}/release`);
        released.push(id);
      } catch (error) {
        failed.push({ id, error: error as ApiError });
      }
      dispatch({ type: 'PROGRESS', progress: progress() });
    }
    dispatch({ type: 'REVIEW_ENTRIES_RELEASED', ids: released });
    dispatch({ type: 'PROGRESS', progress: null });
    return { released, failed };
  };

/**
 * Maps a SKU to a NetSuite item. The sidecar releases every order held only for SKUs now mapped and answers how
 * many; the review queue is read again so they leave it.
 */
export const saveSkuMapping =
  (sku: string, netsuiteItemId: string) =>
  async (args: ThunkArgs): Promise<SavedSkuMapping> => {
    const saved = await request<SavedSkuMapping>('PUT', `sku-mappings/${encodeURIComponent(sku)}`, {
      data: { netsuiteItemId },
    });
    const now = new Date().toISOString();
    const mapping: SkuMapping = { ...saved, source: 'merchant', createdAt: now, updatedAt: now };
    args.dispatch({ type: 'SKU_MAPPING_SAVED', mapping });
    if (saved.released > 0 && args.select.getReviewQueue().status !== 'idle') await loadReviewQueue()(args);
    return saved;
  };

export const acknowledgeAlert =
  (id: string) =>
  async ({ dispatch }: ThunkArgs): Promise<void> => {
    const alert = await request<Alert>('POST', `alerts/${id}/ack`);
    dispatch({ type: 'ALERT_ACKNOWLEDGED', alert });
  };

/** Runs a dead or finished job again (same id, same externalIds), then shows its timeline afresh. */
export const replayJob =
  (id: string) =>
  async (args: ThunkArgs): Promise<void> => {
    await request('POST', `jobs/${id}/replay`);
    await loadJob(id)(args);
  };

/**
 * Changes some of a connection's settings (`PATCH connections/{id}` with `{ settings }`): each one named replaces its
 * value whole. Rejects with the sidecar's ApiError (400 INVALID_SETTINGS names the setting); answers the connection.
 */
export const saveConnectionSettings =
  (id: string, settings: ConnectionSettingsPatch) =>
  async ({ dispatch }: ThunkArgs): Promise<Connection> => {
    const connection = await request<Connection>('PATCH', `connections/${id}`, { data: { settings } });
    dispatch({ type: 'CONNECTION_SAVED', connection });
    return connection;
  };

/**
 * Runs a schedule now. The sidecar answers when the run has ended (a failed run is a 200 with its error in
 * lastResult); 409 SCHEDULE_RUNNING when it is running already, here or in another process.
 */
export const runSchedule =
  (name: string) =>
  async ({ dispatch }: ThunkArgs): Promise<Schedule> => {
    const schedule = await request<Schedule>('POST', `schedules/${encodeURIComponent(name)}/run`);
    dispatch({ type: 'SCHEDULE_SAVED', schedule });
    return schedule;
  };
