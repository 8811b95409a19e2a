import type { ApiError } from '../api/client.ts';
import type {
  Alert,
  AuditEvent,
  Job,
  JobState,
  JobWithTimeline,
  Pairing,
  ReviewQueueEntry,
  SkuMapping,
  StoreState,
} from '../api/types.ts';

/** One piece of remote data with where its request stands, so every screen can show loading, empty and error. */
export interface Remote<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  data: T | null;
  error: ApiError | null;
}

/** Jobs per state: the count of the first page (`more`: there are more than that). */
export type JobCounts = Partial<Record<JobState, { count: number; more: boolean }>>;

/** The states the overview counts: what is moving and what needs someone. */
export const COUNTED_STATES: JobState[] = ['queued', 'running', 'retrying', 'held', 'dead'];

export interface State {
  pairing: Remote<Pairing>;
  store: Remote<StoreState>;
  jobCounts: Remote<JobCounts>;
  lastErrors: Remote<Job[]>;
  reviewQueue: Remote<ReviewQueueEntry[]>;
  skuMappings: Remote<SkuMapping[]>;
  alerts: Remote<Alert[]>;
  audit: Remote<AuditEvent[]>;
  job: Remote<JobWithTimeline>;
  /** A bulk release under way: how far it got. */
  progress: { done: number; total: number } | null;
}

export type RemoteKey = Exclude<keyof State, 'progress'>;

export const idle = <T>(): Remote<T> => ({ status: 'idle', data: null, error: null });

export const initialState: State = {
  pairing: idle(),
  store: idle(),
  jobCounts: idle(),
  lastErrors: idle(),
  reviewQueue: idle(),
  skuMappings: idle(),
  alerts: idle(),
  audit: idle(),
  job: idle(),
  progress: null,
};
