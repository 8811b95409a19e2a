import type { ApiError } from '../api/client.ts';
import type { Alert, AuditEvent, AuditEventPreview, Connection, Schedule, SkuMapping } from '../api/types.ts';
import { initialState, type RemoteKey, type State } from './state.ts';

export type Action =
  | { type: 'REQUEST'; key: RemoteKey }
  | { type: 'RECEIVE'; key: RemoteKey; data: unknown }
  | { type: 'FAIL'; key: RemoteKey; error: ApiError }
  | { type: 'REVIEW_ENTRIES_RELEASED'; ids: string[] }
  | { type: 'SKU_MAPPING_SAVED'; mapping: SkuMapping }
  | { type: 'ALERT_ACKNOWLEDGED'; alert: Alert }
  | { type: 'PROGRESS'; progress: State['progress'] }
  | { type: 'AUDIT_MORE'; items: AuditEventPreview[]; nextCursor: string | null }
  | { type: 'AUDIT_EVENT_WHOLE'; event: AuditEvent }
  | { type: 'CONNECTION_SAVED'; connection: Connection }
  | { type: 'SCHEDULE_SAVED'; schedule: Schedule };

export function reducer(state: State = initialState, action: Action): State {
  switch (action.type) {
    case 'REQUEST':
      // Keeps what was shown, so a refresh does not blank the screen.
      return { ...state, [action.key]: { ...state[action.key], status: 'loading', error: null } };
    case 'RECEIVE':
      return { ...state, [action.key]: { status: 'ready', data: action.data, error: null } };
    case 'FAIL':
      return { ...state, [action.key]: { ...state[action.key], status: 'error', error: action.error } };
    case 'REVIEW_ENTRIES_RELEASED': {
      const released = new Set(action.ids);
      const items = state.reviewQueue.data?.filter((entry) => !released.has(entry.id)) ?? null;
      return { ...state, reviewQueue: { ...state.reviewQueue, data: items } };
    }
    case 'SKU_MAPPING_SAVED': {
      const others = state.skuMappings.data?.filter((mapping) => mapping.sku !== action.mapping.sku) ?? [];
      return { ...state, skuMappings: { ...state.skuMappings, data: [action.mapping, ...others] } };
    }
    case 'ALERT_ACKNOWLEDGED': {
      const items = state.alerts.data?.map((alert) => (alert.id === action.alert.id ? action.alert : alert)) ?? null;
      return { ...state, alerts: { ...state.alerts, data: items } };
    }
    case 'AUDIT_MORE': {
      const pages = state.audit.data;
      if (!pages) return state;
      const data = { ...pages, items: [...pages.items, ...action.items], nextCursor: action.nextCursor };
      return { ...state, audit: { ...state.audit, data } };
    }
    case 'AUDIT_EVENT_WHOLE': {
      const { event } = action;
      // `bodies: null`: the bodies are whole in `data` now, as on any other event.
      const whole = (shown: AuditEventPreview) => (shown.id === event.id ? { ...event, bodies: null } : shown);
      const pages = state.audit.data;
      const job = state.job.data;
      return {
        ...state,
        audit: pages ? { ...state.audit, data: { ...pages, items: pages.items.map(whole) } } : state.audit,
        job: job ? { ...state.job, data: { ...job, timeline: job.timeline.map(whole) } } : state.job,
      };
    }
    case 'CONNECTION_SAVED': {
      const { connection } = action;
      const items = state.connections.data?.map((other) => (other.id === connection.id ? connection : other)) ?? [
        connection,
      ];
      return { ...state, connections: { ...state.connections, data: items } };
    }
    case 'SCHEDULE_SAVED': {
      const { schedule } = action;
      const items = state.schedules.data?.map((other) => (other.name === schedule.name ? schedule : other)) ?? [
        schedule,
      ];
      return { ...state, schedules: { ...state.schedules, data: items } };
    }
    case 'PROGRESS':
      return { ...state, progress: action.progress };
    default:
      return state;
  }
}
