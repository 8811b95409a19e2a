import { type ChannelName, readChannels, resolveChannel } from '../alerts/channel-settings.ts';
import { sendToChannel } from '../alerts/send-to-channel.ts';
import type { JobHandler } from '../jobs/handler.ts';
import { PermanentJobError, RetryableJobError } from '../jobs/job-errors.ts';
import type { JobServices } from '../sidecar.ts';
import { composeReportMessage } from './report-message.ts';
import { readLatestReport } from './report-store.ts';

export const EXCEPTION_REPORT_DELIVERY_JOB_KIND = 'exception-report.deliver';

export interface ReportDeliveryPayload {
  reportId: string;
  channel: ChannelName;
}

/**
 * Sends the stored report to one alert channel (the whole report by e-mail, its summary to the webhook), retried
 * like an alert delivery. A report replaced by a newer one before it went out is not sent: the newer one is.
 */
export function reportDeliveryHandler(services: Pick<JobServices, 'db' | 'vault' | 'outbound'>): JobHandler {
  const { db, vault, outbound } = services;
  return async (job, context) => {
    const { reportId, channel } = job.payload as ReportDeliveryPayload;
    const report = await readLatestReport(db);
    if (report?.id !== reportId) {
      return void (await context.note({
        message: `Exception report ${reportId} was replaced by a newer one; not sent.`,
      }));
    }
    const resolved = await resolveChannel(db, vault, await readChannels(db), channel);
    if (!resolved) {
      return void (await context.note({
        message: `The ${channel} alert channel is no longer configured; nothing sent.`,
      }));
    }
    const result = await sendToChannel(outbound, resolved, composeReportMessage(report), job);
    if (result.ok) return void (await context.note({ message: result.message }));
    if (result.retryable) throw new RetryableJobError(result.code, result.message, result.detail, result.retryAfterMs);
    throw new PermanentJobError(result.code, result.message, result.detail);
  };
}
