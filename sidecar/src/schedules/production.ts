import type { Schedule, ScheduleServices } from './schedule.ts';

/** The schedules a running connector registers; `main.ts` hands this to `startSidecar`. */
export function productionSchedules(_services: ScheduleServices): Schedule[] {
  return [];
}
