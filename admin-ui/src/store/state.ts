import type { ApiError } from '../api/client.ts';
import type {
  Alert,
  AuditEventPreview,
  AuditFilter,
  Connection,
  Job,
  JobState,
  JobWithTimeline,
  NetSuiteHealth,
  OrdersPerDay,
  Pairing,
  ReviewQueueEntry,
  Schedule,
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

/** The audit pages loaded so far for one filter; `nextCursor` continues it (Load more). */
export interface AuditPages {
  filter: AuditFilter;
  items: AuditEventPreview[];
  nextCursor: string | null;
}

/** A bulk release under way: how far it got and what was refused, with the sidecar's reason. */
export interface ReleaseProgress {
  done: number;
  total: number;
  failed: { id: string; message: string }[];
}

export interface State {
  pairing: Remote<Pairing>;
  store: Remote<StoreState>;
  jobCounts: Remote<JobCounts>;
  lastErrors: Remote<Job[]>;
  reviewQueue: Remote<ReviewQueueEntry[]>;
  skuMappings: Remote<SkuMapping[]>;
  alerts: Remote<Alert[]>;
  audit: Remote<AuditPages>;
  job: Remote<JobWithTimeline>;
  connections: Remote<Connection[]>;
  ordersPerDay: Remote<OrdersPerDay>;
  netsuiteHealth: Remote<NetSuiteHealth>;
  schedules: Remote<Schedule[]>;
  progress: ReleaseProgress | null;
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
  connections: idle(),
  ordersPerDay: idle(),
  netsuiteHealth: idle(),
  schedules: idle(),
  progress: null,
};
