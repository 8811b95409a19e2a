import type { Schedule } from '../schedules/schedule.ts';
import { summaryOf } from './report-message.ts';
import { runExceptionReport } from './run-report.ts';

/** The daily exception report (`MLC_SCHEDULE_EXCEPTION_REPORT_EVERY`, default 1 day): made, stored and sent. */
export const exceptionReportSchedule: Schedule = {
  name: 'exception-report',
  cadence: '1d',
  async run(services) {
    const report = await runExceptionReport(services.db, services.audit, 'schedule');
    services.onJobsQueued();
    return {
      message: `${summaryOf(report)}. E-mail: ${report.delivery.email.status}; webhook: ${report.delivery.webhook.status}.`,
      details: { reportId: report.id, delivery: report.delivery },
    };
  },
};
