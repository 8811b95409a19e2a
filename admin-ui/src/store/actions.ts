import { type ApiError, request } from '../api/client.ts';
import type {
  Alert,
  AuditEvent,
  Job,
  JobWithTimeline,
  Page,
  Pairing,
  ReviewQueueEntry,
  SavedSkuMapping,
  SkuMapping,
  StoreState,
} from '../api/types.ts';
import type { Action } from './reducer.ts';
import { COUNTED_STATES, type JobCounts, type RemoteKey, type State } from './state.ts';

/** What a thunk gets from @wordpress/data: dispatch of plain actions and the store's state. */
interface ThunkArgs {
  dispatch: (action: Action) => void;
  select: { getReviewQueue: () => State['reviewQueue'] };
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
export const searchAudit = (q: string) => load('audit', () => items<AuditEvent>('audit', { q, limit: 100 }));
export const loadJob = (id: string) => load('job', () => request<JobWithTimeline>('GET', `jobs/${id}`));

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
    dispatch({ type: 'PROGRESS', progress: { done: 0, total: ids.length } });
    for (const id of ids) {
      try {
        await request('POST', `review-queue/${id}/release`);
        released.push(id);
      } catch (error) {
        failed.push({ id, error: error as ApiError });
      }
      dispatch({ type: 'PROGRESS', progress: { done: released.length + failed.length, total: ids.length } });
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
