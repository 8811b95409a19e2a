import { v7 as uuidv7 } from 'uuid';
import { type ChannelName, readChannels } from '../alerts/channel-settings.ts';
import { ALERT_DELIVERY_MAX_ATTEMPTS } from '../alerts/enqueue-deliveries.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Db, Queryable } from '../db/client.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import { EXCEPTION_REPORT_DELIVERY_JOB_KIND, type ReportDeliveryPayload } from './delivery-job.ts';
import type { DeliveryOutcome, ExceptionReport } from './report.ts';
import { storeLatestReport } from './report-store.ts';
import { readSections } from './sections.ts';

const NOT_CONFIGURED: Record<ChannelName, { code: string; message: string }> = {
  email: {
    code: 'EXCEPTION_REPORT_NO_EMAIL_CHANNEL',
    message: 'No e-mail alert channel is configured, so the report was not e-mailed. Set one up under Alert channels.',
  },
  webhook: {
    code: 'EXCEPTION_REPORT_NO_WEBHOOK_CHANNEL',
    message: 'No webhook alert channel is configured, so no summary was posted.',
  },
};

async function queueDelivery(
  db: Queryable,
  audit: AuditLog,
  reportId: string,
  channel: ChannelName,
  configured: boolean,
): Promise<DeliveryOutcome> {
  if (!configured) return { status: 'skipped', ...NOT_CONFIGURED[channel] };
  const payload: ReportDeliveryPayload = { reportId, channel };
  const { job } = await enqueueJob(
    db,
    audit,
    {
      kind: EXCEPTION_REPORT_DELIVERY_JOB_KIND,
      entityKey: `exception-report:${reportId}:${channel}`,
      idempotencyKey: `exception-report:${reportId}:${channel}`,
      payload,
      maxAttempts: ALERT_DELIVERY_MAX_ATTEMPTS,
    },
    ALERT_DELIVERY_MAX_ATTEMPTS,
  );
  return { status: 'queued', jobId: job.id };
}

/**
 * Makes a report of how things are now, stores it as the latest, and queues its sending to each configured channel,
 * all in one transaction. Every run sends its own report: once a day from the schedule, and at each request.
 */
export async function runExceptionReport(
  db: Db,
  audit: AuditLog,
  trigger: ExceptionReport['trigger'],
  now = new Date(),
): Promise<ExceptionReport> {
  return db.transaction(async (tx) => {
    const id = uuidv7();
    const sections = await readSections(tx, now);
    const channels = await readChannels(tx);
    const report: ExceptionReport = {
      id,
      generatedAt: now.toISOString(),
      trigger,
      sections,
      delivery: {
        email: await queueDelivery(tx, audit, id, 'email', channels.email !== null),
        webhook: await queueDelivery(tx, audit, id, 'webhook', channels.webhook !== null),
      },
    };
    await storeLatestReport(tx, report);
    return report;
  });
}
